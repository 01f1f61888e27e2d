package org.mtl4j.experiments;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.weighting.Weighting;

/**
 * Runs the GradNorm toy (T = 2, σ = (1, 100), 3 seeds, 10 000 steps) with equal weights, GradNorm
 * (α = 0.12) and uncertainty weighting, and prints the test {@code Σ L_i / L_i(0)} (mean ± sample
 * standard deviation over seeds) and the final weights next to the PyTorch reference runs of the
 * same setup on the same rows ({@code experiments/reference/gradnorm-toy.json}, written by
 * {@code gradnorm_toy.py}; shown when the steps and seeds are the reference's).
 *
 * <p>Run: {@code experiments/run.sh GradNormToyReport [steps] [seeds] [--initializer djl|pytorch]}
 * ({@code --initializer}: how the dense layers start, {@code djl} (default, DJL's {@code Linear}:
 * W ~ N(0, 2/fan_in), b = 0) or {@code pytorch} ({@code pytorchDefault()}, PyTorch's
 * {@code nn.Linear}: W and b ~ U(±1/√fan_in), as the reference runs start)
 *
 * <p>Example: {@code experiments/run.sh GradNormToyReport 1000 1}, a shortened run (1 000 steps,
 * one seed; without the reference column, whose steps and seeds differ)
 */
public final class GradNormToyReport {

    /** The strategies, by the names the table and the reference figures use. */
    static final List<String> STRATEGIES = List.of("equal()", "gradNorm(0.12)",
            "uncertainty(-0.5)");

    private GradNormToyReport() {}

    /**
     * Runs the report; the arguments are the steps and the seeds (defaults 10 000 and 3), and
     * optionally {@code --initializer djl|pytorch} anywhere.
     */
    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        String initName = "djl";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--initializer")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--initializer needs a value. Received: "
                            + String.join(" ", args) + ". Use --initializer djl or pytorch.");
                }
                initName = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        Initializer init = initializer(initName);
        int steps = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 10_000;
        int seeds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        ReferenceFigures reference = ReferenceFigures.load("gradnorm-toy");
        boolean comparable = reference.number("steps") == steps
                && reference.number("seeds") == seeds;
        Map<String, Weighting> strategies = new LinkedHashMap<>();
        strategies.put(STRATEGIES.get(0), equal());
        strategies.put(STRATEGIES.get(1), gradNorm(0.12));
        strategies.put(STRATEGIES.get(2), uncertainty(-0.5));
        System.out.printf(Locale.ROOT,
                "GradNorm toy: T = 2, sigma = (1, 100), %d steps, %d seeds, initializer %s%n", steps,
                seeds, initName);
        System.out.printf(Locale.ROOT, "| strategy | mtl4j Σ L_i/L_i(0) | final weights (seed 0)"
                + " | PyTorch reference (torch %s) | reference weights (seed 0) |%n",
                reference.torch());
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, Weighting> entry : strategies.entrySet()) {
            List<Double> sums = new ArrayList<>();
            double[] weights = null;
            long start = System.nanoTime();
            for (int seed = 0; seed < seeds; seed++) {
                GradNormToyExperiment.Result result = GradNormToyExperiment.run(
                        entry.getValue(), new double[] {1, 100}, seed, steps, init);
                sums.add(result.lossRatioSum());
                if (weights == null) {
                    weights = result.weights();
                }
            }
            ReferenceFigures.Result figures = reference.result(entry.getKey());
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |   (%.0f s)%n",
                    entry.getKey(), Stats.meanAndSpread(sums), Stats.pair(weights),
                    comparable ? figures.meanAndSpread(3) : "—",
                    comparable ? Stats.pair(firstWeights(figures)) : "—",
                    (System.nanoTime() - start) / 1e9);
        }
        if (!comparable) {
            System.out.printf(Locale.ROOT, "(the reference ran %.0f steps and %.0f seeds)%n",
                    reference.number("steps"), reference.number("seeds"));
        }
    }

    /**
     * The initializer named {@code djl} (null: DJL's {@code Linear} default, today's runs) or
     * {@code pytorch} ({@code pytorchDefault()}).
     */
    static Initializer initializer(String name) {
        return switch (name) {
            case "djl" -> null;
            case "pytorch" -> pytorchDefault();
            default -> throw new IllegalArgumentException("Unknown initializer " + name
                    + ". Use --initializer djl (DJL's default, W ~ N(0, 2/fan_in), b = 0) or"
                    + " --initializer pytorch (PyTorch's nn.Linear, W and b ~ U(±1/√fan_in)).");
        };
    }

    /** The last step's weights of the reference's first seed. */
    static double[] firstWeights(ReferenceFigures.Result figures) {
        Object weights = figures.runs().get(0).get("weights");
        return ((List<?>) weights).stream().mapToDouble(w -> ((Number) w).doubleValue())
                .toArray();
    }
}
