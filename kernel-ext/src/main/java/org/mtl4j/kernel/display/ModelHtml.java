package org.mtl4j.kernel.display;

import java.util.List;
import java.util.OptionalInt;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.sharing.HardSharing;

/**
 * A model as an HTML summary: inputs and their width (the encodings folded away once trained),
 * the shared part (trunk layers, or the architecture such as MMoE with its experts and gates), one
 * row per task head with loss and metrics, parameter counts per part, and the device; then for a
 * trunk model a Keras-style layer table ({@link LayerSummary}: every layer's output shape and
 * parameters, the totals), before {@code fit()} too when the input width is known.
 *
 * <p>Example: {@code ModelHtml.of(model)} for the quickstart model lists the trunk {@code
 * [dense(20), relu()]} with 220 parameters and five heads of 21; an MMoE model has a row {@code
 * MMoE} with {@code experts(8, dense(16), relu()).gates()}.
 */
public final class ModelHtml {

    private ModelHtml() {}

    /** The summary. */
    public static String of(MultiTaskModel model) {
        ModelSpec spec = model.spec();
        ModelParts parts = model.parts().orElse(null);
        StringBuilder html = new StringBuilder("<div class=\"mtl4j-model\"><b>MultiTaskModel</b>");
        OptionalInt width = parts != null ? OptionalInt.of(parts.encoder().networkWidth())
                : LayerSummary.inputWidth(spec);
        List<LayerSummary.Row> layers = width.isPresent()
                ? LayerSummary.rows(spec, width.getAsInt()) : List.of();
        if (parts != null) {
            html.append(" — ").append(MultiTaskBlock.parameterCount(parts.block()))
                    .append(" parameters on ").append(Html.escape(parts.device()))
                    .append(" (all trainable), trained ").append(model.history().epochs().size())
                    .append(" epochs");
        } else if (!layers.isEmpty()) {
            html.append(" — not trained yet; ").append(LayerSummary.total(layers))
                    .append(" parameters (all trainable) once built");
        } else {
            html.append(" — not trained yet");
        }
        html.append("<table><thead><tr><th>part</th><th>layers</th><th>loss</th>")
                .append("<th>metrics</th><th>parameters</th></tr></thead><tbody>");
        String inputs = Html.escape(spec.inputs());
        if (width.isPresent()) {
            inputs += " → " + width.getAsInt() + " features";
        } else {
            inputs += " → width learned from the data at fit()";
        }
        if (parts != null) {
            inputs += "<details><summary>encoding</summary><small>"
                    + Html.escape(String.join("; ", parts.encoder().describe()))
                    + "</small></details>";
        }
        row(html, "inputs", inputs, "", "", "");
        boolean hard = spec.sharing() instanceof HardSharing;
        row(html, hard ? "trunk" : Html.escape(spec.sharing().kind()),
                Html.escape(hard ? spec.trunk() : spec.sharing()), "", "",
                parts == null ? "" : count(parts.block().sharing()));
        for (int t = 0; t < spec.tasks().size(); t++) {
            TaskSpec task = spec.tasks().get(t);
            row(html, "task " + Html.escape(task.name()), Html.escape(task.head()),
                    Html.escape(task.loss()), Html.escape(task.metrics()),
                    parts == null ? "" : count(parts.block().heads().get(t)));
        }
        html.append("</tbody></table>weighting: ").append(Html.escape(spec.weighting()))
                .append(" · initializer: ").append(Html.escape(spec.initializer()));
        if (!layers.isEmpty()) {
            html.append("<table class=\"mtl4j-layers\"><thead><tr><th>part</th><th>layer</th>")
                    .append("<th>output shape</th><th>parameters</th></tr></thead><tbody>");
            row(html, "inputs", "", "(batch, " + width.getAsInt() + ")", "0");
            for (LayerSummary.Row layer : layers) {
                row(html, Html.escape(layer.part()), Html.escape(layer.layer()), layer.shape(),
                        String.valueOf(layer.parameters()));
            }
            long total = LayerSummary.total(layers);
            html.append("</tbody></table>total: ").append(total).append(" parameters, trainable: ")
                    .append(total).append(", non-trainable: 0");
        }
        return html.append("</div>").toString();
    }

    private static String count(ai.djl.nn.Block block) {
        return String.valueOf(MultiTaskBlock.parameterCount(block));
    }

    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(cell).append("</td>");
        }
        html.append("</tr>");
    }
}
