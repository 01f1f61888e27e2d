package org.mtl4j.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.mtl4j.annotation.Internal;

/**
 * mtl4j's one Adam: Adam and AdamW over all parameters at once. The moments live in two flat
 * vectors. A step of all parameters at once in DJL's float32 form is, for packed parameters on
 * the CPU, one call of libtorch's fused Adam kernel over the parameters' vector ({@link
 * FusedAdamKernel}: one pass over the values, where DJL's {@code Adam} makes about ten tensor
 * operations per parameter); otherwise (a GPU, unpacked parameters, a library without the
 * kernel), for up to 64 Ki values, one native call of DJL's own Adam kernel over the flat moments
 * (plus one add per parameter when they are not packed). Larger models there, PyTorch's form,
 * float64 and steps some parameters sit out take about 35 tensor operations (per parameter, for
 * the latter). By default ({@link Form#DJL}) the formula is DJL's
 * (bias correction folded into the learning rate, epsilon uncorrected, AdamW's decay {@code w -=
 * lr·wd·w} before the step), so fits continue where DJL's Adam would and files saved with DJL's
 * Adam state resume; {@link Form#PYTORCH} is {@code torch.optim.Adam}'s (epsilon added after the
 * bias correction, each parameter corrected by its own step count), for values that must follow a
 * PyTorch reference (GradNorm's task weights).
 *
 * <p>Every Adam update in mtl4j runs here: the model's parameters in a fit ({@link #of}), the
 * learned task weights of uncertainty and IMTL-L through {@link FusedAdamOptimizer}, and
 * GradNorm's task weights and FAMO's logits ({@link #over}, PyTorch's form in float64, see
 * {@code weighting.TaskWeightAdam}).
 *
 * <p>A parameter that sits out a step (the head of a task without labels in the batch) keeps its
 * moments, as with DJL's per-parameter Adam; such steps update parameter by parameter on views of
 * the same moments. The step number of the bias correction follows DJL's too.
 *
 * <p>The state belongs to the {@link Optimizer} a model's parts hand out for a spec, so a later
 * fit with the same spec continues it (a fit with another spec starts afresh, as with DJL); it
 * lives in the parameters' manager (see {@code org.mtl4j.train.AdamState} for what a saved model
 * keeps).
 *
 * <p>Example: {@code FusedAdam.of(optimizer, Settings.adam(1e-3f), parameters, parts.manager(),
 * FLOAT32).start(fitManager, scalars).update(gradients, flat, skipped, stepManager, null)}
 */
@Internal
public final class FusedAdam {

    /** The state of each optimizer (weak keys: a state never refers to its optimizer). */
    private static final Map<Optimizer, FusedAdam> STATES = new WeakHashMap<>();

    /** The latest state of each model (keyed by its parameters' manager), to free on a change. */
    private static final Map<NDManager, WeakReference<FusedAdam>> LATEST = new WeakHashMap<>();
    private final List<Parameter> parameters;
    private final float learningRate;
    private final float weightDecay;
    private final boolean decoupled;
    private final Form form;
    private final NDArray mean;
    private final NDArray variance;
    private final long[] offsets;
    private final int[] counts;
    private int largestCount;
    /** The parameters as views of one vector, which a step updates in place; null: not packed. */
    private PackedParameters packed;

    /**
     * Where epsilon goes, and which step number corrects the bias (β₁ = 0.9, β₂ = 0.999, ε = 1e-8
     * in both).
     */
    public enum Form {
        /**
         * DJL's: {@code w -= lr·√(1-β₂ᵗ)/(1-β₁ᵗ) · m / (√v + ε)}, t the largest update count of
         * all parameters so far, constants in float32 (the default).
         */
        DJL,
        /**
         * PyTorch's {@code torch.optim.Adam}: {@code w -= lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε)}, t
         * each parameter's own update count, constants in double precision.
         */
        PYTORCH
    }

    /**
     * Adam's or AdamW's settings.
     *
     * @param learningRate the base learning rate
     * @param weightDecay AdamW's decoupled weight decay (ignored by Adam)
     * @param decoupled true for AdamW
     * @param form the formula; {@link Form#DJL} unless said otherwise
     */
    public record Settings(float learningRate, float weightDecay, boolean decoupled, Form form) {

