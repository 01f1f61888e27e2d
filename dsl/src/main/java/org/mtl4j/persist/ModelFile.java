package org.mtl4j.persist;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.EncoderState;
import org.mtl4j.data.FeatureEncoder;
import org.mtl4j.data.TargetScale;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.engine.NoGrad;
import org.mtl4j.engine.PackedParameters;
import org.mtl4j.engine.Precision;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.train.AdamState;
import org.mtl4j.train.OptimizerSpec;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.weighting.OptimizerMoments;

/**
 * The saved-model file: a zip archive (suffix of your choice, e.g. {@code .mtl4j}) that a user can
 * open with any zip tool, Python's {@code zipfile} or {@code numpy.load}:
 *
 * <ul>
 *   <li>{@code manifest.json}: {@code format} ("mtl4j-model"), {@code formatVersion} (this
 *       version writes {@value #FORMAT_VERSION}; a reader refuses a newer one), {@code
 *       mtl4jVersion}, {@code spec} (every declaration: inputs, sharing, heads, losses, metrics,
 *       weighting, as {@code {"type": "Dense", "units": 64}} records), {@code preprocessing}
 *       (per input column its statistics, levels or vocabulary; per task its classes and target
 *       scale), {@code parameters} (name and shape, in the network's order), {@code optimizer}
 *       (the optimizer spec and, for the fused Adam, per-parameter update counts and the step
 *       number; null before any fit with an optimizer) and {@code
 *       weighting} (the strategy's state: learnt weights, loss history, random position);
 *   <li>{@code history.json}: every step and epoch recorded so far, and the conflict monitor's
 *       and the task affinity's figures when a fit recorded them;
 *   <li>{@code parameters/<name>.npy}: every parameter, float32 in C order (NumPy's {@code .npy});
 *   <li>{@code optimizer/means.npy}, {@code optimizer/variances.npy}: the flat moments of
 *       mtl4j's Adam or AdamW ({@code FusedAdam}); or, for SGD with momentum ({@code "kind":
 *       "djl"} in the manifest's {@code optimizer}), {@code optimizer/<field>/<parameter>.npy}
 *       per parameter (e.g. {@code momentumStates}) with the update counts in the manifest.
 *       Files saved by earlier versions with DJL's own Adam have the same per-parameter layout
 *       ({@code means}, {@code variances}); reading converts that state to mtl4j's Adam, whose
 *       formula is DJL's, so such a model resumes where it stopped (to float rounding).
 * </ul>
 *
 * <p>Python: {@code z = numpy.load("model.mtl4j"); z.files; json.loads(z.zip.read(
 * "manifest.json"))}.
 *
 * <p>Files are written atomically (see {@link AtomicFile}). Reading checks every entry's CRC and
 * the format version before anything is built, and fails with an {@link
 * IllegalArgumentException} naming the file and what is wrong.
 */
@Internal
public final class ModelFile {

    /** The format version this mtl4j writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "mtl4j-model";
    private static final String MANIFEST = "manifest.json";
    private static final String HISTORY = "history.json";
    private static final String MEANS = "optimizer/means.npy";
    private static final String VARIANCES = "optimizer/variances.npy";
    private static final String DJL_PREFIX = "optimizer.";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
            .serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    /** A loaded model's pieces. */
    public record Loaded(ModelSpec spec, ModelParts parts, TrainingHistory history) {}

    private ModelFile() {}

