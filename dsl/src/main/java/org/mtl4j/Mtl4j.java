package org.mtl4j;

import ai.djl.Device;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.TextInput;
import org.mtl4j.spec.layers.AvgPool;
import org.mtl4j.spec.layers.BatchNorm;
import org.mtl4j.spec.layers.Conv2d;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Flatten;
import org.mtl4j.spec.layers.GlobalAvgPool;
import org.mtl4j.spec.layers.MaxPool;
import org.mtl4j.spec.layers.Dropout;
import org.mtl4j.spec.layers.Kaiming;
import org.mtl4j.spec.layers.Normal;
import org.mtl4j.spec.layers.PytorchDefault;
import org.mtl4j.spec.layers.Relu;
import org.mtl4j.spec.layers.Sigmoid;
import org.mtl4j.spec.layers.Tanh;
import org.mtl4j.spec.layers.Xavier;
import org.mtl4j.spec.losses.BinaryCrossEntropy;
import org.mtl4j.spec.losses.CrossEntropy;
import org.mtl4j.spec.losses.Huber;
import org.mtl4j.spec.losses.MeanAbsoluteError;
import org.mtl4j.spec.losses.MeanSquaredError;
import org.mtl4j.spec.metrics.Accuracy;
import org.mtl4j.spec.metrics.Auc;
import org.mtl4j.spec.metrics.MacroF1;
import org.mtl4j.spec.metrics.Mae;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.spec.metrics.Rmse;
import org.mtl4j.train.Checkpoints;
import org.mtl4j.train.ConflictMonitor;
import org.mtl4j.train.CosineDecay;
import org.mtl4j.train.EarlyStopping;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.FitOptions;
import org.mtl4j.train.Monitor;
import org.mtl4j.train.OptimizerSpec;
import org.mtl4j.train.ReduceOnPlateau;
import org.mtl4j.train.StepDecay;
import org.mtl4j.train.TaskAffinity;
import org.mtl4j.weighting.AlignedMtlWeighting;
import org.mtl4j.weighting.CagradWeighting;
import org.mtl4j.weighting.DbMtlWeighting;
import org.mtl4j.weighting.DwaWeighting;
import org.mtl4j.weighting.EqualWeighting;
import org.mtl4j.weighting.FairGradWeighting;
import org.mtl4j.weighting.FamoWeighting;
import org.mtl4j.weighting.GlsWeighting;
import org.mtl4j.weighting.GradNormWeighting;
import org.mtl4j.weighting.GradVacWeighting;
import org.mtl4j.weighting.ImtlLossWeighting;
import org.mtl4j.weighting.ImtlWeighting;
import org.mtl4j.weighting.MgdaWeighting;
import org.mtl4j.weighting.NashMtlWeighting;
import org.mtl4j.weighting.PcgradWeighting;
import org.mtl4j.weighting.RandomWeighting;
import org.mtl4j.weighting.StaticWeighting;
import org.mtl4j.weighting.StchWeighting;
import org.mtl4j.weighting.UncertaintyWeighting;
import org.mtl4j.weighting.UpgradWeighting;

/**
 * The DSL's entry point: every factory a notebook needs, for {@code import static
 * org.mtl4j.Mtl4j.*;}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * var model = multiTask()
 *     .input(numeric("x1", "x2"), categorical("island"), text("review"))
 *     .trunk(dense(64), relu(), dropout(0.1), dense(32), relu())
 *     .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy())
 *     .task("stars").head(dense(1)).loss(mse()).metric(mae())
 *     .weighting(equal())
 *     .build();
 * var run = model.fit(table, epochs(20), batchSize(64), adam(1e-3), validationSplit(0.2),
 *     seed(42));
 * }</pre>
 */
public final class Mtl4j {

    private Mtl4j() {}

    /** Starts a model declaration. */
    public static ModelBuilder multiTask() {
        return new ModelBuilder();
    }

    // ---- inputs

    /** Number columns, standardised with training-split statistics. */
    public static NumericInput numeric(String... columns) {
        return new NumericInput(list(columns));
    }

    /**
     * Categorical columns, one-hot over the training split's levels; {@code .embedding(n)} learns
     * a vector per level instead (see {@link org.mtl4j.spec.inputs.CategoricalEmbedding}).
     */
    public static CategoricalInput categorical(String... columns) {
        return new CategoricalInput(list(columns));
    }

