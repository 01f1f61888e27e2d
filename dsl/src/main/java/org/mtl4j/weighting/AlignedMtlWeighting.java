package org.mtl4j.weighting;

import java.util.Arrays;
import java.util.List;

/**
 * Aligned-MTL (Senushkin, Patakin, Kuznetsov and Konushin 2023, "Independent Component Alignment
 * for Multi-Task Learning", CVPR): the tasks' gradients are replaced by the closest set of
 * orthogonal gradients of equal norm (a Procrustes problem on the Gram matrix {@code G = V Λ
 * Vᵀ}), which makes the gradient system perfectly conditioned, and these are added up. The
 * aligned gradients are {@code Ĝ = J B} with {@code B = σ V Λ^{-1/2} Vᵀ} over the eigenvalues
 * above the rank tolerance, so the update is {@code Σ α_i g_i} with {@code α = B·1}; σ² is the
 * smallest kept eigenvalue ({@code "min"}, the default), their median ({@code "median"}) or mean
 * ({@code "rmse"}).
 *
 * <p>Defaults are the paper code's ({@code ProcrustesSolver}, scale mode {@code min}, task
 * preferences all 1, eigenvalues kept above {@code λ_max · T · ε_float32}). mtl4j takes the
 * gradients of the shared parameters; the paper's "Aligned-MTL-UB" variant is {@code
 * alignedMtl().onTrunkOutput()}. The median of an even number of eigenvalues is the lower
 * middle one, as torch's.
 *
 * <p>Example: {@code .weighting(alignedMtl())}, {@code .weighting(alignedMtl("median"))}
 *
 * @param scale how σ is chosen: {@code "min"}, {@code "median"} or {@code "rmse"}
 */
public record AlignedMtlWeighting(String scale) implements GradientWeighting {

    /** The paper code's scale mode. */
    public static final String DEFAULT_SCALE = "min";

    private static final List<String> SCALES = List.of("min", "median", "rmse");
    private static final double FLOAT_EPSILON = Math.ulp(1.0f);

    /** Checks the scale. */
    public AlignedMtlWeighting {
        if (scale == null || !SCALES.contains(scale)) {
            throw new IllegalArgumentException("alignedMtl(scale) needs one of " + SCALES
                    + ". Received: scale=" + scale + ". Use e.g. alignedMtl(\"min\").");
        }
    }

    @Override
    public GradientRule rule(WeightingContext context) {
        return this::weights;
    }

    /** The α_i of the sum of the aligned gradients. */
    double[] weights(double[][] gram) {
        int n = gram.length;
        SymmetricEigen eigen = SymmetricEigen.of(gram);
        double largest = Arrays.stream(eigen.values()).max().orElse(0);
        double tolerance = largest * n * FLOAT_EPSILON;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigen.values()[b], eigen.values()[a]));
        int rank = 0;
        while (rank < n && eigen.values()[order[rank]] > tolerance) {
            rank++;
        }
        if (rank == 0) {
            return new double[n];
        }
        double[] kept = new double[rank];
        for (int r = 0; r < rank; r++) {
            kept[r] = eigen.values()[order[r]];
        }
        double sigma = Math.sqrt(scaleOf(kept));
        double[] alphas = new double[n];
        for (int r = 0; r < rank; r++) {
            double[] v = column(eigen.vectors(), order[r]);
            double factor = sigma / Math.sqrt(kept[r]) * Arrays.stream(v).sum();
            for (int i = 0; i < n; i++) {
                alphas[i] += factor * v[i];
            }
        }
        return alphas;
    }

    /** σ² from the kept eigenvalues, largest first. */
    private double scaleOf(double[] kept) {
        return switch (scale) {
            case "min" -> kept[kept.length - 1];
            case "median" -> kept[kept.length / 2];
            default -> Arrays.stream(kept).average().orElse(0);
        };
    }

    private static double[] column(double[][] vectors, int index) {
        double[] column = new double[vectors.length];
        for (int k = 0; k < vectors.length; k++) {
            column[k] = vectors[k][index];
        }
        return column;
    }

    @Override
    public String toString() {
        return "alignedMtl(\"" + scale + "\")";
    }
}