    /** The version of mtl4j (from the build), or "unknown". */
    public static String mtl4jVersion() {
        try (InputStream in = ModelFile.class.getResourceAsStream("mtl4j.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Saves a trained model atomically.
     *
     * @throws IllegalArgumentException if the model holds something mtl4j cannot save (a
     *     weighting strategy of your own)
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static SavedModel write(Path path, ModelParts parts, TrainingHistory history) {
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", FORMAT);
        manifest.addProperty("formatVersion", FORMAT_VERSION);
        manifest.addProperty("mtl4jVersion", mtl4jVersion());
        manifest.add("spec", RecordJson.write(parts.spec()));
        manifest.addProperty("dataType", "float32");
        manifest.add("preprocessing", preprocessing(parts));
        Map<String, byte[]> tensors = new LinkedHashMap<>();
        JsonArray parameters = new JsonArray();
        for (var pair : parts.block().getParameters()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", pair.getKey());
            var array = pair.getValue().getArray();
            entry.add("shape", RecordJson.write(java.util.Arrays.stream(
                    array.getShape().getShape()).boxed().toList()));
            parameters.add(entry);
            tensors.put(parameterEntry(pair.getKey()),
                    Npy.write(array.toFloatArray(), array.getShape().getShape()));
        }
        manifest.add("parameters", parameters);
        AdamState adam = AdamState.of(parts).orElse(null);
        if (adam == null) {
            manifest.add("optimizer", djlOptimizer(parts, tensors));
        } else {
            JsonObject optimizer = new JsonObject();
            optimizer.add("spec", RecordJson.write(adam.spec()));
            optimizer.add("counts", RecordJson.write(java.util.Arrays.stream(adam.counts())
                    .boxed().toList()));
            optimizer.addProperty("largestCount", adam.largestCount());
            manifest.add("optimizer", optimizer);
            tensors.put(MEANS, Npy.write(adam.means(), new long[] {adam.means().length}));
            tensors.put(VARIANCES,
                    Npy.write(adam.variances(), new long[] {adam.variances().length}));
        }
        manifest.add("weighting", RecordJson.write(new java.util.TreeMap<>(parts.weigherState())));
        byte[] manifestBytes = GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
        byte[] historyBytes =
                GSON.toJson(RecordJson.write(history)).getBytes(StandardCharsets.UTF_8);
        long size = AtomicFile.write(path, out -> zip(out, manifestBytes, historyBytes, tensors));
        return new SavedModel(path, size, FORMAT_VERSION, history.epochs().size(),
                parts.spec().tasks().size());
    }

    /**
     * The state of a DJL optimizer (SGD with momentum): per parameter its state
     * arrays as {@code optimizer/<field>/<name>.npy} and its update counts; null without one.
     */
    private static JsonElement djlOptimizer(ModelParts parts, Map<String, byte[]> tensors) {
        if (parts.currentOptimizer().isEmpty()
                || !(parts.optimizerSpec().orElse(null) instanceof OptimizerSpec spec)) {
            return null;
        }
        Optimizer optimizer = parts.currentOptimizer().get();
        JsonObject json = new JsonObject();
        json.add("spec", RecordJson.write(spec));
        json.addProperty("kind", "djl");
        JsonObject counts = new JsonObject();
        java.util.TreeSet<String> fields = new java.util.TreeSet<>();
        for (var pair : parts.block().getParameters()) {
            Parameter parameter = pair.getValue();
            long[] shape = parameter.getArray().getShape().getShape();
            Map<String, double[]> state = OptimizerMoments.read(optimizer, parameter.getId());
            for (Map.Entry<String, double[]> entry : state.entrySet()) {
                String field = entry.getKey().substring(DJL_PREFIX.length());
                if (field.equals("counts")) {
                    counts.add(pair.getKey(), RecordJson.write(entry.getValue()));
                } else {
                    fields.add(field);
                    tensors.put("optimizer/" + field + "/" + pair.getKey() + ".npy",
                            Npy.write(Precision.narrow(entry.getValue()), shape));
                }
            }
        }
        json.add("fields", RecordJson.write(List.copyOf(fields)));
        json.add("counts", counts);
        return json;
    }

    private static void restoreDjlOptimizer(ModelParts parts, OptimizerSpec spec,
            JsonObject json, Map<String, byte[]> entries) {
        Optimizer optimizer = parts.optimizer(spec, spec::create);
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) RecordJson.read(json.get("fields"),
                listOf(String.class));
        JsonObject counts = json.getAsJsonObject("counts");
        for (var pair : parts.block().getParameters()) {
            Map<String, double[]> state = new HashMap<>();
            for (String field : fields) {
                String name = "optimizer/" + field + "/" + pair.getKey() + ".npy";
                byte[] bytes = entries.get(name);
                if (bytes != null) {
                    float[] values = read(name, bytes).values();
                    state.put(DJL_PREFIX + field, Precision.widen(values));
                }
            }
            if (counts.has(pair.getKey())) {
                state.put(DJL_PREFIX + "counts",
                        (double[]) RecordJson.read(counts.get(pair.getKey()), double[].class));
            }
            OptimizerMoments.write(optimizer, pair.getValue().getId(), state,
                    pair.getValue().getArray());
        }
    }

    private static String parameterEntry(String name) {
        return "parameters/" + name + ".npy";
    }

    private static JsonObject preprocessing(ModelParts parts) {
        JsonObject preprocessing = new JsonObject();
        preprocessing.add("inputs", RecordJson.write(parts.encoder().state()));
        JsonArray tasks = new JsonArray();
        for (TaskLabels labels : parts.labels()) {
            JsonObject task = new JsonObject();
            task.addProperty("task", labels.task().name());
            task.add("classes", RecordJson.write(labels.classes()));
            task.add("targetScale", RecordJson.write(labels.scale()));
            tasks.add(task);
        }
        preprocessing.add("tasks", tasks);
        return preprocessing;
    }

    private static void zip(OutputStream out, byte[] manifest, byte[] history,
            Map<String, byte[]> tensors) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, MANIFEST, manifest);
        put(zip, HISTORY, history);
        for (Map.Entry<String, byte[]> tensor : tensors.entrySet()) {
            put(zip, tensor.getKey(), tensor.getValue());
        }
        zip.finish();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Loads a model saved by {@link #write} onto the default device (the GPU when DJL sees one).
     *
     * @throws IllegalArgumentException if the file is missing, not an mtl4j model, truncated,
     *     corrupt or of a newer format version; nothing is kept from a failed load
     */
    public static Loaded read(Path path) {
        Map<String, byte[]> entries = entries(path);
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw notAModel(path, "it is a zip archive without manifest.json");
        }
        JsonObject manifest;
        try {
            manifest = JsonParser.parseString(new String(manifestBytes, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            throw notAModel(path, "its manifest.json is not a JSON object");
        }
        JsonElement format = manifest.get("format");
        if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
            throw notAModel(path, "its manifest.json has format " + format + ", not \"" + FORMAT
                    + "\"");
        }
        int version = versionOf(path, manifest);
        if (version > FORMAT_VERSION || version < 1) {
            throw new IllegalArgumentException("Model file '" + path + "' has format version "
                    + version + ", but this mtl4j (" + mtl4jVersion() + ") reads versions 1 to "
                    + FORMAT_VERSION + ". Load it with the mtl4j that saved it ("
                    + manifest.get("mtl4jVersion") + ") or a newer one.");
        }
        try {
            return build(path, manifest, entries);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException
                | UnsupportedOperationException | NullPointerException e) {
            throw new IllegalArgumentException("Model file '" + path + "' is corrupt: "
                    + e.getMessage() + ". Load an earlier copy, or train and save the model"
                    + " again.", e);
        }
    }

    private static int versionOf(Path path, JsonObject manifest) {
        try {
            return manifest.get("formatVersion").getAsInt();
        } catch (RuntimeException e) {
            throw notAModel(path, "its manifest.json has no formatVersion number");
        }
    }

    private static Loaded build(Path path, JsonObject manifest, Map<String, byte[]> entries) {
        ModelSpec spec = RecordJson.read(manifest.get("spec"), ModelSpec.class).validate();
        JsonObject preprocessing = manifest.getAsJsonObject("preprocessing");
        @SuppressWarnings("unchecked")
        List<EncoderState> inputs = (List<EncoderState>) RecordJson.read(
                preprocessing.get("inputs"), listOf(EncoderState.class));
        FeatureEncoder encoder = FeatureEncoder.restore(spec.inputs(), inputs);
        JsonArray tasks = preprocessing.getAsJsonArray("tasks");
        if (tasks.size() != spec.tasks().size()) {
            throw new IllegalArgumentException("the preprocessing has " + tasks.size()
                    + " tasks but the spec " + spec.tasks().size());
        }
        List<TaskLabels> labels = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            JsonObject task = tasks.get(t).getAsJsonObject();
            TaskSpec taskSpec = spec.tasks().get(t);
            @SuppressWarnings("unchecked")
            List<String> classes = (List<String>) RecordJson.read(task.get("classes"),
                    listOf(String.class));
            labels.add(TaskLabels.restore(taskSpec, classes,
                    RecordJson.read(task.get("targetScale"), TargetScale.class)));
        }
        TrainingHistory history = readHistory(entries);
        Map<String, double[]> weighting = weighting(manifest.get("weighting"));
        Device device = Engine.getEngine("PyTorch").defaultDevice();
        ModelParts parts = ModelParts.restore(spec, encoder, labels, device, DataType.FLOAT32);
        try {
            setParameters(parts, entries);
            restoreOptimizer(parts, manifest.get("optimizer"), entries);
            parts.restoreWeigherState(weighting);
            return new Loaded(spec, parts, history);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    private static TrainingHistory readHistory(Map<String, byte[]> entries) {
        byte[] bytes = entries.get(HISTORY);
        if (bytes == null) {
            throw new IllegalArgumentException("it has no " + HISTORY);
        }
        return RecordJson.read(JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)),
                TrainingHistory.class);
    }

    private static Map<String, double[]> weighting(JsonElement json) {
        Map<String, double[]> state = new HashMap<>();
        if (json != null && json.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
                state.put(entry.getKey(), (double[]) RecordJson.read(entry.getValue(),
                        double[].class));
            }
        }
        return state;
    }

