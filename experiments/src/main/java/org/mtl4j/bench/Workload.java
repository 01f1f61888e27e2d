package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.dense;
import static org.mtl4j.Mtl4j.relu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.spec.layers.Layer;

/**
 * One benchmark model: an MLP trunk of {@code trunk} widths (ReLU after each), {@code
 * regressionHeads} regression heads {@code dense(1)} with MSE and, with {@code classHead}, one
 * 3-class head {@code dense(3)} with cross-entropy, trained with Adam(1e-3) in batches of {@code
 * batchSize}.
 *
 * <p>Example: {@code Workload.SMALL} is trunk 32 → 64 → 64, one regression and one 3-class head.
 *
 * @param name the row label in the tables
 * @param trunk the widths of the trunk's dense layers
 * @param regressionHeads number of regression tasks
 * @param classHead whether there is a 3-class task {@code kind}
 * @param batchSize rows per step
 */
record Workload(String name, int[] trunk, int regressionHeads, boolean classHead, int batchSize) {

    /** Overhead-bound: per-op cost dominates. */
    static final Workload SMALL = new Workload("small 32-64-64", new int[] {64, 64}, 1, true,
            128);

    /** Compute-bound: the matrix products dominate. */
    static final Workload COMPUTE = new Workload("wide 32-1024-1024", new int[] {1024, 1024}, 1,
            true, 128);

    /** The trunk as DSL layers. */
    Layer[] trunkLayers() {
        List<Layer> layers = new ArrayList<>();
        for (int width : trunk) {
            layers.add(dense(width));
            layers.add(relu());
        }
        return layers.toArray(Layer[]::new);
    }

    /** The same trunk with {@code heads} regression heads and no class head. */
    Workload withRegressionHeadsOnly(int heads) {
        return new Workload(name, trunk, heads, false, batchSize);
    }

    /**
     * Floating-point operations of one training step on {@code inputs} input columns: the dense
     * layers' products forward (2·batch·in·out each), their weight gradients (as many) and their
     * input gradients (as many, except for the first layer, whose input needs none).
     */
    double flopsPerStep(int inputs) {
        double forward = 0;
        double firstLayer = (double) inputs * trunk[0];
        int in = inputs;
        for (int width : trunk) {
            forward += (double) in * width;
            in = width;
        }
        forward += (double) in * (regressionHeads + (classHead ? 3 : 0));
        return 2.0 * batchSize * (3 * forward - firstLayer);
    }

    /** Number of tasks. */
    int tasks() {
        return regressionHeads + (classHead ? 1 : 0);
    }

    /** The trunk widths as {@code 64,64}. */
    String trunkSpec() {
        return String.join(",", Arrays.stream(trunk).mapToObj(Integer::toString).toList());
    }
}
