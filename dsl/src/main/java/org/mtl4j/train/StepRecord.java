package org.mtl4j.train;

/**
 * One training step: per task, the batch loss (NaN when the batch had no label for the task) and
 * the weight the weighting strategy used.
 *
 * <p>Example: {@code history.steps().get(0).loss(1)} is the second task's loss at step 1.
 *
 * @param step 1-based step number over the whole history
 * @param epoch 1-based epoch number
 * @param losses per task
 * @param weights per task
 * @param learningRate the optimizer's learning rate at this step (NaN if unknown)
 */
public record StepRecord(
        int step, int epoch, double[] losses, double[] weights, double learningRate) {

    /** Copies the arrays. */
    public StepRecord {
        losses = losses.clone();
        weights = weights.clone();
    }

    /** A step whose learning rate is not known. */
    public StepRecord(int step, int epoch, double[] losses, double[] weights) {
        this(step, epoch, losses, weights, Double.NaN);
    }

    /** Per task, the batch loss (a copy). */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** Per task, the weight used (a copy). */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The loss of task {@code task} (by index). */
    public double loss(int task) {
        return losses[task];
    }

    /** The weight of task {@code task} (by index). */
    public double weight(int task) {
        return weights[task];
    }
}
