package org.mtl4j.spec.metrics;

/**
 * A task metric computed after each epoch on the validation split (on the training split when
 * there is none) and by {@code model.evaluate(table)}: {@link Accuracy}, {@link MacroF1} for
 * classification ({@link Auc} for two classes), {@link Mae}, {@link Rmse} for regression. Rows
 * without a label do not count.
 *
 * <p>Example: {@code .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy())}
 */
public sealed interface Metric permits Accuracy, Auc, MacroF1, Mae, Rmse {

    /** The column name of this metric in history tables, e.g. {@code "accuracy"}. */
    String name();

    /** Whether the metric is for classification (true) or regression (false). */
    boolean forClasses();

    /**
     * Computes the metric.
     *
     * @param predictions the labelled rows' predictions and labels (at least one row)
     * @return the metric value
     */
    double compute(TaskPredictions predictions);
}
