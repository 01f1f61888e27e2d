package org.mtl4j.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.data.EncoderState;
import org.mtl4j.data.TargetScale;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.inputs.CategoricalEmbedding;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.TextEmbeddingBag;
import org.mtl4j.spec.inputs.TextInput;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Dropout;
import org.mtl4j.spec.layers.Initializer;
import org.mtl4j.spec.layers.Kaiming;
import org.mtl4j.spec.layers.Normal;
import org.mtl4j.spec.layers.PytorchDefault;
import org.mtl4j.spec.layers.AvgPool;
import org.mtl4j.spec.layers.BatchNorm;
import org.mtl4j.spec.layers.Conv2d;
import org.mtl4j.spec.layers.Flatten;
import org.mtl4j.spec.layers.GlobalAvgPool;
import org.mtl4j.spec.layers.MaxPool;
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
import org.mtl4j.spec.metrics.Rmse;
import org.mtl4j.spec.sharing.CrossStitch;
import org.mtl4j.spec.sharing.HardSharing;
import org.mtl4j.spec.sharing.MixtureOfExperts;
import org.mtl4j.train.AffinityRecord;
import org.mtl4j.train.ConflictRecord;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.OptimizerSpec;
import org.mtl4j.train.StepRecord;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingHistory;
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
import org.mtl4j.weighting.TrunkOutputWeighting;
import org.mtl4j.weighting.UncertaintyWeighting;
import org.mtl4j.weighting.UpgradWeighting;

/**
 * Turns mtl4j's records (the spec, encoder states, history...) into JSON and back, component by
 * component: {@code dense(64)} is {@code {"type": "Dense", "units": 64}}. Only the records listed
 * here are read or written, by their simple names, so a saved file names no Java class and a
 * changed file cannot make the loader build anything else.
 *
 * <p>Example: {@code RecordJson.read(RecordJson.write(spec), ModelSpec.class)} equals {@code spec}.
 */
final class RecordJson {

    private static final List<Class<? extends Record>> KNOWN = List.of(
            ModelSpec.class, TaskSpec.class, NumericInput.class, CategoricalInput.class,
            TextInput.class, Dense.class, Relu.class, Tanh.class, Sigmoid.class, Dropout.class,
            ImageInput.class, Conv2d.class, MaxPool.class, AvgPool.class, BatchNorm.class,
            Flatten.class, GlobalAvgPool.class, EncoderState.Image.class,
            PytorchDefault.class, Xavier.class, Kaiming.class, Normal.class,
            HardSharing.class, MixtureOfExperts.class, CrossStitch.class,
            MeanSquaredError.class, MeanAbsoluteError.class, Huber.class, CrossEntropy.class,
            BinaryCrossEntropy.class, Accuracy.class, Auc.class, MacroF1.class, Mae.class, Rmse.class,
            EqualWeighting.class, StaticWeighting.class, UncertaintyWeighting.class,
            DwaWeighting.class, RandomWeighting.class, GradNormWeighting.class,
            PcgradWeighting.class, MgdaWeighting.class, CagradWeighting.class,
            ImtlWeighting.class, NashMtlWeighting.class, TrunkOutputWeighting.class,
            FamoWeighting.class, UpgradWeighting.class, AlignedMtlWeighting.class,
            GradVacWeighting.class, StchWeighting.class, FairGradWeighting.class,
            GlsWeighting.class, DbMtlWeighting.class,
            ImtlLossWeighting.class,
            EncoderState.Numeric.class, EncoderState.OneHot.class, EncoderState.Text.class,
            CategoricalEmbedding.class, TextEmbeddingBag.class, EncoderState.Indexed.class,
            EncoderState.Tokens.class,
            TargetScale.class, OptimizerSpec.class, TrainingHistory.class, StepRecord.class,
            EpochRecord.class, TaskEpoch.class, ConflictRecord.class, AffinityRecord.class);

    /**
     * Components added to records after files were written without them, with the value an older
     * file stands for (the learning rates recorded in the history: NaN, not known; the model's
     * initializer: the default, the only one there was). A missing {@code Dense.init} or {@code
     * MixtureOfExperts.gateInit} reads as null, "the model's".
     */
    private static final Map<String, Object> ADDED_LATER = Map.of(
            "StepRecord.learningRate", Double.NaN, "EpochRecord.learningRate", Double.NaN,
            "ModelSpec.initializer", Initializer.DEFAULT, "TrainingHistory.conflicts", List.of(),
            "MgdaWeighting.normalization", "none", "NashMtlWeighting.maxNorm", 0.0,
            "NashMtlWeighting.updateEvery", 1, "ImtlWeighting.lossScales", false,
            "TrainingHistory.affinities", List.of());

