package org.mtl4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a classification task's predictions compare with the true classes: the confusion matrix
 * (as a table and as a heat map with the counts written in) and precision, recall, F1 and support
 * per class, as scikit-learn's {@code classification_report} gives them. Rows whose true class is
 * missing are left out; a class nobody predicted has precision NaN.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Table predicted = model.predict(test);
 * ClassReport report = ClassReport.of(test.stringColumn("species"),
 *         predicted.stringColumn("species"));
 * report.perClass();   // class, precision, recall, f1, support
 * report.chart();      // true class down, predicted class across
 * }</pre>
 *
 * @param classes the classes, sorted
 * @param counts {@code counts[true][predicted]}
 */
public record ClassReport(List<String> classes, long[][] counts) {

    /** Copies the classes. */
    public ClassReport {
        classes = List.copyOf(classes);
    }

    /**
     * The report of {@code predicted} against {@code actual} (same length, any column type; values
     * compared as strings).
     *
     * @throws IllegalArgumentException if the columns differ in length
     */
    public static ClassReport of(Column<?> actual, Column<?> predicted) {
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException("ClassReport.of() needs one prediction per row."
                    + " Received: actual=" + actual.size() + " rows, predicted="
                    + predicted.size() + " rows. Pass model.predict(table) of the same table.");
        }
        TreeSet<String> names = new TreeSet<>();
        for (int r = 0; r < actual.size(); r++) {
            if (!actual.isMissing(r)) {
                names.add(actual.getString(r));
                names.add(predicted.getString(r));
            }
        }
        List<String> classes = new ArrayList<>(names);
        long[][] counts = new long[classes.size()][classes.size()];
        for (int r = 0; r < actual.size(); r++) {
            if (!actual.isMissing(r)) {
                counts[classes.indexOf(actual.getString(r))]
                        [classes.indexOf(predicted.getString(r))]++;
            }
        }
        return new ClassReport(classes, counts);
    }

    /** The confusion matrix: a column {@code true class}, then one count column per prediction. */
    public Table confusion() {
        Table table = Table.create("confusion matrix (rows: true class, columns: predicted)",
                StringColumn.create("true class", classes));
        for (int p = 0; p < classes.size(); p++) {
            IntColumn column = IntColumn.create(classes.get(p));
            for (long[] row : counts) {
                column.append((int) row[p]);
            }
            table.addColumns(column);
        }
        return table;
    }

    /** Precision, recall, F1 and support per class. */
    public Table perClass() {
        DoubleColumn precision = DoubleColumn.create("precision");
        DoubleColumn recall = DoubleColumn.create("recall");
        DoubleColumn f1 = DoubleColumn.create("f1");
        IntColumn support = IntColumn.create("support");
        for (int c = 0; c < classes.size(); c++) {
            long right = counts[c][c];
            long predictedAs = 0;
            long actually = 0;
            for (int o = 0; o < classes.size(); o++) {
                predictedAs += counts[o][c];
                actually += counts[c][o];
            }
            double p = predictedAs == 0 ? Double.NaN : (double) right / predictedAs;
            double r = actually == 0 ? Double.NaN : (double) right / actually;
            precision.append(p);
            recall.append(r);
            f1.append(p + r > 0 ? 2 * p * r / (p + r) : p + r == 0 ? 0 : Double.NaN);
            support.append((int) actually);
        }
        return Table.create("per class", StringColumn.create("class", classes), precision, recall,
                f1, support);
    }

    /**
     * The confusion matrix as a heat map: true class down, predicted class across, counts in;
     * white is 0, the darkest blue the largest count.
     */
    public HeatMapChart chart() {
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.PANEL_WIDTH + 80)
                .height(Charts.PANEL_HEIGHT + 60).title("Confusion matrix")
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        Theme.apply(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(Theme.TEXT);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, TaskColors.of(0)});
        // white is a count of 0 (not the smallest count), and the counts are written in the
        // cells, so the colour scale's legend ("5.0" … "41.0") is left out
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.max(1, maxCount()));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setHeatMapValueDecimalPattern("#,##0");
        List<Number[]> cells = new ArrayList<>();
        int n = classes.size();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                // y runs upwards: the first true class goes on top
                cells.add(new Number[] {p, n - 1 - t, counts[t][p]});
            }
        }
        List<String> down = new ArrayList<>(classes);
        java.util.Collections.reverse(down);
        chart.addSeries("count", classes, down, cells);
        return chart;
    }

    private long maxCount() {
        long max = 0;
        for (long[] row : counts) {
            for (long count : row) {
                max = Math.max(max, count);
            }
        }
        return max;
    }

    /** The share of rows whose predicted class is the true class; NaN without rows. */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (int t = 0; t < classes.size(); t++) {
            for (int p = 0; p < classes.size(); p++) {
                all += counts[t][p];
                right += t == p ? counts[t][p] : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** The accuracy, then precision, recall, F1 and support per class (3 decimals). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "Class report: %d classes, accuracy %.3f%n%-12s %9s %9s %9s %8s", classes.size(),
                accuracy(), "class", "precision", "recall", "f1", "support"));
        Table perClass = perClass();
        for (int c = 0; c < classes.size(); c++) {
            text.append(String.format(java.util.Locale.ROOT, "%n%-12s %9.3f %9.3f %9.3f %8d",
                    classes.get(c), perClass.doubleColumn("precision").get(c),
                    perClass.doubleColumn("recall").get(c), perClass.doubleColumn("f1").get(c),
                    perClass.intColumn("support").get(c)));
        }
        return text.toString();
    }
}
