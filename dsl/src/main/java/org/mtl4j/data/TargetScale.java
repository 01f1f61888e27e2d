package org.mtl4j.data;

/**
 * How a regression task's labels are standardised for training: {@code (y - mean) / std} with the
 * training split's mean and standard deviation, so that the head learns numbers near 0 whatever
 * the target's units (body mass in grams, prices in dollars). Predictions are turned back with
 * {@code mean + std · output}; MAE and RMSE are reported in the original units, losses in the
 * standardised ones. {@link #NONE} (mean 0, std 1) changes nothing: classification tasks and
 * {@code .scaleTarget(false)}.
 *
 * <p>Example: {@code TargetScale.fit(column, trainRows)} on body masses 3000–6000 g gives e.g.
 * {@code TargetScale[mean=4200.0, std=800.0]}; {@code scale.apply(5000)} is 1.0 and {@code
 * scale.invert(1.0)} is 5000.
 *
 * @param mean subtracted from every label
 * @param std divides every label after the mean is subtracted, greater than 0
 */
public record TargetScale(double mean, double std) {

    /** No scaling. */
    public static final TargetScale NONE = new TargetScale(0, 1);

    /** Checks the values. */
    public TargetScale {
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("A target scale needs a finite mean and a finite"
                    + " std > 0. Received: mean=" + mean + ", std=" + std + ".");
        }
    }

    /**
     * The mean and standard deviation of the finite, present values of {@code values} over
     * {@code rows} (std 1 when it is 0 or there are fewer than two values; NONE without values).
     */
    public static TargetScale fit(tech.tablesaw.api.NumberColumn<?, ?> values, int[] rows) {
        double sum = 0;
        int count = 0;
        for (int row : rows) {
            double value = values.getDouble(row);
            if (!values.isMissing(row) && Double.isFinite(value)) {
                sum += value;
                count++;
            }
        }
        if (count == 0) {
            return NONE;
        }
        double mean = sum / count;
        double squares = 0;
        for (int row : rows) {
            double value = values.getDouble(row);
            if (!values.isMissing(row) && Double.isFinite(value)) {
                squares += (value - mean) * (value - mean);
            }
        }
        double std = Math.sqrt(squares / count);
        return Double.isFinite(mean) && std > 0 && Double.isFinite(std)
                ? new TargetScale(mean, std)
                : Double.isFinite(mean) ? new TargetScale(mean, 1) : NONE;
    }

    /** A label in training units. */
    public double apply(double value) {
        return (value - mean) / std;
    }

    /** An output in the label's original units. */
    public double invert(double output) {
        return mean + std * output;
    }

    /** Whether this scale changes nothing. */
    public boolean isNone() {
        return mean == 0 && std == 1;
    }
}