        /** Checks the form. */
        public Settings {
            if (form == null) {
                throw new IllegalArgumentException("FusedAdam.Settings needs a form. Received:"
                        + " form=null. Use Form.DJL (the default) or Form.PYTORCH.");
            }
        }

        /** DJL's form. */
        public Settings(float learningRate, float weightDecay, boolean decoupled) {
            this(learningRate, weightDecay, decoupled, Form.DJL);
        }

        /** Adam at this learning rate (DJL's form). */
        public static Settings adam(float learningRate) {
            return new Settings(learningRate, 0f, false);
        }

        /** The same settings in another form. */
        public Settings withForm(Form other) {
            return new Settings(learningRate, weightDecay, decoupled, other);
        }
    }

    /**
     * @param offsets where each parameter's moments start, then their size: the packed
     *     parameters' layout ({@link PackedParameters#offsets()}, zeros in the gaps), or
     *     back to back
     */
    private FusedAdam(List<Parameter> parameters, Settings settings, NDManager manager,
            DataType dataType, long[] offsets) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = settings.learningRate();
        this.decoupled = settings.decoupled();
        this.weightDecay = decoupled ? settings.weightDecay() : 0f;
        this.form = settings.form();
        this.offsets = offsets.clone();
        this.mean = manager.zeros(new Shape(offsets[parameters.size()]),
                dataType);
        this.variance = mean.zerosLike();
        this.counts = new int[parameters.size()];
    }

    /**
     * The state of {@code optimizer} (made for {@code settings}) over {@code parameters}: the one
     * of the previous fit when it had the same optimizer, else a new one (the previous one's
     * moments are freed). The parameters are made views of one vector ({@link PackedParameters})
     * when they are not already, so that a step updates them in place.
     */
    public static FusedAdam of(Optimizer optimizer, Settings settings, List<Parameter> parameters,
            NDManager stateManager, DataType dataType) {
        synchronized (STATES) {
            PackedParameters packing = PackedParameters.of(parameters);
            long[] layout = packing != null ? packing.offsets() : backToBack(parameters);
            FusedAdam state = STATES.get(optimizer);
            if (state == null || !state.parameters.equals(parameters)
                    || !Arrays.equals(state.offsets, layout)) {
                WeakReference<FusedAdam> latest = LATEST.get(stateManager);
                FusedAdam previous = latest == null ? null : latest.get();
                if (previous != null) {
                    previous.mean.close();
                    previous.variance.close();
                }
                state = new FusedAdam(parameters, settings, stateManager, dataType, layout);
                STATES.put(optimizer, state);
                LATEST.put(stateManager, new WeakReference<>(state));
            }
            state.packed = packing;
            return state;
        }
    }

    /**
     * A state of its own over {@code parameters} (owned by nobody else: not found by {@link
     * #existing}), with moments of {@code dataType} in {@code stateManager}: for values that are
     * not a model's parameters (learned task weights, see {@link FusedAdamOptimizer}).
     *
     * <p>Example: {@code FusedAdam.over(List.of(weight), settings.withForm(Form.PYTORCH),
     * manager, DataType.FLOAT64).start(manager, scalars)}
     */
    public static FusedAdam over(List<Parameter> parameters, Settings settings,
            NDManager stateManager, DataType dataType) {
        return new FusedAdam(parameters, settings, stateManager, dataType,
                backToBack(parameters));
    }

    /** The layout of moments without gaps: each parameter right after the previous one. */
    private static long[] backToBack(List<Parameter> parameters) {
        long[] offsets = new long[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i + 1] = offsets[i] + parameters.get(i).getArray().size();
        }
        return offsets;
    }

    /** The formula this state follows. */
    public Form form() {
        return form;
    }

    /** The state of {@code optimizer}, if it has one over {@code parameters}. */
    public static FusedAdam existing(Optimizer optimizer, List<Parameter> parameters) {
        synchronized (STATES) {
            FusedAdam state = STATES.get(optimizer);
            return state != null && state.parameters.equals(parameters) ? state : null;
        }
    }

    /**
     * The first moments, flat over all parameters in order, in {@link #offsets()}'s layout
     * (live; do not close).
     */
    public NDArray mean() {
        return mean;
    }

    /** The second moments, in the same layout as {@link #mean()} (live; do not close). */
    public NDArray variance() {
        return variance;
    }

    /** The first moments, back to back in parameter order (a host copy, for saving). */
    public float[] meanValues() {
        return backToBack(mean.toFloatArray());
    }

    /** The second moments, back to back in parameter order (a host copy, for saving). */
    public float[] varianceValues() {
        return backToBack(variance.toFloatArray());
    }

    /** How many values the parameters hold (the moments' size without gaps). */
    private int valueCount() {
        long count = 0;
        for (int i = 0; i < parameters.size(); i++) {
            count += parameterSize(i);
        }
        return Math.toIntExact(count);
    }

    private long parameterSize(int i) {
        return parameters.get(i).getArray().size();
    }

    /** {@code laidOut}, in this state's layout, without the gaps. */
    private float[] backToBack(float[] laidOut) {
        float[] values = new float[valueCount()];
        int at = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int size = (int) parameterSize(i);
            System.arraycopy(laidOut, (int) offsets[i], values, at, size);
            at += size;
        }
        return values;
    }

    /** {@code values} (back to back) in this state's layout, zeros in the gaps. */
    private float[] spread(float[] values) {
        float[] laidOut = new float[Math.toIntExact(offsets[parameters.size()])];
        int at = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int size = (int) parameterSize(i);
            System.arraycopy(values, at, laidOut, (int) offsets[i], size);
            at += size;
        }
        return laidOut;
    }

    /** Where each parameter's values start in the flat moments, then their size. */
    public long[] offsets() {
        return offsets.clone();
    }

    /** Per parameter, how many updates it had. */
    public int[] counts() {
        return counts.clone();
    }

    /** The largest update count so far (the step number of the bias correction). */
    public int largestCount() {
        return largestCount;
    }

    /**
     * Goes back to saved moments and counts. The moments get new storage: start a {@link Fit}
     * after this, not before.
     */
    public void restore(float[] means, float[] variances, int[] updates, int largest) {
        if (means.length != valueCount() || variances.length != valueCount()
                || updates.length != counts.length) {
            throw new IllegalArgumentException("The saved Adam state does not fit the model: "
                    + means.length + " moments and " + updates.length + " counts for "
                    + valueCount() + " values in " + counts.length + " parameters.");
        }
        mean.set(java.nio.FloatBuffer.wrap(spread(means)));
        variance.set(java.nio.FloatBuffer.wrap(spread(variances)));
        System.arraycopy(updates, 0, counts, 0, counts.length);
        largestCount = largest;
    }

    /**
     * Goes back to saved moments and counts given in double precision (kept exactly when the
     * moments are float64), in place: a {@link Fit} started before sees them. For the states of
     * {@link #over}, whose moments lie back to back.
     */
    public void restore(double[] means, double[] variances, int[] updates, int largest) {
        if (means.length != mean.size() || variances.length != variance.size()
                || updates.length != counts.length) {
            throw new IllegalArgumentException("The saved Adam state does not fit: "
                    + means.length + " moments and " + updates.length + " counts for "
                    + mean.size() + " values in " + counts.length + " parameters.");
        }
        // copied into the same storage, so that a running Fit's views see them
        try (NDManager scratch = mean.getManager().newSubManager()) {
            boolean doubles = mean.getDataType() == DataType.FLOAT64;
            mean.set(ALL, doubles ? scratch.create(means)
                    : scratch.create(Precision.narrow(means)));
            variance.set(ALL, doubles ? scratch.create(variances)
                    : scratch.create(Precision.narrow(variances)));
        }
        System.arraycopy(updates, 0, counts, 0, counts.length);
        largestCount = largest;
    }

    private static final NDIndex ALL = new NDIndex(":");

    /** The per-fit views and constants over this state. */
    public Fit start(NDManager fitManager, Scalars scalars) {
        return new Fit(fitManager, scalars, true);
    }

    /**
     * The same without libtorch's fused kernel, as where the library lacks it or on a GPU: for
     * tests of the other paths on packed parameters.
     */
    Fit startWithoutKernel(NDManager fitManager, Scalars scalars) {
        return new Fit(fitManager, scalars, false);
    }

    /** Views of the flat moments, kept for one fit. */
    public final class Fit {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;
        private static final double PYTORCH_BETA1 = 0.9;
        private static final double PYTORCH_BETA2 = 0.999;
        private static final double PYTORCH_EPSILON = 1e-8;
        private static final int RATES = 4096;
        /**
         * Most values the one native Adam call takes on (64 Ki): it saves about 20 native calls
         * a step, which matters on small models, but allocates more temporaries the size of all
         * parameters, which cost more than that on large ones (the wide benchmark model, 1.1
         * million values, ran slower with it).
         */
        static final long NATIVE_LIMIT = 1L << 16;

        private final NDManager manager;
        private final Scalars scalars;
        private final NDArray[] means;
        private final NDArray[] variances;
        private final NDArray[] updates;
        /** The change of an unpacked step, before it is added to each parameter; null if packed. */
        private final NDArray update;
        /** The packed parameters' vector, updated in place; null: add {@link #updates} to each. */
        private final NDArray weights;
        /**
         * libtorch's fused Adam for packed parameters on the CPU in DJL's float32 form; null:
         * DJL's native call or tensor operations.
         */
        private final FusedAdamKernel kernel;
        private NDArray rates;
        private int firstRate;

        private Fit(NDManager manager, Scalars scalars, boolean kernelAllowed) {
            this.manager = manager;
            this.scalars = scalars;
            int n = parameters.size();
            means = new NDArray[n];
            variances = new NDArray[n];
            updates = new NDArray[n];
            weights = packed != null && packed.intact() ? packed.flat() : null;
            // packed parameters take the change directly; others through this buffer
            update = weights == null ? mean.zerosLike() : null;
            kernel = kernelAllowed && weights != null && takesHostRate()
                    && weights.getDevice().equals(Device.cpu())
                    ? FusedAdamKernel.forFit(manager) : null;
            if (update != null) {
                update.attach(manager);
            }
            // the constants of every step, made now rather than at the first step
            boolean pytorch = form == Form.PYTORCH;
            for (double constant : pytorch
                    ? new double[] {PYTORCH_BETA1, 1 - PYTORCH_BETA1, PYTORCH_BETA2,
                        1 - PYTORCH_BETA2, PYTORCH_EPSILON, 0.0}
                    : new double[] {BETA1, 1 - BETA1, BETA2, 1 - BETA2, EPSILON, 0.0}) {
                scalars.of(constant);
            }
            try (NoGrad ignored = new NoGrad()) {
                for (int i = 0; i < n; i++) {
                    means[i] = view(mean, i);
                    variances[i] = view(variance, i);
                    updates[i] = update == null ? null : view(update, i);
                }
            }
        }

        private NDArray view(NDArray flat, int i) {
            NDArray slice = flat.get(
                    new NDIndex().addSliceDim(offsets[i], offsets[i] + parameterSize(i)));
            NDArray shaped = slice.reshape(parameters.get(i).getArray().getShape());
            slice.attach(manager);
            shaped.attach(manager);
            return shaped;
        }

        /**
         * Where each parameter's gradient goes in the flat gradient a step hands over (the
         * moments' layout), then its size.
         */
        public long[] offsets() {
            return offsets.clone();
        }

        /**
         * Whether steps of all parameters at once run in libtorch's fused kernel ({@link
         * FusedAdamKernel}): packed float32 parameters on the CPU, in DJL's form, where the
         * library has the kernel.
         */
        public boolean usesFusedKernel() {
            return kernel != null;
        }

        /** Values in this layout ({@link #offsets()}), back to back without the gaps. */
        public float[] backToBack(float[] laidOut) {
            return FusedAdam.this.backToBack(laidOut);
        }

        /** Values given back to back, in this layout (zeros in the gaps). */
        public float[] laidOut(float[] values) {
            return spread(values);
        }

        /**
         * One step.
         *
         * @param gradients the parameters' gradients (kept handles, as {@link Torch#gradient})
         * @param flat the same gradients concatenated in parameter order, laid out as {@link
         *     #offsets()} says (zeros in the gaps)
         * @param skipped which parameters sit this step out
         * @param step the step's manager for temporaries
         * @param rateFactor the step's scheduled rate over the base rate, or null for the base
         */
        public void update(NDArray[] gradients, NDArray flat, boolean[] skipped, NDManager step,
                NDArray rateFactor) {
            step(gradients, flat, skipped, step, rateFactor, Float.NaN);
        }

        /**
         * Whether a step of all parameters at once takes the schedule's factor as a host number
         * ({@link #update(NDArray[], NDArray, boolean[], NDManager, NDArray, float)}): DJL's form
         * on float32 moments. Such a step runs in libtorch's fused kernel ({@link
         * #usesFusedKernel()}) or, up to {@link #NATIVE_LIMIT} values, as one native Adam call.
         * Otherwise the factor must come as a scalar tensor.
         */
        public boolean takesHostRate() {
            return form == Form.DJL && mean.getDataType() == DataType.FLOAT32;
        }

        /**
         * One step, given the schedule's factor both as a scalar tensor ({@code rateFactor}, or
         * null for the base rate) and as a host number ({@code hostFactor}: the same value, 1 for
         * the base rate). When {@link #takesHostRate()}, a step of all parameters at once is one
         * call of libtorch's fused kernel for packed parameters on the CPU ({@link
         * #usesFusedKernel()}), else (up to {@link #NATIVE_LIMIT} values) one native Adam call
         * over the flat moments, plus one add per parameter when they are not packed, in both
         * cases with the rate passed as a number (no scalar tensor read); {@code rateFactor} then
         * only scales AdamW's decay. Larger models off the kernel take the tensor path.
         * The moments follow DJL's native Adam step ({@code add} with a multiplier, {@code
         * addcmul}), so they can differ from {@link #update(NDArray[], NDArray, boolean[],
         * NDManager, NDArray)}'s in the last bit of float32.
         */
        public void update(NDArray[] gradients, NDArray flat, boolean[] skipped, NDManager step,
                NDArray rateFactor, float hostFactor) {
            step(gradients, flat, skipped, step, rateFactor,
                    takesHostRate() ? hostFactor : Float.NaN);
        }

        /** One step; {@code hostFactor} NaN: the factor only as a tensor. */
        private void step(NDArray[] gradients, NDArray flat, boolean[] skipped, NDManager step,
                NDArray rateFactor, float hostFactor) {
            // DJL's step number: each parameter counts its updates, and every update uses the
            // largest count so far (so a head that sat out steps is corrected as if not)
            int[] t = new int[counts.length];
            boolean together = true;
            for (int i = 0; i < counts.length; i++) {
                if (!skipped[i]) {
                    counts[i]++;
                    largestCount = Math.max(largestCount, counts[i]);
                    // PyTorch's: each parameter its own step number
                    t[i] = form == Form.PYTORCH ? counts[i] : largestCount;
                }
                together &= !skipped[i] && t[i] == t[0];
            }
            boolean hostRate = together && !Float.isNaN(hostFactor);
            if (hostRate && kernel != null && kernel.takes(weights, flat, mean, variance)) {
                kernelStep(flat, t[0], step, hostFactor, rateFactor);
                return;
            }
            boolean nativeCall = hostRate && mean.size() <= NATIVE_LIMIT;
            if (nativeCall && weights != null && !decoupled) {
                // one native call, which turns autograd off itself, and zeroing, which records
                // nothing: no need to ask whether autograd records (a native call)
                Torch.adamStep(weights, flat, mean, variance, hostRate(t[0], hostFactor), BETA1,
                        BETA2, EPSILON);
                zeroGradients();
                return;
            }
            try (NoGrad ignored = new NoGrad()) {
                if (nativeCall) {
                    nativeAtOnce(flat, t[0], step, hostFactor, rateFactor);
                } else if (together) {
                    allAtOnce(flat, t[0], step, rateFactor);
                } else {
                    for (int i = 0; i < counts.length; i++) {
                        if (!skipped[i]) {
                            one(i, gradients[i], t[i], step, rateFactor);
                        }
                    }
                }
                zeroGradients();
            }
        }

        /**
         * The step of all packed parameters in libtorch's fused kernel: one pass (AdamW's decay
         * before it as tensor operations), the moments' values those of DJL's native step up to
         * float32 rounding.
         */
        private void kernelStep(NDArray g, int t, NDManager step, float factor,
                NDArray tensorFactor) {
            if (decoupled) {
                try (NoGrad ignored = new NoGrad()) {
                    decay(step, tensorFactor);
                }
            }
            kernel.step(weights, g, mean, variance, hostRate(t, factor), BETA1, BETA2, EPSILON);
            zeroGradients();
        }

        private void zeroGradients() {
            for (Parameter parameter : parameters) {
                Torch.zeroGradient(parameter.getArray());
            }
        }

        /** The native call's rate: the bias-corrected rate times the schedule's factor. */
        private float hostRate(int t, float factor) {
            float rate = correctedRate(t);
            return factor != 1f ? rate * factor : rate;
        }

        /**
         * DJL's step over the flat moments in one native call: on the packed parameters' vector
         * in place, else into the kept buffer (zeroed, then {@code -= rate · m / (√v + ε)}) and
         * then one add per parameter (the same values: 0 − x + w is w − x in floating point).
         * {@code tensorFactor} is the same factor as a scalar tensor (or null at the base rate),
         * for AdamW's decay.
         */
        private void nativeAtOnce(NDArray g, int t, NDManager step, float factor,
                NDArray tensorFactor) {
            decay(step, tensorFactor);
            float rate = hostRate(t, factor);
            if (weights != null) {
                Torch.adamStep(weights, g, mean, variance, rate, BETA1, BETA2, EPSILON);
                return;
            }
            update.muli(scalars.of(0.0));
            Torch.adamStep(update, g, mean, variance, rate, BETA1, BETA2, EPSILON);
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().addi(updates[i]);
            }
        }

        /** lr·√(1-β₂ᵗ)/(1-β₁ᵗ) in float32, the value {@link #biasCorrectedRate} uploads. */
        private float correctedRate(int t) {
            double coef1 = 1.0 - Math.pow(BETA1, t);
            double coef2 = 1.0 - Math.pow(BETA2, t);
            return (float) (learningRate * Math.sqrt(coef2) / coef1);
        }

        /**
         * The step of all parameters as tensor operations over the flat moments. Packed
         * parameters take the change in one subtraction; otherwise it is written into the kept
         * buffer first, then subtracted parameter by parameter (the same values either way).
         */
        private void allAtOnce(NDArray g, int t, NDManager step, NDArray rateFactor) {
            decay(step, rateFactor);
            NDArray change;
            if (form == Form.PYTORCH) {
                moments(mean, variance, g);
                change = pytorchChange(mean, variance, t, step, rateFactor);
            } else {
                NDArray scale = scaled(biasCorrectedRate(t, step), rateFactor, step);
                moments(mean, variance, g);
                // mean * scale / (sqrt(variance) + eps)
                NDArray denominator = variance.sqrt();
                denominator.attach(step);
                denominator.addi(scalars.of(EPSILON));
                change = mean.mul(scale);
                change.attach(step);
                change.divi(denominator);
            }
            if (weights != null) {
                // five passes over all values fewer than through the buffer (a large model's
                // step is bound by memory traffic here)
                weights.subi(change);
                return;
            }
            update.muli(scalars.of(0.0)).addi(change);
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().subi(updates[i]);
            }
        }

        private void one(int i, NDArray gradient, int t, NDManager step, NDArray rateFactor) {
            NDArray weight = parameters.get(i).getArray();
            if (decoupled && weightDecay > 0) {
                NDArray decay = weight.mul(
                        scaled(scalars.of((double) learningRate * weightDecay), rateFactor, step));
                decay.attach(step);
                weight.subi(decay);
            }
            if (form == Form.PYTORCH) {
                moments(means[i], variances[i], gradient);
                weight.subi(pytorchChange(means[i], variances[i], t, step, rateFactor));
                return;
            }
            NDArray scale = scaled(biasCorrectedRate(t, step), rateFactor, step);
            moments(means[i], variances[i], gradient);
            NDArray denominator = variances[i].sqrt();
            denominator.attach(step);
            denominator.addi(scalars.of(EPSILON));
            NDArray change = means[i].mul(scale);
            change.attach(step);
            weight.subi(change.divi(denominator));
        }

        /** m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g² (in place). */
        private void moments(NDArray m, NDArray v, NDArray g) {
            boolean pytorch = form == Form.PYTORCH;
            NDArray scaled = g.mul(scalars.of(pytorch ? 1 - PYTORCH_BETA1 : 1 - BETA1));
            m.muli(scalars.of(pytorch ? PYTORCH_BETA1 : BETA1)).addi(scaled);
            scaled.close();
            NDArray squared = g.square();
            squared.muli(scalars.of(pytorch ? 1 - PYTORCH_BETA2 : 1 - BETA2));
            v.muli(scalars.of(pytorch ? PYTORCH_BETA2 : BETA2)).addi(squared);
            squared.close();
        }

        /**
         * PyTorch's step, {@code m / (√v / √(1-β₂ᵗ) + ε) · lr/(1-β₁ᵗ)}, owned by the step. Its two
         * scalars are made for the step (a copy to the device each step: meant for the few
         * values that use this form).
         */
        private NDArray pytorchChange(NDArray m, NDArray v, int t, NDManager step,
                NDArray rateFactor) {
            double correction1 = 1 - Math.pow(PYTORCH_BETA1, t);
            double correction2 = Math.sqrt(1 - Math.pow(PYTORCH_BETA2, t));
            NDArray denominator = v.sqrt();
            denominator.attach(step);
            denominator.divi(scalar(step, correction2)).addi(scalars.of(PYTORCH_EPSILON));
            NDArray change = m.div(denominator);
            change.attach(step);
            return change.muli(scaled(scalar(step, learningRate / correction1), rateFactor,
                    step));
        }

        private NDArray scalar(NDManager step, double value) {
            return scalars.dataType() == DataType.FLOAT64 ? step.create(value)
                    : step.create((float) value);
        }

        /** {@code rate} times the schedule's factor (a scalar owned by the step), or rate. */
        private NDArray scaled(NDArray rate, NDArray rateFactor, NDManager step) {
            if (rateFactor == null) {
                return rate;
            }
            NDArray product = rate.mul(rateFactor);
            product.attach(step);
            return product;
        }

        /** AdamW's decoupled decay, w -= lr·wd·w, on every parameter (lr as scheduled). */
        private void decay(NDManager step, NDArray rateFactor) {
            if (!decoupled || weightDecay == 0) {
                return;
            }
            NDArray factor = scaled(scalars.of((double) learningRate * weightDecay), rateFactor,
                    step);
            if (weights != null) {
                NDArray decay = weights.mul(factor);
                decay.attach(step);
                weights.subi(decay);
                return;
            }
            for (Parameter parameter : parameters) {
                NDArray decay = parameter.getArray().mul(factor);
                decay.attach(step);
                parameter.getArray().subi(decay);
            }
        }

        /**
         * lr·sqrt(1-β2^t)/(1-β1^t) as a scalar view (owned by {@code step}) into a table of the
         * rates of the next {@value #RATES} step numbers, uploaded once per {@value #RATES} steps
         * so that no step copies a number to the device (on a GPU that copy would wait for the
         * queued work).
         */
        private NDArray biasCorrectedRate(int t, NDManager step) {
            if (rates == null || t < firstRate || t >= firstRate + RATES) {
                if (rates != null) {
                    rates.close();
                }
                firstRate = t;
                float[] values = new float[RATES];
                for (int i = 0; i < RATES; i++) {
                    values[i] = correctedRate(t + i);
                }
                rates = floats(manager, values, scalars.dataType());
            }
            NDArray rate = rates.get(step, new NDIndex().addIndices(t - firstRate));
            return rate;
        }

        private static NDArray floats(NDManager manager, float[] values, DataType dataType) {
            if (dataType == DataType.FLOAT64) {
                return manager.create(Precision.widen(values), new Shape(values.length));
            }
            return manager.create(values, new Shape(values.length));
        }
    }
}
