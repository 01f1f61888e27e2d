package org.mtl4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.annotation.Internal;

/**
 * {@link FusedAdam} as a DJL {@link Optimizer} that updates one array at a time: what {@code
 * adam(lr).create()} and {@code adamW(lr).create()} give, so that the learned task weights of
 * uncertainty weighting and IMTL-L, and hand-written DJL loops, use mtl4j's Adam rather than
 * DJL's. Each parameter id gets its own state (moments in the array's manager and type) and
 * counts its own updates; DJL's Adam instead corrects the bias of every parameter by the largest
 * count of all, which is the same as long as every parameter is updated every step. Like DJL's
 * Adam it zeroes the gradient it was given after the update. The learning rate comes from the
 * tracker, read at every update.
 *
 * <p>{@link #state} and {@link #restore} use the keys under which mtl4j saved DJL's Adam state for
 * one parameter ({@code optimizer.means}, {@code optimizer.variances}, {@code optimizer.counts} =
 * [updates, DJL's step number]), so such saved state continues here.
 *
 * <p>Example: {@code Optimizer adam = new FusedAdamOptimizer(FusedAdam.Settings.adam(0.05f),
 * Tracker.fixed(0.05f)); adam.update("s", logVariances, gradient);}
 */
@Internal
public final class FusedAdamOptimizer extends Optimizer {

    private static final String PREFIX = "optimizer.";

    private final FusedAdam.Settings settings;
    private final Tracker rate;
    private final Map<String, Slot> slots = new HashMap<>();

    /** One parameter's state and its views. */
    private record Slot(NDArray weight, FusedAdam adam, FusedAdam.Fit fit) {}

    /**
     * @param settings Adam's or AdamW's settings (form and weight decay)
     * @param rate the learning rate of each update; its ratio to {@code
     *     settings.learningRate()} scales the step
     */
    public FusedAdamOptimizer(FusedAdam.Settings settings, Tracker rate) {
        super(new Builder());
        this.settings = settings;
        this.rate = rate;
    }

    /** The settings (the base learning rate, decay, form). */
    public FusedAdam.Settings settings() {
        return settings;
    }

    @Override
    public synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        Slot slot = slot(parameterId, weight);
        float now = rate.getNewValue(parameterId, slot.adam().largestCount() + 1);
        try (NDManager step = weight.getManager().newSubManager()) {
            NDArray flat = grad.reshape(-1);
            flat.attach(step);
            NDArray factor = null;
            if (now != settings.learningRate()) {
                double ratio = (double) now / settings.learningRate();
                factor = weight.getDataType() == DataType.FLOAT64 ? step.create(ratio)
                        : step.create((float) ratio);
            }
            slot.fit().update(new NDArray[] {grad}, flat, new boolean[] {false}, step, factor);
        }
    }

    /**
     * The state of {@code parameterId}: moments and {@code [updates, step number]}; empty before
     * its first update.
     */
    public synchronized Map<String, double[]> state(String parameterId) {
        Slot slot = slots.get(parameterId);
        Map<String, double[]> state = new HashMap<>();
        if (slot == null || slot.adam().largestCount() == 0) {
            return state;
        }
        state.put(PREFIX + "means", slot.adam().mean().toType(DataType.FLOAT64, false)
                .toDoubleArray());
        state.put(PREFIX + "variances", slot.adam().variance().toType(DataType.FLOAT64, false)
                .toDoubleArray());
        state.put(PREFIX + "counts",
                new double[] {slot.adam().counts()[0], slot.adam().largestCount()});
        return state;
    }

    /**
     * Puts back what {@link #state} gave (or mtl4j saved of DJL's Adam) for {@code weight}; an
     * empty state leaves a fresh one.
     *
     * @throws IllegalArgumentException if the moments do not fit {@code weight}
     */
    public synchronized void restore(String parameterId, NDArray weight,
            Map<String, double[]> state) {
        double[] means = state.get(PREFIX + "means");
        double[] variances = state.get(PREFIX + "variances");
        double[] counts = state.get(PREFIX + "counts");
        if (means == null || variances == null || counts == null) {
            return;
        }
        slot(parameterId, weight).adam().restore(means, variances, new int[] {(int) counts[0]},
                (int) counts[1]);
    }

    private Slot slot(String parameterId, NDArray weight) {
        Slot slot = slots.get(parameterId);
        if (slot == null || slot.weight() != weight) {
            Parameter parameter = Parameter.builder().setName(parameterId)
                    .setType(Parameter.Type.OTHER).optArray(weight).build();
            NDManager manager = weight.getManager();
            FusedAdam adam = FusedAdam.over(List.of(parameter), settings, manager,
                    weight.getDataType());
            slot = new Slot(weight, adam,
                    adam.start(manager, new Scalars(manager, weight.getDataType())));
            slots.put(parameterId, slot);
        }
        return slot;
    }

    @Override
    public String toString() {
        return "FusedAdamOptimizer" + settings;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