    /**
     * A text column as a hashed bag of words (4096 buckets); see {@link TextInput}. {@code
     * .embeddingBag(n)} averages learnt token vectors instead (see {@link
     * org.mtl4j.spec.inputs.TextEmbeddingBag}).
     */
    public static TextInput text(String column) {
        return new TextInput(column, false, TextInput.DEFAULT_BUCKETS);
    }

    /**
     * Images from a column of Base64 pixel cells: see {@link ImageInput}. Example: {@code
     * image("image", 1, 28, 28)}.
     */
    public static ImageInput image(String column, int channels, int height, int width) {
        return new ImageInput(column, channels, height, width);
    }

    // ---- layers

    /** A fully connected layer with {@code units} outputs. */
    public static Dense dense(int units) {
        return new Dense(units);
    }

    /** A 2-D convolution, stride 1 and no padding unless set: see {@link Conv2d}. */
    public static Conv2d conv2d(int filters, int kernel) {
        return new Conv2d(filters, kernel);
    }

    /** Max pooling over {@code kernel × kernel} windows, stride {@code kernel}: {@link MaxPool}. */
    public static MaxPool maxPool(int kernel) {
        return new MaxPool(kernel);
    }

    /** Average pooling over {@code kernel × kernel} windows, stride {@code kernel}: {@link AvgPool}. */
    public static AvgPool avgPool(int kernel) {
        return new AvgPool(kernel);
    }

    /** Batch normalisation, running statistics at evaluation: see {@link BatchNorm}. */
    public static BatchNorm batchNorm() {
        return new BatchNorm();
    }

    /** Images to flat features: see {@link Flatten}. */
    public static Flatten flatten() {
        return new Flatten();
    }

    /** The mean of each channel over the image: see {@link GlobalAvgPool}. */
    public static GlobalAvgPool globalAvgPool() {
        return new GlobalAvgPool();
    }

    /** ReLU activation. */
    public static Relu relu() {
        return new Relu();
    }

    /** Tanh activation. */
    public static Tanh tanh() {
        return new Tanh();
    }

    /** Sigmoid activation. */
    public static Sigmoid sigmoid() {
        return new Sigmoid();
    }

    /** Dropout with probability {@code rate} during training. */
    public static Dropout dropout(double rate) {
        return new Dropout(rate);
    }

    // ---- initializers (formulas in spec.layers.Initializer; use with multiTask().initializer(...)
    // or dense(n).init(...))

    /** PyTorch's {@code nn.Linear} start: weights and biases U(−1/√fan_in, 1/√fan_in). */
    public static PytorchDefault pytorchDefault() {
        return new PytorchDefault();
    }

    /** Glorot-uniform weights U(±√(6/(fan_in+fan_out))), zero biases. */
    public static Xavier xavierUniform() {
        return new Xavier(true, 1);
    }

    /** Glorot-uniform weights U(±gain·√(6/(fan_in+fan_out))), zero biases. */
    public static Xavier xavierUniform(double gain) {
        return new Xavier(true, gain);
    }

    /** Glorot-normal weights N(0, 2/(fan_in+fan_out)), zero biases. */
    public static Xavier xavierNormal() {
        return new Xavier(false, 1);
    }

    /** Glorot-normal weights N(0, gain²·2/(fan_in+fan_out)), zero biases. */
    public static Xavier xavierNormal(double gain) {
        return new Xavier(false, gain);
    }

    /** He-uniform weights U(±√(6/fan_in)) (fan_in, ReLU gain √2), zero biases. */
    public static Kaiming kaimingUniform() {
        return kaimingUniform(Kaiming.FAN_IN, "relu");
    }

    /**
     * He-uniform weights U(±g·√(3/fan)), zero biases; {@code mode} "fan_in" or "fan_out", {@code
     * nonlinearity} as PyTorch's {@code calculate_gain} ("relu", "tanh", "linear", ...).
     */
    public static Kaiming kaimingUniform(String mode, String nonlinearity) {
        return new Kaiming(true, 0, mode, nonlinearity);
    }

