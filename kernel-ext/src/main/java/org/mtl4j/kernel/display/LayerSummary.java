package org.mtl4j.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.LayerShapes;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.TextInput;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.HardSharing;

/**
 * A Keras-style layer table of a hard-sharing model, computed from its spec: every layer of the
 * trunk and of each head with its output shape ({@code (batch, width)}) and parameter count, and
 * the totals (all of mtl4j's parameters are trainable; batch norm's running statistics are not
 * counted). Image layers show {@code (batch, channels, height, width)}. It needs the input width: known before
 * {@code fit()} for numeric inputs (one feature per column) and hashed text (its buckets), known
 * only after it for categorical inputs and text vocabularies (learned from the data); pass the
 * encoder's width once trained.
 *
 * <p>Example: the quickstart model (10 numeric inputs, trunk {@code dense(20), relu()}, five heads
 * {@code dense(1)}) has rows {@code trunk dense(20) (batch, 20) 220}, {@code trunk relu() (batch,
 * 20) 0} and {@code task1 dense(1) (batch, 1) 21}…, 325 parameters in all.
 */
final class LayerSummary {

    /** One layer: where it sits ("trunk" or the task), the layer, its output width and params. */
    record Row(String part, String layer, int width, long parameters, List<Integer> dims) {

        /** A row of flat features. */
        Row(String part, String layer, int width, long parameters) {
            this(part, layer, width, parameters, List.of(width));
        }

        /** The output shape as Keras writes it, e.g. {@code (batch, 8, 32, 32)} for images. */
        String shape() {
            return "(batch, " + dims.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
    }

    private LayerSummary() {}

    /**
     * The input width of {@code spec} before any data: the sum over its inputs, or empty when one
     * of them learns its width from the data.
     */
    static OptionalInt inputWidth(ModelSpec spec) {
        int width = 0;
        for (Input input : spec.inputs()) {
            if (input instanceof NumericInput numeric) {
                width += numeric.columns().size();
            } else if (input instanceof TextInput text && !text.vocabulary()) {
                width += text.size();
            } else if (input instanceof ImageInput image) {
                width += image.pixels();
            } else {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(width);
    }

    /**
     * The layer rows of {@code spec} for input width {@code inputWidth}; empty for a model whose
     * shared part is not a trunk (experts, cross-stitch), which the summary counts as one part.
     */
    static List<Row> rows(ModelSpec spec, int inputWidth) {
        List<Row> rows = new ArrayList<>();
        if (!(spec.sharing() instanceof HardSharing)) {
            return rows;
        }
        List<Integer> input = spec.inputs().stream().filter(ImageInput.class::isInstance)
                .map(ImageInput.class::cast).findFirst()
                .map(i -> List.of(i.channels(), i.height(), i.width()))
                .orElse(List.of(inputWidth));
        List<Integer> shared = add(rows, "trunk", spec.trunk(), input);
        for (TaskSpec task : spec.tasks()) {
            add(rows, task.name(), task.head(), shared);
        }
        return rows;
    }

    /** The sum of the rows' parameters. */
    static long total(List<Row> rows) {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    private static List<Integer> add(List<Row> rows, String part, List<Layer> layers,
            List<Integer> shape) {
        for (Layer layer : layers) {
            long parameters = LayerShapes.parameters(layer, shape);
            shape = LayerShapes.outputShape(layer, shape);
            int width = shape.stream().reduce(1, Math::multiplyExact);
            rows.add(new Row(part, String.valueOf(layer), width, parameters, shape));
        }
        return shape;
    }

    /** Whether {@code spec} has categorical inputs (their width is the number of levels seen). */
    static boolean hasCategorical(ModelSpec spec) {
        return spec.inputs().stream().anyMatch(i -> i instanceof CategoricalInput);
    }
}
