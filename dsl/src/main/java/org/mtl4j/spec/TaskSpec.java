package org.mtl4j.spec;

import java.util.List;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.metrics.Metric;

/**
 * One task: its name, the column holding its labels, its head (layers after the shared trunk, the
 * last one a {@link Dense} giving the task's outputs), its loss and its metrics.
 *
 * <p>Example (built by the DSL): {@code .task("sentiment").head(dense(2)).loss(crossEntropy())
 * .metric(accuracy())} gives {@code TaskSpec[name=sentiment, labelColumn=sentiment,
 * head=[dense(2)], loss=crossEntropy(), metrics=[accuracy()], scaleTarget=true]}. The label
 * column defaults to the task name.
 *
 * @param name unique task name
 * @param labelColumn the table column with the labels
 * @param head the head's layers (empty until given; checked at build())
 * @param loss the loss (null until given; checked at build())
 * @param metrics the metrics, possibly none
 * @param scaleTarget for a regression task, whether its labels are standardised with the training
 *     split's mean and standard deviation for training (default true; predictions and MAE/RMSE
 *     stay in the original units, losses are in standard deviations); ignored for classification
 * @param given the earlier binary task whose positive outcome this binary task follows ({@code
 *     .given("click")}), or null: the head then models P(this | given), and the task predicts,
 *     and is trained over every row on, P(given and this) = P(given) · P(this | given) (ESMM, Ma
 *     et al. 2018)
 */
public record TaskSpec(
        String name,
        String labelColumn,
        List<Layer> head,
        Loss loss,
        List<Metric> metrics,
        boolean scaleTarget,
        String given) {

    /** A task that follows no other. */
    public TaskSpec(String name, String labelColumn, List<Layer> head, Loss loss,
            List<Metric> metrics, boolean scaleTarget) {
        this(name, labelColumn, head, loss, metrics, scaleTarget, null);
    }

    /** A task whose regression target is standardised (the default). */
    public TaskSpec(
            String name, String labelColumn, List<Layer> head, Loss loss, List<Metric> metrics) {
        this(name, labelColumn, head, loss, metrics, true);
    }

    /** Copies the lists. */
    public TaskSpec {
        head = List.copyOf(head);
        metrics = List.copyOf(metrics);
    }

    /** Number of outputs of the head: the units of its last dense layer, or 0 if it has none. */
    public int outputs() {
        return head.isEmpty() || !(head.get(head.size() - 1) instanceof Dense last)
                ? 0
                : last.units();
    }
}
