package org.mtl4j.experiments;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.weighting.Weighting;

/**
 * Runs the GradNorm toy (T = 2, σ = (1, 100), 3 seeds, 10 000 steps) with equal weights, GradNorm
 * (α = 0.12) and uncertainty weighting, and prints the test {@code Σ L_i / L_i(0)} (mean ± sample
 * standard deviation over seeds) and the final weights next to our PyTorch reference runs of the
 * same setup.
 *
 * <p>Run: {@code experiments/run.sh GradNormToyReport [steps] [seeds]}
 */
public final class GradNormToyReport {

    private static final Map<String, String> REFERENCE = Map.of(
            "equal()", "1.731 ± 0.011",
            "gradNorm(0.12)", "1.788 ± 0.012, weights ≈ (1.98, 0.02)",
            "uncertainty(-0.5)", "1.801 ± 0.002");

    private GradNormToyReport() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Weighting> strategies = new LinkedHashMap<>();
        strategies.put("equal()", equal());
        strategies.put("gradNorm(0.12)", gradNorm(0.12));
        strategies.put("uncertainty(-0.5)", uncertainty(-0.5));
        System.out.printf(Locale.ROOT, "GradNorm toy: T = 2, sigma = (1, 100), %d steps, %d seeds%n",
                steps, seeds);
        System.out.println("| strategy | mtl4j Σ L_i/L_i(0) | final weights (seed 0) | reference |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, Weighting> entry : strategies.entrySet()) {
            List<Double> sums = new ArrayList<>();
            double[] weights = null;
            long start = System.nanoTime();
            for (int seed = 0; seed < seeds; seed++) {
                GradNormToyExperiment.Result result = GradNormToyExperiment.run(
                        entry.getValue(), new double[] {1, 100}, seed, steps);
                sums.add(result.lossRatioSum());
                if (weights == null) {
                    weights = result.weights();
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %s | (%.3f, %.3f) | %s |   (%.0f s)%n",
                    entry.getKey(), Stats.meanAndSpread(sums), weights[0], weights[1],
                    REFERENCE.get(entry.getKey()), (System.nanoTime() - start) / 1e9);
        }
    }
}
