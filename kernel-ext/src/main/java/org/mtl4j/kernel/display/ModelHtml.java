package org.mtl4j.kernel.display;

import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.HardSharing;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;

/**
 * A model as an HTML summary: inputs (and their encodings once trained), the shared part (trunk
 * layers, or the architecture such as MMoE with its experts and gates), one row per task head with
 * loss and metrics, parameter counts per part, and the device.
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
        if (parts != null) {
            html.append(" — ").append(MultiTaskBlock.parameterCount(parts.block()))
                    .append(" parameters on ").append(Html.escape(parts.device()))
                    .append(", trained ").append(model.history().epochs().size())
                    .append(" epochs");
        } else {
            html.append(" — not trained yet");
        }
        html.append("<table><thead><tr><th>part</th><th>layers</th><th>loss</th>")
                .append("<th>metrics</th><th>parameters</th></tr></thead><tbody>");
        String inputs = Html.escape(spec.inputs());
        if (parts != null) {
            inputs += "<br/><small>" + Html.escape(String.join("; ", parts.encoder().describe()))
                    + " → " + parts.encoder().width() + " features</small>";
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
        html.append("</tbody></table>weighting: ").append(Html.escape(spec.weighting()));
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
