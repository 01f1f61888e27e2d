package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.plot.Charts;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    private static Renderer renderer() {
        Renderer renderer = new Renderer();
        Mtl4jRenderers.register(renderer);
        return renderer;
    }

    @Test
    void chartsRenderAsPngAndAsSvgWhenAsked() throws Exception {
        var chart = Charts.weights(org.mtl4j.train.TrainingHistory.empty(List.of("a")));

        DisplayData png = renderer().render(chart);
        DisplayData svg = renderer().renderAs(chart, "image/svg+xml");

        byte[] bytes = Base64.getDecoder().decode((String) png.getData(MIMEType.IMAGE_PNG));
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(Charts.WIDTH);
        assertThat((String) svg.getData(MIMEType.parse("image/svg+xml"))).contains("<svg");
        assertThat((String) png.getData(MIMEType.TEXT_PLAIN))
                .isEqualTo("Task weights (step → weight)\n  a: no data yet");
    }

    @Test
    void aClassReportShowsItsConfusionMatrixBesideThePerClassTable() {
        var report = org.mtl4j.plot.ClassReport.of(
                tech.tablesaw.api.StringColumn.create("y", "a", "b", "b"),
                tech.tablesaw.api.StringColumn.create("p", "a", "b", "a"));

        DisplayData data = renderer().render(report);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertThat(html).contains("mtl4j-class-report", "<img", "precision", "recall", "support");
        assertThat((String) data.getData(MIMEType.TEXT_PLAIN))
                .startsWith("Class report: 2 classes, accuracy 0.667");
    }

    @Test
    void aTaskAdditionReportShowsItsTable() {
        Table old = SeedExample.table(120, 2, 1);
        Table rows = SeedExample.table(120, 3, 2).rejectColumns("task1", "task2");
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2", "x3"))
                .trunk(dense(4), relu())
                .task("task1").head(dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .build()) {
            model.fit(old, epochs(1), quiet());
            try (MultiTaskModel extended = model.withTask("task3").head(dense(1)).loss(mse())
                    .build()) {
                extended.fit(rows, epochs(1), quiet(), freeze(trunk()));
                var report = org.mtl4j.TaskAddition.measure(model, extended, rows,
                        SeedExample.table(50, 3, 3), epochs(1), quiet());

                DisplayData data = renderer().render(report);

                assertThat((String) data.getData(MIMEType.TEXT_HTML))
                        .contains("<table", "baseline", "withTask", "task3");
                assertThat((String) data.getData(MIMEType.TEXT_PLAIN))
                        .contains("Adding [task3]", "change");
            }
        }
    }

    @Test
    void chartGridsRenderAsOnePngWithATextDescription() throws Exception {
        var history = org.mtl4j.train.TrainingHistory.empty(List.of("a")).plus(List.of(),
                new org.mtl4j.train.EpochRecord(1, List.of(new org.mtl4j.train.TaskEpoch("a", 1,
                        Double.NaN, 1, java.util.Map.of("accuracy", 0.75, "f1", 0.5))), 0.1));

        DisplayData data = renderer().render(Charts.metrics(history));

        byte[] bytes = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isGreaterThan(
                Charts.WIDTH);
        assertThat((String) data.getData(MIMEType.TEXT_PLAIN)).contains("Metrics per task",
                "accuracy (epoch → accuracy)", "a: 1 point, last 0.75 at epoch 1");
    }

    @Test
    void imageGridsRenderAsOnePngWithTheirCaptionsAsText() throws Exception {
        Table images = Table.create("digits", tech.tablesaw.api.StringColumn.create("image",
                java.util.Base64.getEncoder().encodeToString(new byte[] {0, (byte) 255, 9, 9})),
                tech.tablesaw.api.StringColumn.create("digit", "3"),
                tech.tablesaw.api.StringColumn.create("predicted", "8"));

        DisplayData data = renderer().render(org.mtl4j.plot.ImageGrid.of(images, "image", 1, 2,
                2, "digit", "predicted"));

        byte[] bytes = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(96);
        assertThat((String) data.getData(MIMEType.TEXT_PLAIN))
                .isEqualTo("image: all 1 of 1 (digit / predicted)\n  3 / 8 ≠");
    }

    @Test
    void tableNumbersShowFourSignificantDigitsAndKeepFullPrecision() {
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x",
                1.0 / 3, 123456.789, 2.0, 1e-9, Double.NaN));

        String html = (String) renderer().render(table).getData(MIMEType.TEXT_HTML);

        assertThat(html).contains("<td>0.3333</td>", "<td>123500</td>", "<td>2</td>",
                "<td>1e-09</td>", "<td></td>").doesNotContain("0.33333");
        assertThat(table.doubleColumn("x").get(0)).isEqualTo(1.0 / 3);
        assertThat(Html.significant(-0.000123456, 4)).isEqualTo("-0.0001235");
        assertThat(Html.significant(12_345_678, 4)).isEqualTo("1.235e+07");
    }

    @Test
    void tablesAreEscapedAndLongOnesShortened() {
        IntColumn index = IntColumn.indexColumn("i", 100, 0);
        StringColumn text = StringColumn.create("text");
        for (int i = 0; i < 100; i++) {
            text.append(i == 3 ? "<script>alert(1)</script>" : "row " + i);
        }
        Table table = Table.create("long & <odd>", index, text);

        String html = (String) renderer().render(table).getData(MIMEType.TEXT_HTML);

        assertThat(html).contains("long &amp; &lt;odd&gt; (100 rows × 2 columns)",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "<th>9</th>", "<td>…</td>",
                "<th>95</th>", "<th>99</th>");
        assertThat(html).doesNotContain("<script>", "<th>10</th>", "<th>94</th>");
    }

    @Test
    void modelAndRunRenderAsSummariesWithCharts() {
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae())
                .build()) {
            String untrained = (String) renderer().render(model).getData(MIMEType.TEXT_HTML);
            TrainingRun run = model.fit(SeedExample.table(100, 1, 3), epochs(2), quiet());

            String html = (String) renderer().render(model).getData(MIMEType.TEXT_HTML);
            DisplayData report = renderer().render(run);

            assertThat(untrained).contains("not trained yet");
            assertThat(html).contains("33 parameters on cpu()", "<td>trunk</td>",
                    "<td>[dense(8), relu()]</td>", "<td>24</td>", "<td>task task1</td>",
                    "<td>9</td>");
            assertThat((String) report.getData(MIMEType.TEXT_HTML)).contains(
                    "2 epochs on cpu()", "<th>mae</th>", "data:image/png;base64,");
            assertThat((String) report.getData(MIMEType.TEXT_PLAIN))
                    .startsWith("TrainingRun: 2 epochs on cpu()").contains("task1: train loss")
                    .containsPattern(", mae [0-9.]+");
            DisplayData comparison = renderer().render(Charts.compare(
                    java.util.Map.of("this run", run)));
            assertThat((String) comparison.getData(MIMEType.TEXT_HTML)).contains(
                    "data:image/png;base64,", "<th>seconds_per_epoch<br/>", "<td>this run</td>");
            assertThat((String) comparison.getData(MIMEType.TEXT_PLAIN)).startsWith("Runs compared")
                    .contains("train loss: task1");
        }
    }

    @Test
    void aRunWithASingleTaskBaselineShowsTheBaselineAndTheDifference() {
        // GIVEN a two-task run and a single-task run of task1 trained less (a different mae)
        TrainingRun multi = fitted(multiTask().input(numeric("x1", "x2")).trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae())
                .task("task2").head(dense(1)).loss(mse()).metric(mae()), 6);
        TrainingRun single = fitted(multiTask().input(numeric("x1", "x2")).trunk(dense(8), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae()), 1);
        double mine = multi.history().lastEpoch().task("task1").metrics().get("mae");
        double theirs = single.history().lastEpoch().task("task1").metrics().get("mae");
        assertThat(mine).isNotEqualTo(theirs);

        // WHEN the run with that baseline renders
        String html = (String) renderer().render(multi.withSingleTask(single))
                .getData(MIMEType.TEXT_HTML);

        // THEN task1's row shows its mae, the single-task mae and mine − theirs; task2 has none
        assertThat(html).contains("<th>mae</th><th>single-task mae</th><th>Δ mae</th>",
                "<td>" + Html.number(mine) + "</td><td>" + Html.number(theirs) + "</td><td>"
                        + String.format(Locale.ROOT, "%+.3g", mine - theirs) + "</td></tr>");
        assertThat(html)
                .containsPattern("<td>task2</td>(<td>[^<]*</td>){4}<td></td><td></td></tr>");
    }

    private static TrainingRun fitted(org.mtl4j.TaskBuilder builder, int epochs) {
        try (MultiTaskModel model = builder.build()) {
            return model.fit(SeedExample.table(100, 2, 3), epochs(epochs), seed(1), quiet());
        }
    }
}
