package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Several training runs side by side, from {@link Charts#compare}: one figure ({@link #chart()})
 * with a panel per task of its loss per epoch (validation loss when the runs have a validation
 * split, else training loss; log scale) and, unless every weight was 1, a panel per task of the
 * weight it got (mean per epoch), one line per run that has the task; and a results table ({@link #table()}) with one row per run and task.
 * In this figure the colour stands for the run (palette order of {@link TaskColors}; runs past the
 * tenth are dashed), named once in a legend at the right of all panels.
 *
 * <p>The table's columns: {@code run, task, train_loss, validation_loss} (left out when no run
 * has a validation split: an empty column), {@code weight}, one column per
 * metric, {@code Δ <metric>} against the run's single-task baselines when it has any ({@link
 * TrainingRun#withSingleTask}), {@code seconds} (the fit's wall time) and {@code
 * seconds_per_epoch} (the median epoch time without the first epoch, which carries the JIT and
 * engine warm-up, so runs compare fairly whichever ran first).
 *
 * <p>Example:
 *
 * <pre>{@code
 * var runs = new LinkedHashMap<String, TrainingRun>();
 * runs.put("equal", equalModel.fit(data, epochs(30), validationSplit(0.2), quiet()));
 * runs.put("mgda", mgdaModel.fit(data, epochs(30), validationSplit(0.2), quiet()));
 * RunComparison comparison = Charts.compare(runs);   // a notebook shows figure and table
 * comparison.table();
 * }</pre>
 *
 * @param runs the runs by name, in display order
 * @param chart the figure
 * @param table the results table
 */
public record RunComparison(Map<String, TrainingRun> runs, ChartGrid chart, Table table) {

    /** How many times the smallest weight the largest must be for weight panels on a log axis. */
    static final double LOG_WEIGHT_SPAN = 20;

    /** Width of a panel: narrower than other panels, as the runs' legend is shared. */
    static final int PANEL_WIDTH = 400;

    /** Copies the runs. */
    public RunComparison {
        runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    /**
     * Compares {@code runs}.
     *
     * @throws IllegalArgumentException if there are no runs
     */
    static RunComparison of(Map<String, TrainingRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("Charts.compare() needs at least one run."
                    + " Received: runs={}. Pass a map of names to model.fit(...) results.");
        }
        return new RunComparison(runs, figure(runs), table(runs));
    }

    private static ChartGrid figure(Map<String, TrainingRun> runs) {
        Set<String> tasks = new LinkedHashSet<>();
        boolean validation = true;
        for (TrainingRun run : runs.values()) {
            tasks.addAll(run.history().tasks());
            validation &= run.history().hasValidation();
        }
        List<XYChart> panels = new ArrayList<>();
        for (String task : tasks) {
            boolean useValidation = validation;
            panels.add(panel(runs, task, (useValidation ? "validation" : "train") + " loss: "
                    + task, "loss" + Charts.LOG_SUFFIX, true, e -> useValidation
                    ? e.validationLoss() : e.trainLoss()));
        }
        if (weightsVary(runs)) {
            boolean log = weightsSpanDecades(runs);
            for (String task : tasks) {
                panels.add(panel(runs, task, "weight: " + task, "weight (epoch mean)"
                        + (log ? Charts.LOG_SUFFIX : ""), log, TaskEpoch::weight));
            }
        }
        return new ChartGrid("Runs compared", panels, Math.max(1, tasks.size()), true);
    }

    /**
     * Whether the weights are all positive and the largest is at least {@value #LOG_WEIGHT_SPAN}
     * times the smallest: then weight panels use a log axis, so that one strategy's weights of 20
     * do not flatten the others' weights near 1 into one line.
     */
    static boolean weightsSpanDecades(Map<String, TrainingRun> runs) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (TrainingRun run : runs.values()) {
            for (EpochRecord epoch : run.history().epochs()) {
                for (TaskEpoch task : epoch.tasks()) {
                    double weight = task.weight();
                    if (Double.isNaN(weight)) {
                        continue;
                    }
                    if (weight <= 0) {
                        return false;
                    }
                    smallest = Math.min(smallest, weight);
                    largest = Math.max(largest, weight);
                }
            }
        }
        return largest >= LOG_WEIGHT_SPAN * smallest;
    }

    /** Whether some run gave some task a weight other than 1 (else weight panels say nothing). */
    static boolean weightsVary(Map<String, TrainingRun> runs) {
        for (TrainingRun run : runs.values()) {
            for (EpochRecord epoch : run.history().epochs()) {
                for (TaskEpoch task : epoch.tasks()) {
                    if (Math.abs(task.weight() - 1) > 1e-9) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static XYChart panel(Map<String, TrainingRun> runs, String task, String title,
            String yTitle, boolean log, java.util.function.ToDoubleFunction<TaskEpoch> value) {
        XYChart chart = Charts.chart(title, "epoch", yTitle, PANEL_WIDTH, Charts.PANEL_HEIGHT);
        int index = -1;
        for (Map.Entry<String, TrainingRun> run : runs.entrySet()) {
            index++;
            if (!run.getValue().history().tasks().contains(task)) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochRecord epoch : run.getValue().history().epochs()) {
                double v = value.applyAsDouble(epoch.task(task));
                if (log) {
                    v = v > 0 ? Math.log10(v) : Double.NaN;
                }
                if (!Double.isNaN(v)) {
                    x.add((double) epoch.epoch());
                    y.add(v);
                }
            }
            XYSeries series = x.isEmpty()
                    ? chart.addSeries(run.getKey(), new double[] {Double.NaN},
                            new double[] {Double.NaN})
                    : chart.addSeries(run.getKey(), x, y);
            Charts.style(series, index, index >= TaskColors.palette().length);
            if (x.size() == 1) {
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        AxisTicks.apply(chart, true, log);
        return chart;
    }

    private static Table table(Map<String, TrainingRun> runs) {
        Set<String> metrics = new LinkedHashSet<>();
        boolean baselines = false;
        for (TrainingRun run : runs.values()) {
            metrics.addAll(run.history().metricNames());
            baselines |= !run.singleTask().isEmpty();
        }
        StringColumn name = StringColumn.create("run");
        StringColumn task = StringColumn.create("task");
        DoubleColumn train = DoubleColumn.create("train_loss");
        DoubleColumn validation = DoubleColumn.create("validation_loss");
        DoubleColumn weight = DoubleColumn.create("weight");
        Map<String, DoubleColumn> values = new LinkedHashMap<>();
        Map<String, DoubleColumn> deltas = new LinkedHashMap<>();
        for (String metric : metrics) {
            values.put(metric, DoubleColumn.create(metric));
            if (baselines) {
                deltas.put(metric, DoubleColumn.create("Δ " + metric));
            }
        }
        DoubleColumn seconds = DoubleColumn.create("seconds");
        DoubleColumn perEpoch = DoubleColumn.create("seconds_per_epoch");
        for (Map.Entry<String, TrainingRun> entry : runs.entrySet()) {
            TrainingRun run = entry.getValue();
            if (run.history().isEmpty()) {
                continue;
            }
            EpochRecord last = run.history().lastEpoch();
            double epochSeconds = medianAfterFirst(run.history().epochs());
            for (TaskEpoch figures : last.tasks()) {
                name.append(entry.getKey());
                task.append(figures.task());
                train.append(figures.trainLoss());
                validation.append(figures.validationLoss());
                weight.append(figures.weight());
                for (String metric : metrics) {
                    values.get(metric).append(figures.metrics().getOrDefault(metric, Double.NaN));
                    if (baselines) {
                        deltas.get(metric).append(run.delta(figures.task(), metric));
                    }
                }
                seconds.append(run.seconds());
                perEpoch.append(epochSeconds);
            }
        }
        Table table = Table.create("runs compared", name, task, train);
        if (validation.countMissing() < validation.size() || validation.isEmpty()) {
            table.addColumns(validation);
        }
        table.addColumns(weight);
        for (String metric : metrics) {
            table.addColumns(values.get(metric));
            if (baselines) {
                table.addColumns(deltas.get(metric));
            }
        }
        return table.addColumns(seconds, perEpoch);
    }

    /** The median epoch time without the first epoch (the only one when there is one). */
    static double medianAfterFirst(List<EpochRecord> epochs) {
        if (epochs.isEmpty()) {
            return Double.NaN;
        }
        double[] times = epochs.stream().skip(epochs.size() > 1 ? 1 : 0)
                .mapToDouble(EpochRecord::seconds).sorted().toArray();
        int middle = times.length / 2;
        return times.length % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
    }

    /** The figure's description and the table, as text. */
    @Override
    public String toString() {
        return chart + "\n" + table.print(40);
    }
}
