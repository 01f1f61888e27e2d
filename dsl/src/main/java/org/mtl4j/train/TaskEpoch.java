package org.mtl4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's figures for one epoch.
 *
 * <p>Example: {@code history.lastEpoch().task("sentiment").metrics().get("accuracy")}
 *
 * @param task the task name
 * @param trainLoss mean training loss over the epoch's labelled rows (with dropout active); for a
 *     regression task in standard deviations of its target unless {@code .scaleTarget(false)}
 * @param validationLoss mean loss on the validation split (NaN without one)
 * @param weight mean weight the strategy gave the task over the epoch
 * @param metrics metric name to value, on the validation split; without one, over the outputs of
 *     the epoch's training steps as they ran (running values, as in Keras), also for a fit on a
 *     source (summed batch by batch as the rows stream; past 16,384 labelled rows AUC is
 *     estimated, and {@code auc_max_error} gives how far it can be from the exact value)
 */
public record TaskEpoch(
        String task,
        double trainLoss,
        double validationLoss,
        double weight,
        Map<String, Double> metrics) {

    /** Copies the metrics. */
    public TaskEpoch {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Whether {@code name} is not a metric but the error bound of an estimated one ({@code
     * auc_max_error}): tables show it beside the metric, charts leave it out.
     */
    public static boolean isErrorBound(String name) {
        return name.equals(MetricSums.AUC_MAX_ERROR);
    }
}
