package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TrainingHistory;

/**
 * The optimizer's learning rate at every step of a history (see {@code Charts.learningRate}): one
 * line, x the step number, y the rate as the fit's schedule set it.
 *
 * <p>Example: {@code LearningRateChart.of(run.history())} for a fit with {@code
 * cosineDecay().warmupEpochs(2)} climbs for two epochs, then falls along half a cosine.
 */
final class LearningRateChart {

    private LearningRateChart() {}

    static XYChart of(TrainingHistory history) {
        List<Double> steps = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (StepRecord step : history.steps()) {
            if (!Double.isNaN(step.learningRate())) {
                steps.add((double) step.step());
                rates.add(step.learningRate());
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("The history has no learning rates to chart."
                    + " Received: a history of " + history.steps().size() + " steps without"
                    + " rates. Chart the history of a fit() (every fit records its rates).");
        }
        XYChart chart = Charts.chart("Learning rate", "step", "learning rate", Charts.WIDTH,
                Charts.HEIGHT);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("0.0##E0");
        XYSeries series = chart.addSeries("learning rate", steps, rates);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(TaskColors.of(0));
        AxisTicks.apply(chart, true, false);
        return chart;
    }
}
