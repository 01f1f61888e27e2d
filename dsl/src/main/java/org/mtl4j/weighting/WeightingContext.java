package org.mtl4j.weighting;

import ai.djl.nn.Parameter;
import java.util.List;
import org.mtl4j.spec.Scalars;

/**
 * What a {@link Weighting} gets when a fit starts.
 *
 * <p>Example: {@code context.manager().ones(new Shape(context.tasks().size()))}
 *
 * @param tasks the task names, in order
 * @param manager a manager that lives as long as the fit (for weights, state)
 * @param scalars long-lived scalar tensors of the model's float type
 * @param sharedParameters the trunk's parameters, in forward order (empty without a trunk)
 */
public record WeightingContext(
        List<String> tasks,
        ai.djl.ndarray.NDManager manager,
        Scalars scalars,
        List<Parameter> sharedParameters) {

    /** Copies the lists. */
    public WeightingContext {
        tasks = List.copyOf(tasks);
        sharedParameters = List.copyOf(sharedParameters);
    }
}
