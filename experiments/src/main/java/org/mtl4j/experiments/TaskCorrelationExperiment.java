package org.mtl4j.experiments;

import static org.mtl4j.Mtl4j.*;

import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.TaskCorrelationData;
import org.mtl4j.spec.layers.Initializer;
import tech.tablesaw.api.Table;

/**
 * The synthetic experiment of Ma et al. 2018 ("Modeling Task Relationships in Multi-task Learning
 * with Multi-gate Mixture-of-Experts", KDD, section 3): two regression tasks of correlation ρ
 * ({@link TaskCorrelationData}), a shared-bottom model against MMoE, both built with the DSL.
 *
 * <ul>
 *   <li>shared-bottom: {@code .trunk(dense(113), relu())}, towers {@code dense(8), relu(),
 *       dense(1)};
 *   <li>MMoE: {@code .experts(8, dense(16), relu()).gates()} (a softmax gate Linear(d, 8) per
 *       task), the same towers.
 * </ul>
 *
 * Both have about the same number of parameters at d = 100. Training: MSE per task, equal weights,
 * Adam, batch 100; the score is the mean of the two tasks' test MSE.
 *
 * <p>Example: {@code TaskCorrelationExperiment.testMse(Architecture.MMOE, 0.5, 1,
 * Settings.paper())}
 */
public final class TaskCorrelationExperiment {

    /** The two models compared. */
    public enum Architecture {
        /** Hard parameter sharing: one Linear(d, 113) + ReLU trunk. */
        SHARED_BOTTOM("shared-bottom"),
        /** MMoE: 8 experts Linear(d, 16) + ReLU, one softmax gate per task. */
        MMOE("MMoE");

        private final String label;

        Architecture(String label) {
            this.label = label;
        }

        /** The name printed in tables. */
        public String label() {
            return label;
        }
    }

    /**
     * The data and training settings.
     *
     * @param dimension d (paper 100)
     * @param scale c (paper 0.3)
     * @param sines m (paper 5)
     * @param noise ε's standard deviation (paper 0.1)
     * @param trainRows training rows (paper 10 000)
     * @param testRows test rows (paper 2 000)
     * @param epochs epochs (paper 40)
     * @param batchSize rows per step (paper 100)
     * @param learningRate Adam's learning rate (paper 1e-3)
     */
    public record Settings(int dimension, double scale, int sines, double noise, int trainRows,
            int testRows, int epochs, int batchSize, double learningRate) {

        /** The setting of the paper and of our PyTorch reference runs. */
        public static Settings paper() {
            return new Settings(100, 0.3, 5, 0.1, 10_000, 2_000, 40, 100, 1e-3);
        }

        /** The same with another c. */
        public Settings withScale(double c) {
            return new Settings(dimension, c, sines, noise, trainRows, testRows, epochs,
                    batchSize, learningRate);
        }

        /** The same with other row counts and epochs. */
        public Settings withRows(int train, int test, int epochs) {
            return new Settings(dimension, scale, sines, noise, train, test, epochs, batchSize,
                    learningRate);
        }
    }

    private TaskCorrelationExperiment() {}

    /** The untrained model of {@code architecture} for d input columns x1..xd. */
    public static MultiTaskModel model(Architecture architecture, int dimension) {
        return model(architecture, dimension, null);
    }

    /**
     * The same, every dense layer (gates included) starting as {@code init} says; null for the
     * DSL's default (DJL's: W ~ N(0, 2/fan_in), b = 0).
     */
    public static MultiTaskModel model(Architecture architecture, int dimension,
            Initializer init) {
        ModelBuilder builder = multiTask().input(numeric(features(dimension)));
        if (init != null) {
            builder.initializer(init);
        }
        if (architecture == Architecture.MMOE) {
            builder.experts(8, dense(16), relu()).gates();
        } else {
            builder.trunk(dense(113), relu());
        }
        return builder
                // raw targets, as in the paper (and test MSE in the targets' units)
                .task("y1").head(dense(8), relu(), dense(1)).loss(mse()).scaleTarget(false)
                .task("y2").head(dense(8), relu(), dense(1)).loss(mse()).scaleTarget(false)
                .build();
    }

    /** The task instance of a seed (u1, u2, α, β). */
    public static TaskCorrelationData data(double rho, long seed, Settings settings) {
        return TaskCorrelationData.create(rho, settings.dimension(), settings.scale(),
                settings.sines(), settings.noise(), seed);
    }

    /** Training rows of a seed's task instance. */
    public static Table train(TaskCorrelationData data, long seed, Settings settings) {
        return data.table(settings.trainRows(), 100 + seed);
    }

    /** Test rows of a seed's task instance (drawn independently of the training rows). */
    public static Table test(TaskCorrelationData data, long seed, Settings settings) {
        return data.table(settings.testRows(), 200 + seed);
    }

    /** Trains {@code model} on a seed's training rows, quietly. */
    public static void fit(MultiTaskModel model, Table train, long seed, Settings settings) {
        model.fit(train, epochs(settings.epochs()), batchSize(settings.batchSize()),
                adam(settings.learningRate()), seed(seed), quiet());
    }

    /** Mean of the two tasks' MSE on {@code test}. */
    public static double meanMse(MultiTaskModel model, Table test) {
        Table evaluation = model.evaluate(test);
        return (evaluation.doubleColumn("loss").get(0) + evaluation.doubleColumn("loss").get(1))
                / 2;
    }

    /** One run: a fresh task instance, model and initialisation per seed; the mean test MSE. */
    public static double testMse(Architecture architecture, double rho, long seed,
            Settings settings) {
        return testMse(architecture, rho, seed, settings, null);
    }

    /** The same, the model starting as {@code init} says (null: the default). */
    public static double testMse(Architecture architecture, double rho, long seed,
            Settings settings, Initializer init) {
        TaskCorrelationData data = data(rho, seed, settings);
        try (MultiTaskModel model = model(architecture, settings.dimension(), init)) {
            fit(model, train(data, seed, settings), seed, settings);
            return meanMse(model, test(data, seed, settings));
        }
    }

    private static String[] features(int dimension) {
        String[] names = new String[dimension];
        for (int i = 0; i < dimension; i++) {
            names[i] = "x" + (i + 1);
        }
        return names;
    }
}