    private static final Map<String, Class<? extends Record>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<? extends Record> type : KNOWN) {
            BY_NAME.put(type.getSimpleName(), type);
        }
    }

    private RecordJson() {}

    /**
     * The JSON of {@code value}.
     *
     * @throws IllegalArgumentException for a value of a type mtl4j cannot save (e.g. a weighting
     *     strategy of your own), naming it
     */
    static JsonElement write(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof String || value instanceof Boolean) {
            return value instanceof String s
                    ? new JsonPrimitive(s)
                    : new JsonPrimitive((Boolean) value);
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof double[] numbers) {
            JsonArray array = new JsonArray(numbers.length);
            for (double n : numbers) {
                array.add(n);
            }
            return array;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray(list.size());
            list.forEach(item -> array.add(write(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((k, v) -> object.add((String) k, write(v)));
            return object;
        }
        if (value instanceof Record record && BY_NAME.get(record.getClass().getSimpleName())
                == record.getClass()) {
            JsonObject object = new JsonObject();
            object.addProperty("type", record.getClass().getSimpleName());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    object.add(component.getName(), write(component.getAccessor().invoke(record)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(
                            "Cannot read " + component + " of " + record, e);
                }
            }
            return object;
        }
        throw new IllegalArgumentException("A saved model can only hold mtl4j's own declarations,"
                + " but it contains " + value + " (" + value.getClass().getName() + "). Use one of"
                + " the built-in strategies and layers (equal(), uncertainty(), pcgrad(), ...), or"
                + " save the parameters yourself with model.parts().get().block()"
                + ".saveParameters(...).");
    }

    /**
     * Reads a value of {@code type} from its JSON.
     *
     * @throws IllegalArgumentException if the JSON does not describe such a value
     */
    static Object read(JsonElement json, Type type) {
        if (json == null || json.isJsonNull()) {
            if (type == double.class || type == int.class || type == long.class
                    || type == boolean.class) {
                throw new IllegalArgumentException("a number or flag is missing");
            }
            return null;
        }
        if (type == String.class) {
            return json.getAsString();
        }
        if (type == double.class || type == Double.class) {
            return json.getAsDouble();
        }
        if (type == int.class || type == Integer.class) {
            return json.getAsInt();
        }
        if (type == long.class || type == Long.class) {
            return json.getAsLong();
        }
        if (type == boolean.class || type == Boolean.class) {
            return json.getAsBoolean();
        }
        if (type == double[].class) {
            JsonArray array = json.getAsJsonArray();
            double[] numbers = new double[array.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = array.get(i).getAsDouble();
            }
            return numbers;
        }
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                for (JsonElement item : json.getAsJsonArray()) {
                    list.add(read(item, arguments[0]));
                }
                return list;
            }
            if (raw == Map.class) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
                    map.put(entry.getKey(), read(entry.getValue(), arguments[1]));
                }
                return map;
            }
        }
        if (type instanceof Class<?> declared && json.isJsonObject()) {
            return readRecord(json.getAsJsonObject(), declared);
        }
        throw new IllegalArgumentException("expected " + type.getTypeName() + " but found " + json);
    }

    /** Reads {@code json} as a value of {@code type}. */
    static <T> T read(JsonElement json, Class<T> type) {
        return type.cast(read(json, (Type) type));
    }

    private static Object readRecord(JsonObject json, Class<?> declared) {
        JsonElement tag = json.get("type");
        Class<? extends Record> type = tag == null ? null : BY_NAME.get(tag.getAsString());
        if (type == null || !declared.isAssignableFrom(type)) {
            throw new IllegalArgumentException("expected a " + declared.getSimpleName()
                    + " but found type " + tag);
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = type.getSimpleName() + "." + components[i].getName();
            try {
                JsonElement value = json.get(components[i].getName());
                values[i] = value == null && ADDED_LATER.containsKey(name)
                        ? ADDED_LATER.get(name)
                        : read(value, components[i].getGenericType());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(type.getSimpleName() + "."
                        + components[i].getName() + ": " + e.getMessage(), e);
            }
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e);
        }
    }
}
