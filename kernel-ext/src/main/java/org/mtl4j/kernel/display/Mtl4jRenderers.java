package org.mtl4j.kernel.display;

import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.plot.ChartFiles;
import org.mtl4j.plot.ChartGrid;
import org.mtl4j.plot.ImageGrid;
import org.mtl4j.plot.ClassReport;
import org.mtl4j.plot.ChartText;
import org.mtl4j.plot.RunComparison;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/**
 * Registers how mtl4j's objects show in a notebook: XChart charts as image/png (image/svg+xml
 * when asked) with a text/plain description ({@link ChartText}), grids of charts as one PNG, run
 * comparisons as their figure beside their results table,
 * Tablesaw tables as escaped HTML plus text, models as an HTML summary, training runs
 * as a report with their charts, histories as their epoch table. Nothing loads JavaScript or any
 * remote resource, so outputs render offline, in classic Notebook and in JupyterLab.
 *
 * <p>Example: {@code Mtl4jRenderers.register(kernel.getRenderer());}
 */
public final class Mtl4jRenderers {

    private static final MIMEType SVG = MIMEType.parse("image/svg+xml");

    private Mtl4jRenderers() {}

    /** Adds the registrations to {@code renderer}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(SVG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder()
                            .encodeToString(ChartFiles.pngBytes((Chart<?, ?>) chart)));
                    context.renderIfRequested(SVG, () -> svg((Chart<?, ?>) chart));
                    context.getOutputContainer().putText(ChartText.of((Chart<?, ?>) chart));
                });
        renderer.createRegistration(ChartGrid.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((grid, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder()
                            .encodeToString(ChartFiles.pngBytes(grid)));
                    context.getOutputContainer().putText(grid.toString());
                });
        renderer.createRegistration(ImageGrid.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((grid, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder()
                            .encodeToString(ChartFiles.pngBytes(grid.image())));
                    context.getOutputContainer().putText(grid.toString());
                });
        renderer.createRegistration(RunComparison.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((comparison, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<div"
                            + " class=\"mtl4j-compare\" style=\"display:flex;flex-wrap:wrap;"
                            + "gap:12px;"
                            + "align-items:flex-start\">" + Html.image(comparison.chart())
                            + TableHtml.of(comparison.table(), 40, 0) + "</div>");
                    context.getOutputContainer().putText(comparison.toString());
                });
        renderer.createRegistration(ClassReport.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<div"
                            + " class=\"mtl4j-class-report\" style=\"display:flex;"
                            + "flex-wrap:wrap;gap:12px;align-items:flex-start\">"
                            + Html.image(report.chart()) + TableHtml.of(report.perClass())
                            + "</div>");
                    context.getOutputContainer().putText(report.toString());
                });
        renderer.createRegistration(org.mtl4j.TaskAddition.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML,
                            () -> TableHtml.of(report.table()));
                    context.getOutputContainer().putText(report.toString());
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table));
                    context.getOutputContainer().putText(
                            table.rowCount() > TableHtml.MAX_FULL_ROWS
                                    ? table.print(TableHtml.MAX_FULL_ROWS)
                                    : table.printAll());
                });
        renderer.createRegistration(MultiTaskModel.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((model, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> ModelHtml.of(model));
                    context.getOutputContainer().putText(model.summary());
                });
        renderer.createRegistration(TrainingRun.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((run, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> RunHtml.of(run));
                    context.getOutputContainer().putText(RunHtml.text(run));
                });
        renderer.createRegistration(TrainingHistory.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((history, context) -> {
                    Table table = history.toTable();
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table));
                    context.getOutputContainer().putText(table.print(TableHtml.MAX_FULL_ROWS));
                });
    }

    private static String svg(Chart<?, ?> chart) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(
                    chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
