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

    /**
     * Whether higher values of the metric named {@code name} (a column name such as {@code
     * "accuracy"}) are better: accuracy, macro-F1 and AUC; errors (MAE, RMSE) and losses are
     * better lower.
     */
    static boolean higherIsBetter(String name) {
        return name.equals("accuracy") || name.equals("macro_f1") || name.equals("auc");
    }

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
