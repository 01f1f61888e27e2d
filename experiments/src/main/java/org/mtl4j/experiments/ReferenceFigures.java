package org.mtl4j.experiments;

import com.google.gson.Gson;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PyTorch reference figures of one reproduced experiment, as its script in
 * {@code experiments/reference/} wrote them ({@code experiments/reference/run.sh} regenerates them;
 * the build puts the JSON files on the class path). The reports print them beside mtl4j's figures
 * instead of keeping constants.
 *
 * <p>Example:
 *
 * <pre>{@code
 * ReferenceFigures mmoe = ReferenceFigures.load("mmoe-synthetic");
 * mmoe.torch();                          // "1.13.0a0", the version that produced them
 * mmoe.result("MMoE 0.5").mean();        // mean test MSE over the seeds
 * mmoe.settings().get("epochs");         // 40.0 (JSON numbers are doubles)
 * }</pre>
 *
 * @param experiment what was run
 * @param script the script that wrote the figures, from the repository root
 * @param torch the torch version that produced them
 * @param settings the run's settings (numbers are {@code Double}s, lists {@code List}s)
 * @param dataCheck values of the script's data, to compare with mtl4j's data generators
 * @param results per strategy or model: mean and sample standard deviation over seeds, and runs
 */
public record ReferenceFigures(String experiment, String script, String torch,
        Map<String, Object> settings, @SerializedName("data_check") Map<String, Double> dataCheck,
        Map<String, Result> results) {

    /** Where the build puts {@code experiments/reference/*.json}. */
    static final String LOCATION = "/org/mtl4j/experiments/reference/";

    /**
     * The figures of one key.
     *
     * @param mean the mean over seeds
     * @param std the sample standard deviation over seeds (n − 1; 0 for one seed)
     * @param runs each seed's figures, as the script wrote them
     */
    public record Result(double mean, double std, List<Map<String, Object>> runs) {

        /** {@code "1.731 ± 0.011"} with {@code digits} decimals. */
        public String meanAndSpread(int digits) {
            return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, std);
        }
    }

    /**
     * Reads {@code experiments/reference/<name>.json} from the class path.
     *
     * @throws IllegalStateException if the build did not copy it
     */
    public static ReferenceFigures load(String name) {
        try (InputStream in = ReferenceFigures.class.getResourceAsStream(LOCATION + name
                + ".json")) {
            if (in == null) {
                throw new IllegalStateException("No reference figures '" + name + "' on the class"
                        + " path. Received: " + LOCATION + name + ".json is missing. Regenerate"
                        + " them with experiments/reference/run.sh " + name + " and rebuild.");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new Gson().fromJson(reader, ReferenceFigures.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The figures of {@code key}, e.g. {@code "equal()"} or {@code "MMoE 0.5"}.
     *
     * @throws IllegalArgumentException for a key the script did not run
     */
    public Result result(String key) {
        Result result = results.get(key);
        if (result == null) {
            throw new IllegalArgumentException("No reference figures for '" + key + "' in "
                    + script + "'s output. Received: keys=" + results.keySet() + ". Use one of"
                    + " them, or add it to the script and regenerate.");
        }
        return result;
    }

    /** A numeric setting, e.g. {@code number("epochs")}. */
    public double number(String setting) {
        Object value = settings.get(setting);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("Reference setting '" + setting + "' is not a"
                    + " number. Received: " + setting + "=" + value + " in " + settings.keySet()
                    + ". Use a numeric setting of " + script + ".");
        }
        return number.doubleValue();
    }
}
