package org.mtl4j.weighting;

/**
 * DB-MTL, dual-balancing multi-task learning (Lin, Ye, Xu, Shi, Zhang and Kwok 2023,
 * "Dual-Balancing for Multi-Task Learning"): balances the losses' scales by taking the gradient of
 * {@code log(L_i + ε)} instead of {@code L_i}, and the gradients' magnitudes by scaling each task's
 * (exponential moving average of) log-gradient up to the largest norm: {@code b_i ← g_i + β_t
 * (b_i − g_i)}, {@code β_t = β / t^σ}, then the update {@code Σ_i α_i b_i} with {@code α_i =
 * max_j |b_j| / (|b_i| + ε)}. The weight chart shows α. Heads get their own task's
 * log-loss gradient.
 *
 * <p>Defaults are those of the paper's code (LibMTL's {@code DB_MTL}: β = 0.9, σ = 0, ε = 1e-8, the
 * buffers starting at zero). mtl4j departs where a task has no labels in a step: its buffer is
 * left as it is and it takes no part in that step's maximum or sum. Like the paper's code it needs
 * the gradients of the shared parameters (no {@code onTrunkOutput()}); the buffers, T times the
 * shared parameters' size, are saved with the model.
 *
 * <p>Example: {@code .weighting(dbMtl())}, {@code .weighting(dbMtl(0.9, 0.5))}
 *
 * @param beta the moving average's β in [0, 1)
 * @param sigma the decay σ ≥ 0 of β over steps ({@code β_t = β / t^σ})
 */
public record DbMtlWeighting(double beta, double sigma) implements Weighting {

    /** The paper code's β. */
    public static final double DEFAULT_BETA = 0.9;

    /** The paper code's σ. */
    public static final double DEFAULT_SIGMA = 0;

    static final double EPSILON = 1e-8;

    /** Checks the settings. */
    public DbMtlWeighting {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("dbMtl(beta, sigma) needs 0 ≤ beta < 1. Received:"
                    + " beta=" + beta + ". Use e.g. dbMtl(0.9, 0).");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("dbMtl(beta, sigma) needs a finite sigma ≥ 0."
                    + " Received: sigma=" + sigma + ". Use e.g. dbMtl(0.9, 0).");
        }
    }

    @Override
    public TaskWeigher start(WeightingContext context) {
        context.requireSharedParameters(toString());
        return new DbMtlWeigher(this, context);
    }

    /** {@code β_t} at step t (counting from 1). */
    double betaAt(long step) {
        return beta / Math.pow(step, sigma);
    }

    /** {@code α_i = max_j n_j / (n_i + ε)} over the buffer norms. */
    static double[] alphas(double[] norms) {
        double max = java.util.Arrays.stream(norms).max().orElse(0);
        double[] alphas = new double[norms.length];
        for (int i = 0; i < norms.length; i++) {
            alphas[i] = max / (norms[i] + EPSILON);
        }
        return alphas;
    }

    @Override
    public String toString() {
        return "dbMtl(" + beta + ", " + sigma + ")";
    }
}
