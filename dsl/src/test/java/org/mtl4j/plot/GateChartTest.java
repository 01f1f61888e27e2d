package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@Tag("unit")
class GateChartTest {

    /** CGC: each task's gate mixes its own expert and two shared ones. */
    private static Table cgcGates() {
        return Table.create("gate weights",
                IntColumn.create("level", 1, 1, 1, 1, 1, 1),
                StringColumn.create("task", "a", "a", "a", "b", "b", "b"),
                StringColumn.create("expert", "a 1", "shared 1", "shared 2", "b 1", "shared 1",
                        "shared 2"),
                DoubleColumn.create("weight", 0.5, 0.3, 0.2, 0.6, 0.1, 0.3));
    }

    @Test
    void oneBarSeriesPerGateOverTheUnionOfExpertsWithZeroForExpertsItDoesNotMix() {
        CategoryChart chart = Charts.gates(cgcGates());

        // each gate mixes three of the four experts: its uniform share is 1/3
        assertThat(chart.getSeriesMap()).containsOnlyKeys("a", "b", "uniform 1/3");
        assertThat(new ArrayList<Object>(chart.getSeriesMap().get("uniform 1/3").getYData()))
                .containsOnly(1.0 / 3);
        assertThat(chart.getSeriesMap().get("uniform 1/3").getChartCategorySeriesRenderStyle())
                .isEqualTo(CategorySeries.CategorySeriesRenderStyle.Line);
        assertThat(chart.getSeriesMap().get("b").getFillColor()).isEqualTo(TaskColors.of(1));
        assertThat(chart.getStyler().getPlotBackgroundColor()).isEqualTo(java.awt.Color.WHITE);
        assertThat(new java.text.DecimalFormat(chart.getStyler().getYAxisDecimalPattern())
                .format(0.05)).isEqualTo("0.05");
        CategorySeries b = chart.getSeriesMap().get("b");
        assertThat(new ArrayList<Object>(b.getXData())).containsExactly("a 1", "shared 1", "shared 2",
                "b 1");
        assertThat(new ArrayList<Object>(b.getYData())).containsExactly(0.0, 0.1, 0.3, 0.6);
        assertThat(chart.getTitle()).isEqualTo("Mean gate weight per expert");
    }

    @Test
    void seriesNameTheLevelWhenThereAreSeveral() {
        Table secondLevel = cgcGates();
        secondLevel.intColumn("level").set(secondLevel.intColumn("level").isEqualTo(1), 2);
        Table gates = cgcGates().append(secondLevel);

        CategoryChart chart = Charts.gates(gates);

        assertThat(chart.getSeriesMap().keySet()).containsExactly("a (level 1)", "b (level 1)",
                "a (level 2)", "b (level 2)", "uniform 1/3");
        // the last level in the task's colour, earlier ones halfway to white
        assertThat(chart.getSeriesMap().get("b (level 2)").getFillColor())
                .isEqualTo(TaskColors.of(1));
        assertThat(chart.getSeriesMap().get("b (level 1)").getFillColor())
                .isEqualTo(new java.awt.Color(0xF8, 0xC6, 0x95));
    }

    @Test
    void gatesMixingDifferentNumbersOfExpertsGetAUniformLineEach() {
        // PLE's first level: the tasks' gates mix three experts, the shared gate all four
        Table gates = cgcGates().append(Table.create("shared gate",
                IntColumn.create("level", 1, 1, 1, 1),
                StringColumn.create("task", "shared", "shared", "shared", "shared"),
                StringColumn.create("expert", "a 1", "shared 1", "shared 2", "b 1"),
                DoubleColumn.create("weight", 0.25, 0.25, 0.25, 0.25)));

        CategoryChart chart = Charts.gates(gates);

        assertThat(chart.getSeriesMap().keySet()).containsExactly("a", "b", "shared",
                "uniform 1/3 (a, b)", "uniform 1/4 (shared)");
        assertThat(new ArrayList<Object>(chart.getSeriesMap().get("uniform 1/3 (a, b)")
                .getYData())).containsOnly(1.0 / 3);
        assertThat(new ArrayList<Object>(chart.getSeriesMap().get("uniform 1/4 (shared)")
                .getYData())).containsOnly(0.25);
    }

    @Test
    void aTableWithoutTheGateColumnsIsRejected() {
        assertThatThrownBy(() -> Charts.gates(Table.create("t", DoubleColumn.create("weight"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Charts.gates() needs the columns level, task, expert, weight."
                        + " Received: columns=[weight]. Pass model.gateWeights(table).");
    }

    @Test
    void weightsKeepTheirOrderPerSeries() {
        List<Number> a = new ArrayList<>(Charts.gates(cgcGates()).getSeriesMap().get("a")
                .getYData());

        assertThat(a).containsExactly(0.5, 0.3, 0.2, 0.0);
    }
}
