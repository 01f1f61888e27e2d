package org.mtl4j.train;

/**
 * Multiplies the learning rate by {@code factor} every {@code everyEpochs} epochs (Keras'
 * step-decay {@code LearningRateScheduler}, PyTorch's {@code StepLR}): epoch e of the fit (from
 * 1) trains at {@code base · factor^⌊(e−1)/everyEpochs⌋}.
 *
 * <p>Example: {@code model.fit(table, epochs(30), sgd(0.1), stepDecay(10, 0.1))} trains epochs
 * 1–10 at 0.1, 11–20 at 0.01 and 21–30 at 0.001.
 *
 * @param everyEpochs epochs between two decays, at least 1
 * @param factor multiplier in (0, 1]
 */
public record StepDecay(int everyEpochs, double factor) implements LearningRateSchedule {

    /** Checks the values. */
    public StepDecay {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("stepDecay needs at least 1 epoch between decays."
                    + " Received: stepDecay(" + everyEpochs + ", " + factor + "). Use e.g."
                    + " stepDecay(10, 0.5).");
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("stepDecay's factor must be in (0, 1]. Received:"
                    + " stepDecay(" + everyEpochs + ", " + factor + "). Use e.g. stepDecay("
                    + everyEpochs + ", 0.5).");
        }
    }

    @Override
    public Rates start(double baseRate, int stepsPerEpoch, int epochs) {
        return step -> baseRate * Math.pow(factor, (step / stepsPerEpoch) / everyEpochs);
    }

    @Override
    public String toString() {
        return "stepDecay(" + everyEpochs + ", " + factor + ")";
    }
}
