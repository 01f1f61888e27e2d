package org.mtl4j.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.model.MultiTaskBlock;

class LayerSummaryTest {

    private static MultiTaskModel quickstartLike() {
        return multiTask().input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
                        "x10"))
                .trunk(dense(20), relu())
                .task("task1").head(dense(4), relu(), dense(1)).loss(mse())
                .task("task2").head(dense(1)).loss(mse())
                .build();
    }

    @Test
    void everyLayerHasItsShapeAndParametersAndTheTotalMatchesTheBuiltModel() {
        try (MultiTaskModel model = quickstartLike()) {
            List<LayerSummary.Row> rows = LayerSummary.rows(model.spec(),
                    LayerSummary.inputWidth(model.spec()).getAsInt());

            assertThat(rows).containsExactly(
                    new LayerSummary.Row("trunk", "dense(20)", 20, 220),
                    new LayerSummary.Row("trunk", "relu()", 20, 0),
                    new LayerSummary.Row("task1", "dense(4)", 4, 84),
                    new LayerSummary.Row("task1", "relu()", 4, 0),
                    new LayerSummary.Row("task1", "dense(1)", 1, 5),
                    new LayerSummary.Row("task2", "dense(1)", 1, 21));
            assertThat(rows.get(0).shape()).isEqualTo("(batch, 20)");
            String before = ModelHtml.of(model);
            model.fit(SeedExample.table(100, 2, 3), epochs(1), quiet());

            assertThat(LayerSummary.total(rows))
                    .isEqualTo(MultiTaskBlock.parameterCount(model.parts().orElseThrow().block()));
            assertThat(before).contains("not trained yet; 330 parameters (all trainable) once"
                    + " built", "<td>(batch, 10)</td>", "<td>dense(4)</td><td>(batch, 4)</td>"
                    + "<td>84</td>", "total: 330 parameters, trainable: 330, non-trainable: 0");
            assertThat(ModelHtml.of(model)).contains("330 parameters on cpu() (all trainable)",
                    "→ 10 features<details><summary>encoding</summary>");
        }
    }

    @Test
    void imageLayersShowTheirImageShapesAndCountsThatMatchTheBuiltModel() {
        try (MultiTaskModel model = multiTask().input(image("image", 1, 36, 36))
                .trunk(conv2d(8, 5), batchNorm(), relu(), maxPool(2), globalAvgPool())
                .task("left").head(dense(10)).loss(crossEntropy())
                .build()) {
            List<LayerSummary.Row> rows = LayerSummary.rows(model.spec(),
                    LayerSummary.inputWidth(model.spec()).getAsInt());

            assertThat(rows).extracting(LayerSummary.Row::layer, LayerSummary.Row::shape,
                    LayerSummary.Row::parameters).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("conv2d(8, 5)", "(batch, 8, 32, 32)", 208L),
                    org.assertj.core.groups.Tuple.tuple("batchNorm()", "(batch, 8, 32, 32)", 16L),
                    org.assertj.core.groups.Tuple.tuple("relu()", "(batch, 8, 32, 32)", 0L),
                    org.assertj.core.groups.Tuple.tuple("maxPool(2)", "(batch, 8, 16, 16)", 0L),
                    org.assertj.core.groups.Tuple.tuple("globalAvgPool()", "(batch, 8)", 0L),
                    org.assertj.core.groups.Tuple.tuple("dense(10)", "(batch, 10)", 90L));
            model.fit(org.mtl4j.datasets.MultiMnist.table(100, 1), epochs(1), quiet());
            assertThat(LayerSummary.total(rows))
                    .isEqualTo(MultiTaskBlock.parameterCount(model.parts().orElseThrow().block()));
        }
    }

    @Test
    void widthIsUnknownBeforeFitForCategoricalInputsAndKnownForHashedText() {
        try (MultiTaskModel categorical = multiTask().input(categorical("c"), numeric("x"))
                .trunk(dense(2)).task("y").head(dense(1)).loss(mse()).build();
                MultiTaskModel text = multiTask().input(text("t").buckets(64), numeric("x"))
                        .trunk(dense(2)).task("y").head(dense(1)).loss(mse()).build()) {
            assertThat(LayerSummary.inputWidth(categorical.spec())).isEmpty();
            assertThat(LayerSummary.inputWidth(text.spec())).hasValue(65);
            assertThat(ModelHtml.of(categorical)).contains("width learned from the data at fit()")
                    .doesNotContain("mtl4j-layers");
        }
    }
}
