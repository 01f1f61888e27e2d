package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.Scalars;

/**
 * Applies the gradients left by a step: optional clipping by global L2 norm (on the device, no
 * host sync), then the optimizer, which also zeroes each gradient. The head of a task that had no
 * labelled row in the batch is left alone (as PyTorch skips parameters without a gradient), so
 * momentum and weight decay do not move it.
 *
 * <p>A parameter's gradient tensor stays the same tensor across steps (backward accumulates into
 * it in place and the optimizer zeroes it in place), so its handle is fetched once per fit and
 * kept in {@code manager} rather than fetched (one native call and one array object) every step.
 */
final class ParameterUpdate {

    private final List<Parameter> parameters;
    private final int[] headOf;
    private final Optimizer optimizer;
    private final double clipNorm;
    private final Scalars scalars;
    private final NDManager manager;
    private final NDArray[] gradients;

    private final FusedAdam.Fit fused;

    /**
     * @param fused Adam over all parameters at once, or null to call {@code optimizer} per
     *     parameter
     */
    ParameterUpdate(MultiTaskBlock block, Optimizer optimizer, double clipNorm, Scalars scalars,
            NDManager manager, FusedAdam.Fit fused) {
        this.fused = fused;
        this.parameters = new ArrayList<>(block.getParameters().values());
        this.gradients = new NDArray[parameters.size()];
        this.manager = manager;
        this.headOf = new int[parameters.size()];
        Arrays.fill(headOf, -1);
        for (int t = 0; t < block.heads().size(); t++) {
            for (Parameter parameter : block.heads().get(t).getParameters().values()) {
                headOf[parameters.indexOf(parameter)] = t;
            }
        }
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.scalars = scalars;
    }

    /** Zeroes all gradients (before the first step, in case an earlier fit failed mid-step). */
    void zeroGradients() {
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            if (weight.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) weight);
            }
        }
    }

    void apply(NDManager stepManager, Batch batch) {
        List<NDArray> current = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            current.add(gradient(i, stepManager));
        }
        if (clipNorm > 0) {
            clip(current, stepManager);
        }
        if (fused != null) {
            boolean[] skipped = new boolean[parameters.size()];
            for (int i = 0; i < skipped.length; i++) {
                skipped[i] = headOf[i] >= 0 && !batch.hasLabels(headOf[i]);
            }
            fused.update(current.toArray(NDArray[]::new), skipped, stepManager);
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (headOf[i] >= 0 && !batch.hasLabels(headOf[i])) {
                continue;
            }
            Parameter parameter = parameters.get(i);
            optimizer.update(parameter.getId(), parameter.getArray(), current.get(i));
        }
    }

    /** Parameter {@code i}'s gradient: the kept handle, or zeros before its first backward. */
    private NDArray gradient(int i, NDManager stepManager) {
        if (gradients[i] == null) {
            PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameters.get(i).getArray());
            if (gradient == null) {
                return stepManager.zeros(parameters.get(i).getArray().getShape(),
                        parameters.get(i).getArray().getDataType());
            }
            gradient.attach(manager);
            gradients[i] = gradient;
        }
        return gradients[i];
    }

    private void clip(List<NDArray> gradients, NDManager manager) {
        NDArray squares = null;
        for (NDArray gradient : gradients) {
            NDArray square = gradient.square();
            square.attach(manager);
            NDArray sum = square.sum();
            squares = squares == null ? sum : squares.add(sum);
        }
        NDArray norm = squares.sqrt().add(scalars.of(1e-6));
        NDArray factor = scalars.of(clipNorm).div(norm);
        factor.attach(manager);
        NDArray capped = factor.minimum(scalars.of(1.0));
        for (NDArray gradient : gradients) {
            gradient.muli(capped);
        }
    }
}