    /** He-uniform with "leaky_relu" of negative slope {@code a}: g = √(2/(1+a²)). */
    public static Kaiming kaimingUniform(double a, String mode, String nonlinearity) {
        return new Kaiming(true, a, mode, nonlinearity);
    }

    /** He-normal weights N(0, 2/fan_in), zero biases: the default (DJL's). */
    public static Kaiming kaimingNormal() {
        return kaimingNormal(Kaiming.FAN_IN, "relu");
    }

    /** He-normal weights N(0, g²/fan), zero biases; arguments as {@link #kaimingUniform}. */
    public static Kaiming kaimingNormal(String mode, String nonlinearity) {
        return new Kaiming(false, 0, mode, nonlinearity);
    }

    /** He-normal with "leaky_relu" of negative slope {@code a}: g = √(2/(1+a²)). */
    public static Kaiming kaimingNormal(double a, String mode, String nonlinearity) {
        return new Kaiming(false, a, mode, nonlinearity);
    }

    /** Weights N(mean, std²) whatever the layer's size, zero biases: {@code normal(0, 0.01)}. */
    public static Normal normal(double mean, double std) {
        return new Normal(mean, std);
    }

    // ---- losses

    /** Softmax cross-entropy (one-of-K classes; head outputs K logits). */
    public static CrossEntropy crossEntropy() {
        return new CrossEntropy();
    }

    /** Binary cross-entropy (two classes; head outputs 1 logit). */
    public static BinaryCrossEntropy binaryCrossEntropy() {
        return new BinaryCrossEntropy();
    }

    /** Mean squared error (regression). */
    public static MeanSquaredError mse() {
        return new MeanSquaredError();
    }

    /** Mean absolute error, L1 (regression). */
    public static MeanAbsoluteError l1() {
        return new MeanAbsoluteError();
    }

    /** Huber loss with delta 1.0 (regression). */
    public static Huber huber() {
        return new Huber(1.0);
    }

    /** Huber loss with the given delta (regression). */
    public static Huber huber(double delta) {
        return new Huber(delta);
    }

    // ---- metrics

    /** Classification accuracy. */
    public static Accuracy accuracy() {
        return new Accuracy();
    }

    /**
     * Area under the ROC curve of a two-class task ({@code binaryCrossEntropy()} with {@code
     * dense(1)}, or {@code crossEntropy()} with {@code dense(2)}); see {@link Auc}.
     */
    public static Auc auc() {
        return new Auc();
    }

    /** Macro-averaged F1 (classification). */
    public static MacroF1 macroF1() {
        return new MacroF1();
    }

    /** Mean absolute error (regression metric). */
    public static Mae mae() {
        return new Mae();
    }

    /** Root mean squared error (regression metric). */
    public static Rmse rmse() {
        return new Rmse();
    }

    // ---- weighting

    /** Every task's loss counts once (the default). */
    public static EqualWeighting equal() {
        return new EqualWeighting();
    }

    /** Fixed weights per task name. */
    public static StaticWeighting weights(Map<String, Double> weights) {
        return new StaticWeighting(weights);
    }

    /** Uncertainty weighting (Kendall et al. 2018): learned log-variances, starting at −0.5. */
    public static UncertaintyWeighting uncertainty() {
        return new UncertaintyWeighting(UncertaintyWeighting.DEFAULT_INITIAL_LOG_VARIANCE);
    }

    /** Uncertainty weighting with log-variances starting at {@code initialLogVariance}. */
    public static UncertaintyWeighting uncertainty(double initialLogVariance) {
        return new UncertaintyWeighting(initialLogVariance);
    }

    /** Dynamic weight average (Liu et al. 2019) with temperature 2. */
    public static DwaWeighting dwa() {
        return new DwaWeighting(DwaWeighting.DEFAULT_TEMPERATURE);
    }

    /** Dynamic weight average with temperature {@code temperature}. */
    public static DwaWeighting dwa(double temperature) {
        return new DwaWeighting(temperature);
    }

    /** Random loss weighting (Lin et al. 2022): fresh random weights every step. */
    public static RandomWeighting rlw() {
        return new RandomWeighting();
    }

    /** GradNorm (Chen et al. 2018) with α = 1.5; weights learn at 1e-3. */
    public static GradNormWeighting gradNorm() {
        return gradNorm(GradNormWeighting.DEFAULT_ALPHA);
    }

