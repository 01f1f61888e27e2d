package org.mtl4j.spark;

import java.io.Serializable;
import org.mtl4j.Mtl4j;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.FitSettings;
import org.mtl4j.train.OptimizerSpec;

/**
 * What every replica of a Spark fit needs besides the model and its rows (plain values, so that
 * Spark can serialise it to the executors).
 *
 * @param epochs epochs this barrier stage trains
 * @param batchSize rows of a global batch
 * @param seed the fit's seed (shuffles, initialisation)
 * @param optimizer name, learning rate, momentum and weight decay of the optimizer spec
 * @param clipGradientNorm global L2 norm the combined gradient is clipped to (0: none)
 * @param threads libtorch threads per replica
 * @param syncEvery 1: the replicas average their gradients every step; k > 1: each replica takes
 *     k local steps, then their parameters are averaged
 */
record ReplicaConfig(int epochs, int batchSize, long seed, String optimizer, double learningRate,
        double momentum, double weightDecay, double clipGradientNorm, int threads, int syncEvery)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    static ReplicaConfig of(FitSettings settings, int epochs, int syncEvery) {
        OptimizerSpec spec = settings.optimizer();
        return new ReplicaConfig(epochs, settings.batchSize(), settings.seed(), spec.name(),
                spec.learningRate(), spec.momentum(), spec.weightDecay(),
                settings.clipGradientNorm(), Math.max(1, settings.threads()), syncEvery);
    }

    /** The fit settings a replica trains with (quiet). */
    FitSettings settings() {
        java.util.List<FitOption> options = new java.util.ArrayList<>(java.util.List.of(
                Mtl4j.epochs(Math.max(1, epochs)), Mtl4j.batchSize(batchSize), Mtl4j.seed(seed),
                Mtl4j.threads(threads), Mtl4j.quiet(),
                new OptimizerSpec(optimizer, learningRate, momentum, weightDecay)));
        if (clipGradientNorm > 0) {
            options.add(Mtl4j.clipGradientNorm(clipGradientNorm));
        }
        return FitSettings.of(options.toArray(new FitOption[0]));
    }
}
