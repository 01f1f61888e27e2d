package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ClassReportTest {

    // true:      a a a b b c  (and one missing)
    // predicted: a a b b c c
    private static ClassReport report() {
        StringColumn actual = StringColumn.create("y", "a", "a", "a", "b", "b", "c", null);
        StringColumn predicted = StringColumn.create("p", "a", "a", "b", "b", "c", "c", "a");
        return ClassReport.of(actual, predicted);
    }

    @Test
    void confusionCountsTrueClassesDownAndPredictionsAcross() {
        Table confusion = report().confusion();

        assertThat(confusion.columnNames()).containsExactly("true class", "a", "b", "c");
        assertThat(confusion.intColumn("a").asList()).containsExactly(2, 0, 0);
        assertThat(confusion.intColumn("b").asList()).containsExactly(1, 1, 0);
        assertThat(confusion.intColumn("c").asList()).containsExactly(0, 1, 1);
    }

    @Test
    void perClassPrecisionRecallF1AndSupport() {
        Table table = report().perClass();

        assertThat(table.doubleColumn("precision").asList()).containsExactly(1.0, 0.5, 0.5);
        assertThat(table.doubleColumn("recall").asList()).containsExactly(2.0 / 3, 0.5, 1.0);
        assertThat(table.doubleColumn("f1").get(0))
                .isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(table.intColumn("support").asList()).containsExactly(3, 2, 1);
    }

    @Test
    void heatMapHasEveryCellWithTheFirstTrueClassOnTop() {
        HeatMapChart chart = report().chart();

        var series = chart.getHeatMapSeries();
        assertThat(series.getHeatData()).hasSize(9);
        assertThat(series.getHeatData().get(0)).containsExactly(0, 2, 2L);
        assertThat(new java.util.ArrayList<Object>(series.getYData())).containsExactly("c", "b",
                "a");
        assertThat(ChartFiles.pngBytes(chart)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(chart.getStyler().getMin()).as("white is a count of 0").isZero();
        assertThat(chart.getStyler().getMax()).isEqualTo(2);
        assertThat(chart.getStyler().isLegendVisible()).as("counts are in the cells").isFalse();
    }

    @Test
    void textGivesAccuracyAndEachClassWithThreeDecimals() {
        ClassReport report = report();

        assertThat(report.accuracy()).isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(report.toString()).isEqualTo(String.join("\n",
                "Class report: 3 classes, accuracy 0.667",
                "class        precision    recall        f1  support",
                "a                1.000     0.667     0.800        3",
                "b                0.500     0.500     0.500        2",
                "c                0.500     1.000     0.667        1"));
    }

    @Test
    void columnsOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> ClassReport.of(StringColumn.create("y", "a"),
                StringColumn.create("p", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ClassReport.of() needs one prediction per row. Received: actual=1"
                        + " rows, predicted=2 rows. Pass model.predict(table) of the same table.");
    }
}