    /** GradNorm with asymmetry {@code alpha}; weights learn at 1e-3. */
    public static GradNormWeighting gradNorm(double alpha) {
        return new GradNormWeighting(alpha, GradNormWeighting.DEFAULT_LEARNING_RATE);
    }

    /** PCGrad (Yu et al. 2020): conflicting gradients projected onto each other's normal plane. */
    public static PcgradWeighting pcgrad() {
        return new PcgradWeighting();
    }

    /**
     * MGDA (Sener and Koltun 2018): the minimum-norm combination of the tasks' gradients, solved
     * exactly. Gradients unnormalised; {@code mgda().normalize("loss+")} (or "l2", "loss") as in
     * the paper's code.
     */
    public static MgdaWeighting mgda() {
        return new MgdaWeighting();
    }

    /** CAGrad (Liu et al. 2021) with c = 0.4, its dual solved exactly. */
    public static CagradWeighting cagrad() {
        return cagrad(CagradWeighting.DEFAULT_C);
    }

    /** CAGrad with radius {@code c}. */
    public static CagradWeighting cagrad(double c) {
        return new CagradWeighting(c);
    }

    /**
     * IMTL-G (Liu et al. 2021): equal projections of the update on every task's gradient;
     * {@code imtl().withLossScales()} is the paper's full IMTL (IMTL-G on IMTL-L's scaled losses).
     */
    public static ImtlWeighting imtl() {
        return new ImtlWeighting();
    }

    /** IMTL-G by its own name: the same as {@link #imtl()}. */
    public static ImtlWeighting imtlG() {
        return new ImtlWeighting();
    }

    /** IMTL-L (Liu et al. 2021): learned loss scales that drive every scaled loss to 1. */
    public static ImtlLossWeighting imtlL() {
        return new ImtlLossWeighting();
    }

    /**
     * Nash-MTL (Navon et al. 2022): the tasks' Nash bargaining solution, solved on every step,
     * uncapped; {@code nashMtl().maxNorm(1.0).updateEvery(5)} for the paper's options.
     */
    public static NashMtlWeighting nashMtl() {
        return new NashMtlWeighting();
    }

    // ---- weighting: issue 18's strategies (each class's javadoc has the paper and defaults)

    /** FAMO (Liu et al. 2023): learning rate 0.025 and γ = 0.01 for the task logits. */
    public static FamoWeighting famo() {
        return famo(FamoWeighting.DEFAULT_LEARNING_RATE, FamoWeighting.DEFAULT_GAMMA);
    }

    /** FAMO with the logits' learning rate and weight decay γ. */
    public static FamoWeighting famo(double learningRate, double gamma) {
        return new FamoWeighting(learningRate, gamma);
    }

    /** UPGrad (Quinton & Rey 2024): the mean of the gradients projected onto their dual cone. */
    public static UpgradWeighting upgrad() {
        return new UpgradWeighting();
    }

    /** Aligned-MTL (Senushkin et al. 2023), scaled by the smallest singular value. */
    public static AlignedMtlWeighting alignedMtl() {
        return alignedMtl(AlignedMtlWeighting.DEFAULT_SCALE);
    }

    /** Aligned-MTL with scale {@code "min"}, {@code "median"} or {@code "rmse"}. */
    public static AlignedMtlWeighting alignedMtl(String scale) {
        return new AlignedMtlWeighting(scale);
    }

    /** GradVac (Wang et al. 2021) with the paper's β = 0.01. */
    public static GradVacWeighting gradVac() {
        return gradVac(GradVacWeighting.DEFAULT_BETA);
    }

    /** GradVac with the moving average's rate β. */
    public static GradVacWeighting gradVac(double beta) {
        return new GradVacWeighting(beta);
    }

    /** Smooth Tchebycheff scalarisation (Lin et al. 2024): μ = 1, 4 warm-up epochs. */
    public static StchWeighting stch() {
        return stch(StchWeighting.DEFAULT_MU, StchWeighting.DEFAULT_WARMUP_EPOCHS);
    }

    /** STCH with smoothing μ and warm-up epochs. */
    public static StchWeighting stch(double mu, int warmupEpochs) {
        return new StchWeighting(mu, warmupEpochs);
    }

