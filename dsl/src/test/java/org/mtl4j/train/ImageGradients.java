package org.mtl4j.train;

import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.Table;

/** Opens {@link GradientHarness} to the image tests: a model's own weighting, no setup. */
public final class ImageGradients {

    private ImageGradients() {}

    /** The harness's check of {@code spec} on {@code table} (all rows, one step). */
    public static Result check(ModelSpec spec, Table table) {
        GradientHarness.Result result = GradientHarness.check(spec, table,
                spec.weighting()::start, (step, parts) -> {});
        return new Result(result.checked(), result.mismatches());
    }

    /**
     * @param checked gradient values compared
     * @param mismatches the ones that disagree
     */
    public record Result(int checked, java.util.List<String> mismatches) {}
}
