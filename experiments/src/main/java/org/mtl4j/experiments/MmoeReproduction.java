package org.mtl4j.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.experiments.TaskCorrelationExperiment.Architecture;
import org.mtl4j.experiments.TaskCorrelationExperiment.Settings;

/**
 * Runs the MMoE paper's synthetic experiment ({@link TaskCorrelationExperiment}) and prints mtl4j's
 * mean ± standard deviation (over seeds, n − 1) of the test MSE next to our PyTorch reference runs
 * of the same setup (shown only for the paper's setting).
 *
 * <p>Usage (defaults: the paper's setting, 10 seeds, ρ = 1.0 and 0.5):
 *
 * <pre>
 * experiments/run.sh MmoeReproduction [--seeds 10] [--epochs 40] [--train 10000]
 *                                     [--test 2000] [--scale 0.3] [--rhos 1.0,0.5]
 * </pre>
 */
public final class MmoeReproduction {

    /** Reference mean and std of the average test MSE, PyTorch, 10 seeds, 40 epochs. */
    private static final Map<String, double[]> REFERENCE = Map.of(
            "shared-bottom 1.0", new double[] {0.0313, 0.0311},
            "shared-bottom 0.5", new double[] {0.0255, 0.0129},
            "MMoE 1.0", new double[] {0.0230, 0.0068},
            "MMoE 0.5", new double[] {0.0231, 0.0061});

    private MmoeReproduction() {}

    /** Runs the experiment; see the class comment for the options. */
    public static void main(String[] args) {
        Settings paper = Settings.paper();
        int seeds = 10;
        double[] rhos = {1.0, 0.5};
        Settings settings = paper;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(value);
                case "--epochs" -> settings = settings.withRows(settings.trainRows(),
                        settings.testRows(), Integer.parseInt(value));
                case "--train" -> settings = settings.withRows(Integer.parseInt(value),
                        settings.testRows(), settings.epochs());
                case "--test" -> settings = settings.withRows(settings.trainRows(),
                        Integer.parseInt(value), settings.epochs());
                case "--scale" -> settings = settings.withScale(Double.parseDouble(value));
                case "--rhos" -> rhos = Arrays.stream(value.split(","))
                        .mapToDouble(Double::parseDouble).toArray();
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + ". Received: " + String.join(" ", args) + ". Use --seeds, --epochs,"
                        + " --train, --test, --scale or --rhos.");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Every option needs a value. Received: "
                    + String.join(" ", args) + ". Use e.g. --seeds 3.");
        }
        boolean reference = settings.equals(paper) && seeds == 10;
        System.out.printf(Locale.ROOT, "MMoE synthetic data (Ma et al. 2018): d=%d, c=%s, m=%d,"
                        + " noise %s, %d train / %d test rows; Adam %s, batch %d, %d epochs,"
                        + " %d seeds%n", settings.dimension(), settings.scale(), settings.sines(),
                settings.noise(), settings.trainRows(), settings.testRows(),
                settings.learningRate(), settings.batchSize(), settings.epochs(), seeds);
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        for (Architecture architecture : Architecture.values()) {
            for (double rho : rhos) {
                double[] mses = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    mses[s] = TaskCorrelationExperiment.testMse(architecture, rho, s + 1,
                            settings);
                    System.err.printf(Locale.ROOT, "  %s rho=%s seed %d: %.4f (%.0f s)%n",
                            architecture.label(), rho, s + 1, mses[s],
                            (System.nanoTime() - start) / 1e9);
                }
                String key = architecture.label() + " " + rho;
                double[] ref = REFERENCE.get(key);
                lines.add(String.format(Locale.ROOT, "| %-13s | %.1f | %.4f ± %.4f | %s |",
                        architecture.label(), rho, mean(mses), std(mses),
                        reference && ref != null
                                ? String.format(Locale.ROOT, "%.4f ± %.4f", ref[0], ref[1])
                                : "—"));
            }
        }
        System.out.println("| model         | ρ   | mtl4j test MSE  | PyTorch reference |");
        System.out.println("|---|---|---|---|");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double std(double[] values) {
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1));
    }
}
