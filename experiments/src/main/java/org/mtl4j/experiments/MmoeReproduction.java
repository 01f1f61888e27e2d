package org.mtl4j.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mtl4j.experiments.TaskCorrelationExperiment.Architecture;
import org.mtl4j.experiments.TaskCorrelationExperiment.Settings;
import org.mtl4j.spec.layers.Initializer;

/**
 * Runs the MMoE paper's synthetic experiment ({@link TaskCorrelationExperiment}) and prints mtl4j's
 * mean ± standard deviation (over seeds, n − 1) of the test MSE next to the PyTorch reference runs
 * of the same setup on the same rows ({@code experiments/reference/mmoe-synthetic.json}, written by
 * {@code mmoe_synthetic.py}; shown when the settings and seeds are the reference's).
 *
 * <p>Usage (defaults: the paper's setting, 10 seeds, ρ = 1.0 and 0.5):
 *
 * <pre>
 * experiments/run.sh MmoeReproduction [--seeds 10] [--epochs 40] [--train 10000]
 *                                     [--test 2000] [--scale 0.3] [--rhos 1.0,0.5]
 *                                     [--initializer djl|pytorch]
 * </pre>
 *
 * <p>{@code --initializer}: how every dense layer, gates included, starts: {@code djl} (default,
 * the DSL's default, DJL's W ~ N(0, 2/fan_in), b = 0) or {@code pytorch} ({@code
 * initializer(pytorchDefault())}, PyTorch's {@code nn.Linear}: W and b ~ U(±1/√fan_in), as the
 * reference runs start).
 *
 * <p>Example: {@code experiments/run.sh MmoeReproduction --seeds 2 --epochs 5}, a quick shortened
 * run (without the reference column, whose settings differ)
 */
public final class MmoeReproduction {

    private MmoeReproduction() {}

    /** Runs the experiment; see the class comment for the options. */
    public static void main(String[] args) {
        Settings paper = Settings.paper();
        int seeds = 10;
        double[] rhos = {1.0, 0.5};
        Settings settings = paper;
        String initName = "djl";
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
                case "--initializer" -> initName = value;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + ". Received: " + String.join(" ", args) + ". Use --seeds, --epochs,"
                        + " --train, --test, --scale, --rhos or --initializer.");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Every option needs a value. Received: "
                    + String.join(" ", args) + ". Use e.g. --seeds 3.");
        }
        Initializer init = GradNormToyReport.initializer(initName);
        ReferenceFigures reference = ReferenceFigures.load("mmoe-synthetic");
        boolean comparable = sameSettings(reference, settings, seeds);
        System.out.printf(Locale.ROOT, "MMoE synthetic data (Ma et al. 2018): d=%d, c=%s, m=%d,"
                        + " noise %s, %d train / %d test rows; Adam %s, batch %d, %d epochs,"
                        + " %d seeds, initializer %s%n", settings.dimension(), settings.scale(), settings.sines(),
                settings.noise(), settings.trainRows(), settings.testRows(),
                settings.learningRate(), settings.batchSize(), settings.epochs(), seeds, initName);
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        for (Architecture architecture : Architecture.values()) {
            for (double rho : rhos) {
                List<Double> mses = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    mses.add(TaskCorrelationExperiment.testMse(architecture, rho, s + 1,
                            settings, init));
                    System.err.printf(Locale.ROOT, "  %s rho=%s seed %d: %.4f (%.0f s)%n",
                            architecture.label(), rho, s + 1, mses.get(s),
                            (System.nanoTime() - start) / 1e9);
                }
                String key = architecture.label() + " " + rho;
                lines.add(String.format(Locale.ROOT, "| %-13s | %.1f | %s | %s |",
                        architecture.label(), rho, Stats.meanAndSpread(mses, 4),
                        comparable && reference.results().containsKey(key)
                                ? reference.result(key).meanAndSpread(4) : "—"));
            }
        }
        System.out.printf(Locale.ROOT, "| model         | ρ   | mtl4j test MSE  | PyTorch reference"
                + " (torch %s) |%n", reference.torch());
        System.out.println("|---|---|---|---|");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);
    }

    /** Whether the reference ran these settings and this many seeds. */
    static boolean sameSettings(ReferenceFigures reference, Settings settings, int seeds) {
        return reference.number("dimension") == settings.dimension()
                && reference.number("scale") == settings.scale()
                && reference.number("sines") == settings.sines()
                && reference.number("noise") == settings.noise()
                && reference.number("train_rows") == settings.trainRows()
                && reference.number("test_rows") == settings.testRows()
                && reference.number("epochs") == settings.epochs()
                && reference.number("batch") == settings.batchSize()
                && reference.number("learning_rate") == settings.learningRate()
                && reference.number("seeds") == seeds;
    }
}
