package org.mtl4j.weighting;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fixed weights chosen by hand: the model minimises {@code Σ_t w_t · L_t}. Every task needs a
 * weight, finite and at least 0.
 *
 * <p>Example: {@code .weighting(weights(Map.of("sentiment", 2.0, "domain", 0.5)))}
 *
 * @param weights weight per task name
 */
public record StaticWeighting(Map<String, Double> weights) implements Weighting {

    /** Copies and checks the weights. */
    public StaticWeighting {
        if (weights == null || weights.entrySet().stream()
                .anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new IllegalArgumentException(
                    "weights() needs a weight for every task name. Received: weights(" + weights
                            + "). Use e.g. weights(Map.of(\"task1\", 1.0, \"task2\", 0.5)).");
        }
        weights = Map.copyOf(weights);
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            double w = entry.getValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "Task weight for '" + entry.getKey() + "' must be finite and at least 0."
                                + " Received: " + entry.getKey() + "=" + w
                                + ". Use e.g. 1.0.");
            }
        }
    }

    @Override
    public void validate(List<String> tasks) {
        for (String task : tasks) {
            if (!weights.containsKey(task)) {
                throw new IllegalArgumentException(
                        "weights(...) has no weight for task '" + task + "'. Received: "
                                + sorted() + ". Give every task a weight: " + tasks + ".");
            }
        }
        for (String name : new TreeSet<>(weights.keySet())) {
            if (!tasks.contains(name)) {
                throw new IllegalArgumentException(
                        "weights(...) names task '" + name + "', which the model does not have."
                                + " Received: " + sorted() + ". Use the task names " + tasks
                                + ".");
            }
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        double[] values = context.tasks().stream().mapToDouble(weights::get).toArray();
        return new ConstantWeigher(context.scalars().vector(values));
    }

    private Map<String, Double> sorted() {
        return new TreeMap<>(weights);
    }

    @Override
    public String toString() {
        return "weights(" + sorted() + ")";
    }
}