    /** FairGrad (Ban & Ji 2024) with α = 1 (proportional fairness). */
    public static FairGradWeighting fairGrad() {
        return fairGrad(FairGradWeighting.DEFAULT_ALPHA);
    }

    /** FairGrad with fairness α. */
    public static FairGradWeighting fairGrad(double alpha) {
        return new FairGradWeighting(alpha);
    }

    /** Geometric loss strategy (Chennupati et al. 2019): the geometric mean of the losses. */
    public static GlsWeighting gls() {
        return new GlsWeighting();
    }

    /** DB-MTL (Lin et al. 2023): log-losses, gradients scaled to the largest; β = 0.9, σ = 0. */
    public static DbMtlWeighting dbMtl() {
        return dbMtl(DbMtlWeighting.DEFAULT_BETA, DbMtlWeighting.DEFAULT_SIGMA);
    }

    /** DB-MTL with the moving average's β and its decay σ over steps. */
    public static DbMtlWeighting dbMtl(double beta, double sigma) {
        return new DbMtlWeighting(beta, sigma);
    }

    // ---- fit options

    /** Number of epochs (default 10). */
    public static FitOption epochs(int epochs) {
        return FitOptions.epochs(epochs);
    }

    /** Rows per step (default 64). */
    public static FitOption batchSize(int batchSize) {
        return FitOptions.batchSize(batchSize);
    }

    /** Fraction of rows held out for validation (default 0). */
    public static FitOption validationSplit(double fraction) {
        return FitOptions.validationSplit(fraction);
    }

