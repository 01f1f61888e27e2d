package org.mtl4j.train;

/**
 * Cosine decay with optional linear warm-up (Loshchilov and Hutter 2017, without restarts; the
 * warm-up of Goyal et al. 2017), per step: during the first {@code warmupEpochs} epochs the rate
 * climbs linearly from base/W to the base rate (W warm-up steps), then follows half a cosine
 * from the base rate down to {@code minRate} at the fit's last step.
 *
 * <p>Defaults: no warm-up, minimum rate 0.
 *
 * <p>Example: {@code model.fit(table, epochs(20), adamW(3e-3), cosineDecay().warmupEpochs(2))}
 *
 * @param warmupEpochs epochs of linear warm-up, at least 0 (fewer than the fit's epochs)
 * @param minRate the rate at the last step, at least 0
 */
public record CosineDecay(int warmupEpochs, double minRate) implements LearningRateSchedule {

    /** Checks the values. */
    public CosineDecay {
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be at least 0. Received:"
                    + " warmupEpochs(" + warmupEpochs + "). Use e.g. warmupEpochs(1).");
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("minRate must be a finite number of at least 0."
                    + " Received: minRate(" + minRate + "). Use e.g. minRate(1e-5).");
        }
    }

    /** With {@code epochs} epochs of linear warm-up. */
    public CosineDecay warmupEpochs(int epochs) {
        return new CosineDecay(epochs, minRate);
    }

    /** Decaying to {@code rate} at the last step. */
    public CosineDecay minRate(double rate) {
        return new CosineDecay(warmupEpochs, rate);
    }

    @Override
    public Rates start(double baseRate, int stepsPerEpoch, int epochs) {
        if (warmupEpochs >= epochs) {
            throw new IllegalArgumentException("cosineDecay's warm-up must be shorter than the"
                    + " fit. Received: warmupEpochs(" + warmupEpochs + ") with epochs(" + epochs
                    + "). Use fewer warm-up epochs or more epochs.");
        }
        if (minRate > baseRate) {
            throw new IllegalArgumentException("cosineDecay's minRate must not exceed the"
                    + " optimizer's rate. Received: minRate(" + minRate + ") with a rate of "
                    + baseRate + ". Use a smaller minRate.");
        }
        int warmup = warmupEpochs * stepsPerEpoch;
        int decay = epochs * stepsPerEpoch - warmup;
        return step -> {
            if (step < warmup) {
                return baseRate * (step + 1) / warmup;
            }
            double progress = decay <= 1 ? 1 : (double) (step - warmup) / (decay - 1);
            return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * progress)) / 2;
        };
    }

    @Override
    public String toString() {
        return "cosineDecay().warmupEpochs(" + warmupEpochs + ").minRate(" + minRate + ")";
    }
}
