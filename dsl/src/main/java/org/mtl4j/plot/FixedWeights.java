package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TrainingHistory;

/**
 * Says when a run's task weights never changed: with {@code equal()} or {@code
 * weights(Map.of(...))} every task keeps one weight at every step, and a weight chart would only
 * draw flat lines. The live view shows this sentence instead of drawing that chart.
 *
 * <p>Example: after {@code model.fit(table, epochs(5))} with equal weighting, {@code
 * FixedWeights.of(run.history())} is {@code Optional.of("all tasks 1 at every step")}; with
 * {@code weights(Map.of("a", 1.0, "b", 0.5))} it is {@code "a 1, b 0.5 at every step"};
 * with {@code uncertainty()} it is empty.
 */
public final class FixedWeights {

    private FixedWeights() {}

    /** The fixed weights as a sentence, or empty when a weight changed (or no step was run). */
    public static Optional<String> of(TrainingHistory history) {
        List<StepRecord> steps = history.steps();
        List<String> tasks = history.tasks();
        if (steps.isEmpty() || tasks.isEmpty()) {
            return Optional.empty();
        }
        double[] first = new double[tasks.size()];
        for (int t = 0; t < first.length; t++) {
            first[t] = steps.get(0).weight(t);
        }
        for (StepRecord step : steps) {
            for (int t = 0; t < first.length; t++) {
                if (Double.compare(step.weight(t), first[t]) != 0) {
                    return Optional.empty();
                }
            }
        }
        boolean allSame = true;
        for (double w : first) {
            allSame &= Double.compare(w, first[0]) == 0;
        }
        if (allSame && first.length > 1) {
            return Optional.of("all tasks " + AxisTicks.number(first[0], 4) + " at every step");
        }
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < first.length; t++) {
            parts.add(tasks.get(t) + " " + AxisTicks.number(first[t], 4));
        }
        return Optional.of(String.join(", ", parts) + " at every step");
    }
}