    private static void setParameters(ModelParts parts, Map<String, byte[]> entries) {
        try (NoGrad ignored = new NoGrad()) {
            for (var pair : parts.block().getParameters()) {
                Parameter parameter = pair.getValue();
                String name = parameterEntry(pair.getKey());
                byte[] bytes = entries.get(name);
                if (bytes == null) {
                    throw new IllegalArgumentException("it has no " + name);
                }
                Npy.Array array = read(name, bytes);
                Shape expected = parameter.getArray().getShape();
                if (!new Shape(array.shape()).equals(expected)) {
                    throw new IllegalArgumentException(name + " has shape "
                            + new Shape(array.shape()) + " where the spec makes " + expected);
                }
                PackedParameters.overwrite(parameter.getArray(), array.values());
            }
        }
    }

    private static Npy.Array read(String name, byte[] bytes) {
        try {
            return Npy.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static void restoreOptimizer(ModelParts parts, JsonElement json,
            Map<String, byte[]> entries) {
        if (json == null || json.isJsonNull()) {
            return;
        }
        JsonObject optimizer = json.getAsJsonObject();
        OptimizerSpec spec = RecordJson.read(optimizer.get("spec"), OptimizerSpec.class);
        if (optimizer.has("kind") && optimizer.get("kind").getAsString().equals("djl")) {
            if (spec.name().equals("adam") || spec.name().equals("adamW")) {
                djlAdamState(parts, spec, optimizer, entries).restoreInto(parts);
            } else {
                restoreDjlOptimizer(parts, spec, optimizer, entries);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        List<Integer> counts = (List<Integer>) RecordJson.read(optimizer.get("counts"),
                listOf(Integer.class));
        byte[] means = entries.get(MEANS);
        byte[] variances = entries.get(VARIANCES);
        if (means == null || variances == null) {
            throw new IllegalArgumentException("it has no " + MEANS + " or " + VARIANCES);
        }
        new AdamState(spec, read(MEANS, means).values(), read(VARIANCES, variances).values(),
                counts.stream().mapToInt(Integer::intValue).toArray(),
                optimizer.get("largestCount").getAsInt()).restoreInto(parts);
    }

    /**
     * DJL's Adam state as earlier versions saved it (per parameter its {@code means} and {@code
     * variances} and {@code [updates, step number]}), as the flat state of mtl4j's Adam: the
     * moments concatenated in parameter order (zeros for a parameter never updated), the counts
     * per parameter, and DJL's step number as the largest count.
     */
    private static AdamState djlAdamState(ModelParts parts, OptimizerSpec spec, JsonObject json,
            Map<String, byte[]> entries) {
        List<Parameter> parameters = parts.block().getParameters().values();
        List<String> names = parts.block().getParameters().keys();
        long total = 0;
        for (Parameter parameter : parameters) {
            total += parameter.getArray().size();
        }
        float[] means = new float[Math.toIntExact(total)];
        float[] variances = new float[means.length];
        int[] counts = new int[parameters.size()];
        int largest = 0;
        JsonObject saved = json.getAsJsonObject("counts");
        int offset = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int size = Math.toIntExact(parameters.get(i).getArray().size());
            copyMoments(entries, "means", names.get(i), means, offset, size);
            copyMoments(entries, "variances", names.get(i), variances, offset, size);
            if (saved.has(names.get(i))) {
                double[] count = (double[]) RecordJson.read(saved.get(names.get(i)),
                        double[].class);
                counts[i] = (int) count[0];
                largest = Math.max(largest, (int) count[1]);
            }
            offset += size;
        }
        return new AdamState(spec, means, variances, counts, largest);
    }

    private static void copyMoments(Map<String, byte[]> entries, String field, String parameter,
            float[] into, int offset, int size) {
        String name = "optimizer/" + field + "/" + parameter + ".npy";
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            return;
        }
        float[] values = read(name, bytes).values();
        if (values.length != size) {
            throw new IllegalArgumentException(name + " has " + values.length
                    + " values where the parameter has " + size);
        }
        System.arraycopy(values, 0, into, offset, size);
    }

    private static java.lang.reflect.Type listOf(Class<?> item) {
        return com.google.gson.reflect.TypeToken.getParameterized(List.class, item).getType();
    }

    /** Every entry's bytes, each checked against its CRC. */
    private static Map<String, byte[]> entries(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Model file '" + path + "' does not exist"
                    + (Files.isDirectory(path) ? " (it is a folder)" : "")
                    + ". Save a model with model.save(path) first, or check the path.");
        }
        if (!startsWithZipMagic(path)) {
            throw notAModel(path, "it is not a zip archive");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            var all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new java.util.zip.ZipException("entry " + entry.getName()
                            + " fails its CRC check");
                }
                entries.put(entry.getName(), bytes);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Model file '" + path + "' is truncated or"
                    + " corrupt: " + e.getMessage() + ". Load an earlier copy, or train and save"
                    + " the model again.", e);
        }
        return entries;
    }

    private static boolean startsWithZipMagic(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
                    && magic[3] == 4;
        } catch (IOException e) {
            throw new IllegalArgumentException("Model file '" + path + "' cannot be read: "
                    + e.getMessage() + ". Check its permissions.", e);
        }
    }

    private static IllegalArgumentException notAModel(Path path, String why) {
        return new IllegalArgumentException("File '" + path + "' is not an mtl4j model: " + why
                + ". Load a file written by model.save(path).");
    }
}
