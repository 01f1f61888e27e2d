package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.model.MultiTaskBlock;

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
    private final NDArray[] flattenedFrom;
    private final NDArray[] flatViews;

    private final FusedAdam.Fit fused;
    /**
     * How many zeros the fused Adam's layout puts before each gradient in the flat gradient, and
     * after the last (all 0 without the fused Adam).
     */
    private final long[] gapLengths;
    /** The zeros between gradients in that layout (kept; null where there is no gap). */
    private final NDArray[] gaps;
    /** Which parameters {@code freeze(...)} keeps as they are in this fit. */
    private final boolean[] frozen;

    /**
     * @param fused mtl4j's Adam over all parameters at once (Adam and AdamW fits), or null to
     *     call {@code optimizer} (DJL's SGD) per parameter
     */
    ParameterUpdate(MultiTaskBlock block, Optimizer optimizer, double clipNorm, Scalars scalars,
            NDManager manager, FusedAdam.Fit fused) {
        this.fused = fused;
        this.parameters = new ArrayList<>(block.getParameters().values());
        this.gradients = new NDArray[parameters.size()];
        this.flattenedFrom = new NDArray[parameters.size()];
        this.flatViews = new NDArray[parameters.size()];
        this.manager = manager;
        this.headOf = new int[parameters.size()];
        this.frozen = new boolean[parameters.size()];
        for (int i = 0; i < frozen.length; i++) {
            // batch norm's running statistics: moved by the forward pass, never by the optimizer
            // (AdamW's weight decay would shrink them)
            frozen[i] = !parameters.get(i).requiresGradient();
        }
        Arrays.fill(headOf, -1);
        for (int t = 0; t < block.heads().size(); t++) {
            for (Parameter parameter : block.heads().get(t).getParameters().values()) {
                headOf[parameters.indexOf(parameter)] = t;
            }
        }
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.scalars = scalars;
        this.gapLengths = new long[parameters.size() + 1];
        if (fused != null) {
            long[] offsets = fused.offsets();
            for (int i = 0; i < gapLengths.length; i++) {
                long end = i == 0 ? 0 : offsets[i - 1] + parameters.get(i - 1).getArray().size();
                gapLengths[i] = offsets[i] - end;
            }
        }
        this.gaps = new NDArray[parameters.size() + 1];
    }

    /**
     * Keeps {@code parameters} as they are in this fit: no update, their optimizer state
     * untouched, their gradients zeroed before the check and clipping.
     */
    void freeze(List<Parameter> frozenParameters) {
        for (Parameter parameter : frozenParameters) {
            frozen[parameters.indexOf(parameter)] = true;
        }
    }

    /** Zeroes all gradients (before the first step, in case an earlier fit failed mid-step). */
    void zeroGradients() {
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            if (weight.hasGradient()) {
                Torch.zeroGradient(weight);
            }
        }
    }

    /**
     * The gradients a step left: each parameter's (kept handles) and all of them as one flat
     * vector (a copy owned by the step), which the divergence check and the fused Adam read.
     */
    record StepGradients(NDArray[] each, NDArray flat) {}

    /** Gathers the step's gradients (before the check and the update). */
    StepGradients gather(NDManager stepManager) {
        NDArray[] each = new NDArray[parameters.size()];
        NDList flat = new NDList(2 * each.length + 1);
        for (int i = 0; i < each.length; i++) {
            each[i] = gradient(i, stepManager);
            addGap(flat, i, each[i]);
            if (frozen[i] && parameters.get(i).getArray().hasGradient()) {
                Torch.zeroGradient(parameters.get(i).getArray());
            }
            if (flattenedFrom[i] != each[i]) {
                flattenedFrom[i] = each[i];
                flatViews[i] = each[i].reshape(-1);
                flatViews[i].attach(each[i].getManager());
            }
            flat.add(flatViews[i]);
        }
        addGap(flat, each.length, each[0]);
        NDArray all = Torch.cat(flat, 0);
        all.attach(stepManager);
        return new StepGradients(each, all);
    }

    /**
     * Adds the zeros that the fused Adam's layout puts before gradient {@code i} (or, for {@code
     * i} = the number of parameters, after the last), made once per fit like {@code like}.
     */
    private void addGap(NDList flat, int i, NDArray like) {
        if (gapLengths[i] == 0) {
            return;
        }
        if (gaps[i] == null) {
            gaps[i] = manager.zeros(new Shape(gapLengths[i]), like.getDataType(),
                    like.getDevice());
        }
        flat.add(gaps[i]);
    }

    /**
     * The gathered gradients on the host, back to back in parameter order (without the fused
     * Adam's gaps).
     */
    float[] hostValues(StepGradients gradients) {
        float[] laidOut = Tensors.toFloats(gradients.flat());
        return fused == null ? laidOut : fused.backToBack(laidOut);
    }

    /**
     * Gradients given back to back in parameter order, laid out as {@link #gather} lays out its
     * flat gradient (zeros in the fused Adam's gaps).
     */
    float[] laidOut(float[] values) {
        return fused == null ? values : fused.laidOut(values);
    }

    /**
     * The sum of all gradients, a vector of one value owned by the step: one pass, no copy. It is finite when
     * every gradient is; NaN or infinite when one is not, or (rarely) when huge finite gradients
     * overflow the sum, which {@link #largest} then tells apart.
     */
    static NDArray sentinel(StepGradients gradients) {
        return gradients.flat().sum(ALL, true);
    }

    private static final int[] ALL = {0};

    /** The largest gradient magnitude: NaN or infinite exactly when some gradient is. */
    static NDArray largest(StepGradients gradients) {
        return gradients.flat().abs().max();
    }

    /** Drops the step's gradients without applying them (a skipped or stopping step). */
    void discard() {
        zeroGradients();
    }

    /**
     * Applies the gathered gradients.
     *
     * @param rateFactor the step's learning rate over the base rate (fused Adam, scheduled fits),
     *     or null for the base rate; DJL's optimizers read the rate from their tracker instead
     * @param hostFactor the same factor as a number (1 for the base rate)
     */
    void apply(NDManager stepManager, Batch batch, StepGradients gradients, NDArray rateFactor,
            float hostFactor) {
        NDArray[] current = gradients.each();
        if (clipNorm > 0) {
            clip(gradients, stepManager);
        }
        if (fused != null) {
            boolean[] skipped = new boolean[parameters.size()];
            for (int i = 0; i < skipped.length; i++) {
                skipped[i] = frozen[i] || headOf[i] >= 0 && !batch.hasLabels(headOf[i]);
            }
            fused.update(current, gradients.flat(), skipped, stepManager, rateFactor, hostFactor);
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (frozen[i] || headOf[i] >= 0 && !batch.hasLabels(headOf[i])) {
                continue;
            }
            Parameter parameter = parameters.get(i);
            optimizer.update(parameter.getId(), parameter.getArray(), current[i]);
        }
    }

    /** Parameter {@code i}'s gradient: the kept handle, or zeros before its first backward. */
    private NDArray gradient(int i, NDManager stepManager) {
        if (gradients[i] == null) {
            NDArray gradient = Torch.gradient(parameters.get(i).getArray());
            if (gradient == null) {
                return stepManager.zeros(parameters.get(i).getArray().getShape(),
                        parameters.get(i).getArray().getDataType());
            }
            gradient.attach(manager);
            gradients[i] = gradient;
        }
        return gradients[i];
    }

    /** Scales every gradient (and the flat copy) to a global L2 norm of at most clipNorm. */
    private void clip(StepGradients gradients, NDManager manager) {
        NDArray squares = gradients.flat().square();
        NDArray norm = squares.sum().sqrt().add(scalars.of(1e-6));
        NDArray factor = scalars.of(clipNorm).div(norm);
        factor.attach(manager);
        NDArray capped = factor.minimum(scalars.of(1.0));
        for (NDArray gradient : gradients.each()) {
            gradient.muli(capped);
        }
        gradients.flat().muli(capped);
    }
}
