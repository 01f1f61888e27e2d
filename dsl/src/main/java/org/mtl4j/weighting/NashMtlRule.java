package org.mtl4j.weighting;

/**
 * The rule of one {@link NashMtlWeighting} fit: solves for the bargaining weights on one step in
 * {@code updateEvery}, reuses them in between, and caps the combined gradient's norm.
 */
final class NashMtlRule implements GradientRule {

    private final double maxNorm;
    private final int updateEvery;
    private long step;
    private double[] last = new double[0];

    NashMtlRule(double maxNorm, int updateEvery) {
        this.maxNorm = maxNorm;
        this.updateEvery = updateEvery;
    }

    @Override
    public double[] weights(double[][] gram) {
        boolean solve = step % updateEvery == 0 || last.length != gram.length;
        step++;
        if (solve) {
            last = NashMtlWeighting.weights(gram);
        }
        double[] alphas = last.clone();
        if (maxNorm > 0) {
            double norm = Math.sqrt(Math.max(0, GramMath.quadratic(gram, alphas)));
            double factor = maxNorm / (norm + 1e-6);
            for (int i = 0; factor < 1 && i < alphas.length; i++) {
                alphas[i] *= factor;
            }
        }
        return alphas;
    }

    /** Empty when solving on every step (nothing to carry over); else the step and last α. */
    @Override
    public java.util.Map<String, double[]> state() {
        if (updateEvery == 1) {
            return java.util.Map.of();
        }
        return java.util.Map.of("step", new double[] {step}, "alphas", last.clone());
    }

    @Override
    public void restore(java.util.Map<String, double[]> state) {
        if (state.isEmpty()) {
            step = 0;
            last = new double[0];
            return;
        }
        step = (long) Weighers.vector(state, "step", 1)[0];
        double[] alphas = state.get("alphas");
        last = alphas == null ? new double[0] : alphas.clone();
    }
}