    /**
     * The rows of {@code table} that {@code fit(table, ..., validationSplit(fraction), seed(seed))}
     * holds out for validation, in their table order: to look at them, predict them or build a
     * class report on them.
     *
     * <p>Example: {@code model.classReport(heldOut(birds, 0.25, 3), "sex")}
     *
     * @throws IllegalArgumentException if the fraction is not in (0, 1) or the table is empty
     */
    public static tech.tablesaw.api.Table heldOut(tech.tablesaw.api.Table table,
            double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("heldOut needs the fit's validationSplit, in"
                    + " (0, 1). Received: " + validationFraction
                    + ". Pass the fraction and seed the fit used, e.g. heldOut(table, 0.2, 42).");
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("heldOut needs a table with rows. Received: '"
                    + table.name() + "' with 0 rows. Pass the table the fit trained on.");
        }
        return table.rows(org.mtl4j.data.Split.random(table.rowCount(), validationFraction, seed)
                .validation());
    }

    /** Seed of the split, shuffling, initialisation and dropout (default 42). */
    public static FitOption seed(long seed) {
        return FitOptions.seed(seed);
    }

    /** Where to train (default: the GPU if DJL sees one, else the CPU). */
    public static FitOption device(Device device) {
        return FitOptions.device(device);
    }

    /**
     * Splits each batch across the first {@code count} GPUs and adds their gradients up before
     * each step: the same update as one device on the whole batch (default: one device).
     *
     * <p>Example: {@code model.fit(table, epochs(5), adam(1e-3), devices(2))}
     *
     * @see org.mtl4j.train.Devices
     */
    public static FitOption devices(int count) {
        return FitOptions.devices(count);
    }

    /**
     * Splits each batch across {@code devices}, the first holding the model; {@code
     * devices(Device.cpu(), Device.cpu())} runs the splitting on the CPU, for tests.
     *
     * <p>Example: {@code model.fit(table, devices(Device.gpu(0), Device.gpu(1)))}
     */
    public static FitOption devices(Device... devices) {
        return FitOptions.devices(devices);
    }

    /** libtorch intra-op CPU threads (default: 1 on ≤ 2 cores, else half the cores up to 8). */
    public static FitOption threads(int threads) {
        return FitOptions.threads(threads);
    }

    /** Clip gradients to this global L2 norm. */
    public static FitOption clipGradientNorm(double maxNorm) {
        return FitOptions.clipGradientNorm(maxNorm);
    }

    /** Print nothing while training. */
    public static FitOption quiet() {
        return FitOptions.quiet();
    }

    /**
     * {@code items} with an outer progress for a loop of (quiet) fits: "3/10 configurations ·
     * 0:18 elapsed · 0:42 left", a bar under the cell in a notebook (see {@link
     * org.mtl4j.progress.Progress}).
     *
     * <p>Example: {@code for (long seed : progress("seeds", List.of(1L, 2L, 3L))) { ... }}
     *
     * @param noun what the items are, plural ("seeds", "configurations")
     */
    public static <T> Iterable<T> progress(String noun, java.util.Collection<? extends T> items) {
        return org.mtl4j.progress.Progress.over(noun, items);
    }

    /** Follow training with a listener. */
    public static FitOption listener(FitListener listener) {
        return FitOptions.listener(listener);
    }

    /**
     * Records, per epoch and pair of tasks, the cosine of their shared gradients, how often they
     * conflict and their magnitude ratio (see {@link ConflictMonitor}); {@code .every(k)} samples
     * one step in k.
     *
     * <p>Example: {@code model.fit(table, epochs(10), conflictMonitor().every(4))}, then {@code
     * run.history().conflictTable()}
     */
    public static ConflictMonitor conflictMonitor() {
        return ConflictMonitor.DEFAULT;
    }

    /**
     * Measures, per epoch and ordered pair of tasks, the inter-task affinity of Fifty et al. 2021:
     * how much a look-ahead step on one task's loss lowers another's (see {@link TaskAffinity});
     * {@code .every(k)} samples one step in k, {@code .stepSize(η)} sets the look-ahead's step
     * (default: the fit's learning rate).
     *
     * <p>Example: {@code model.fit(table, epochs(10), taskAffinity().every(4))}, then {@code
     * TaskGroups.suggest(run.history(), 2)}
     */
    public static TaskAffinity taskAffinity() {
        return TaskAffinity.DEFAULT;
    }

    /** SGD; add {@code .momentum(0.9)} for momentum. */
    public static OptimizerSpec sgd(double learningRate) {
        return FitOptions.sgd(learningRate);
    }

    /** Adam (default {@code adam(1e-3)}). */
    public static OptimizerSpec adam(double learningRate) {
        return FitOptions.adam(learningRate);
    }

    /** AdamW with weight decay 0.01; change with {@code .weightDecay(wd)}. */
    public static OptimizerSpec adamW(double learningRate) {
        return FitOptions.adamW(learningRate);
    }

    /**
     * Skip steps with a non-finite loss or gradient instead of stopping the fit (the default
     * stops with a {@code TrainingDivergedException} naming the task, epoch and step).
     */
    public static FitOption skipNonFiniteSteps() {
        return FitOptions.skipNonFiniteSteps();
    }

    // ---- training controls

    /** Early stopping on {@code monitor} (patience 3, restoring the best epoch's parameters). */
    public static EarlyStopping earlyStopping(Monitor monitor) {
        return EarlyStopping.on(monitor);
    }

    /** Early stopping on the weighted total validation loss (needs a validation split). */
    public static EarlyStopping earlyStopping() {
        return EarlyStopping.on(Monitor.validationLoss());
    }

    /** The weighted total validation loss: Σ task weight × task validation loss. */
    public static Monitor validationLoss() {
        return Monitor.validationLoss();
    }

    /** Task {@code task}'s validation loss. */
    public static Monitor validationLoss(String task) {
        return Monitor.validationLoss(task);
    }

    /** The weighted total training loss (no validation split needed). */
    public static Monitor trainingLoss() {
        return Monitor.trainingLoss();
    }

    /** Task {@code task}'s training loss (no validation split needed). */
    public static Monitor trainingLoss(String task) {
        return Monitor.trainingLoss(task);
    }

    /** Task {@code task}'s {@code metric} on the validation split, e.g. accuracy(). */
    public static Monitor monitor(String task, Metric metric) {
        return Monitor.metric(task, metric);
    }

    /** Multiply the learning rate by {@code factor} every {@code everyEpochs} epochs. */
    public static StepDecay stepDecay(int everyEpochs, double factor) {
        return new StepDecay(everyEpochs, factor);
    }

    /** Cosine decay to 0 over the fit; add {@code .warmupEpochs(n)} for a linear warm-up. */
    public static CosineDecay cosineDecay() {
        return new CosineDecay(0, 0);
    }

    /** Multiply the rate by 0.1 when {@code monitor} stalls for 10 epochs (Keras' defaults). */
    public static ReduceOnPlateau reduceOnPlateau(Monitor monitor) {
        return ReduceOnPlateau.on(monitor);
    }

    /** Reduce-on-plateau on the weighted total validation loss. */
    public static ReduceOnPlateau reduceOnPlateau() {
        return ReduceOnPlateau.on(Monitor.validationLoss());
    }

    /**
     * Save the model into {@code folder} while it trains: {@code last.mtl4j} after every epoch;
     * add {@code .every(n)} to keep {@code epoch-NNNN.mtl4j} files and {@code .best(monitor)} for
     * {@code best.mtl4j}.
     */
    public static Checkpoints checkpoint(java.nio.file.Path folder) {
        return Checkpoints.into(folder);
    }

    private static List<String> list(String... columns) {
        return columns == null ? List.of() : Arrays.asList(columns);
    }

    // ---- adding a task to a trained model: freeze(...) and rehearsal(...) ----

    /**
     * Keeps {@code parts} as they are during this fit: no update, no change to their optimizer
     * state, and (with a weighting on the losses only) no gradient computed for them. Holds for
     * one fit; fit again without it to unfreeze. See {@link org.mtl4j.train.Freeze}.
     *
     * <p>Example: {@code extended.fit(newRows, epochs(30), freeze(trunk(), heads("species")))}
     *
     * @throws IllegalArgumentException for no part or a null one
     */
    public static org.mtl4j.train.Freeze freeze(org.mtl4j.train.ModelPart... parts) {
        java.util.List<org.mtl4j.train.ModelPart> list = NonNull.list("freeze", parts,
                "trunk()");
        return new org.mtl4j.train.Freeze(list);
    }

    /** The trunk of a hard-sharing model, for {@code freeze(trunk())}. */
    public static org.mtl4j.train.ModelPart trunk() {
        return new org.mtl4j.train.ModelPart(org.mtl4j.train.ModelPart.Kind.TRUNK,
                java.util.List.of());
    }

    /** The experts of a mixture of experts (shared and task-specific), for {@code freeze}. */
    public static org.mtl4j.train.ModelPart experts() {
        return new org.mtl4j.train.ModelPart(org.mtl4j.train.ModelPart.Kind.EXPERTS,
                java.util.List.of());
    }

    /** The gates of a mixture of experts, for {@code freeze(gates())}. */
    public static org.mtl4j.train.ModelPart gates() {
        return new org.mtl4j.train.ModelPart(org.mtl4j.train.ModelPart.Kind.GATES,
                java.util.List.of());
    }

    /**
     * Everything before the heads, in any architecture (trunk; experts and gates; cross-stitch
     * columns and units), for {@code freeze(shared())}.
     */
    public static org.mtl4j.train.ModelPart shared() {
        return new org.mtl4j.train.ModelPart(org.mtl4j.train.ModelPart.Kind.SHARED,
                java.util.List.of());
    }

    /** The heads of {@code tasks} (none named: every head), for {@code freeze(heads("a"))}. */
    public static org.mtl4j.train.ModelPart heads(String... tasks) {
        if (tasks == null || java.util.Arrays.asList(tasks).contains(null)) {
            throw new IllegalArgumentException("heads() needs task names. Received: heads("
                    + (tasks == null ? "null" : java.util.Arrays.toString(tasks)) + "). Use e.g."
                    + " heads(\"species\"), or heads() for every head.");
        }
        return new org.mtl4j.train.ModelPart(org.mtl4j.train.ModelPart.Kind.HEADS,
                java.util.List.of(tasks));
    }

    /**
     * Fine-tunes with rehearsal: a share {@code fraction} of the training rows are rows of
     * {@code oldRows} (drawn once per fit, seeded by {@code seed(...)}; see {@link
     * org.mtl4j.train.Rehearsal} for the sampling), so the old tasks keep training while the
     * model learns a new one.
     *
     * <p>Example: {@code extended.fit(newRows, epochs(30), rehearsal(oldRows, 0.25))}
     */
    public static org.mtl4j.train.Rehearsal rehearsal(tech.tablesaw.api.Table oldRows,
            double fraction) {
        return new org.mtl4j.train.Rehearsal(oldRows, fraction);
    }
}
