package org.mtl4j.weighting;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.function.Supplier;
import org.mtl4j.engine.FusedAdam;
import org.mtl4j.engine.FusedAdamOptimizer;
import org.mtl4j.engine.Scalars;

/**
 * What a {@link Weighting} gets when a fit starts.
 *
 * <p>Inside the DSL the training loop makes it. In a hand-written DJL loop, make one with {@link
 * #of}:
 *
 * <pre>{@code
 * TaskWeigher weigher = pcgrad().start(
 *         WeightingContext.of(List.of("a", "b"), manager, trunk.getParameters().values()));
 * }</pre>
 *
 * @param tasks the task names, in order
 * @param manager a manager that lives as long as the weigher (for weights, state); in the DSL,
 *     as long as the model
 * @param scalars long-lived scalar tensors of the model's float type
 * @param sharedParameters the parameters every task shares (the trunk's, or the experts' and
 *     gates'), in forward order; empty without a trunk
 * @param seed seeds the strategy's random choices (RLW's weights, PCGrad's task order)
 * @param optimizer makes a new optimizer like the model's, for strategies with learned weights
 *     (uncertainty, IMTL-L): in the DSL {@code OptimizerSpec.create()}, which gives mtl4j's Adam
 *     ({@link FusedAdamOptimizer}) for {@code adam} and {@code adamW}
 */
public record WeightingContext(
        List<String> tasks,
        NDManager manager,
        Scalars scalars,
        List<Parameter> sharedParameters,
        long seed,
        Supplier<Optimizer> optimizer) {

    /** Copies the lists. */
    public WeightingContext {
        tasks = List.copyOf(tasks);
        sharedParameters = List.copyOf(sharedParameters);
    }

    /**
     * A context for a hand-written loop: float32 scalars, seed 0 and mtl4j's Adam (learning rate
     * 1e-3) for learned weights.
     *
     * @param tasks the task names, in the order of the losses
     * @param manager a manager that lives as long as the training
     * @param sharedParameters the shared parameters, in forward order
     */
    public static WeightingContext of(
            List<String> tasks, NDManager manager, List<Parameter> sharedParameters) {
        return new WeightingContext(tasks, manager, new Scalars(manager, DataType.FLOAT32),
                sharedParameters, 0L,
                () -> new FusedAdamOptimizer(FusedAdam.Settings.adam(1e-3f), Tracker.fixed(1e-3f)));
    }

    /**
     * The last shared parameter with two dimensions or more: the weights of the last shared dense
     * or convolution layer.
     */
    Parameter lastSharedLayer(String strategy) {
        for (int i = sharedParameters.size() - 1; i >= 0; i--) {
            Parameter parameter = sharedParameters.get(i);
            if (parameter.getArray().getShape().dimension() >= 2) {
                return parameter;
            }
        }
        throw new IllegalArgumentException(strategy + " needs a shared layer with weights, but the"
                + " model shares none. Received: sharedParameters=" + names() + ". Add one, e.g."
                + " .trunk(dense(64), relu()).");
    }

    /** Checks that there are shared parameters to take gradients of. */
    void requireSharedParameters(String strategy) {
        if (sharedParameters.isEmpty()) {
            throw new IllegalArgumentException(strategy + " combines the tasks' gradients of the"
                    + " shared parameters, but the model shares none. Received: sharedParameters=[]."
                    + " Add a trunk, e.g. .trunk(dense(64), relu()).");
        }
    }

    private List<String> names() {
        return sharedParameters.stream().map(Parameter::getName).toList();
    }
}
