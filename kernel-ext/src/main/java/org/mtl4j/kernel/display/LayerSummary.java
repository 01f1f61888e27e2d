package org.mtl4j.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.TextInput;
import org.mtl4j.spec.layers.Dense;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.sharing.HardSharing;

/**
 * A Keras-style layer table of a hard-sharing model, computed from its spec: every layer of the
 * trunk and of each head with its output shape ({@code (batch, width)}) and parameter count, and
 * the totals (all of mtl4j's parameters are trainable). It needs the input width: known before
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
    record Row(String part, String layer, int width, long parameters) {

        /** The output shape as Keras writes it. */
        String shape() {
            return "(batch, " + width + ")";
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
        int width = add(rows, "trunk", spec.trunk(), inputWidth);
        for (TaskSpec task : spec.tasks()) {
            add(rows, task.name(), task.head(), width);
        }
        return rows;
    }

    /** The sum of the rows' parameters. */
    static long total(List<Row> rows) {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    private static int add(List<Row> rows, String part, List<Layer> layers, int width) {
        for (Layer layer : layers) {
            long parameters = 0;
            if (layer instanceof Dense dense) {
                parameters = (long) (width + 1) * dense.units();
                width = dense.units();
            }
            rows.add(new Row(part, String.valueOf(layer), width, parameters));
        }
        return width;
    }

    /** Whether {@code spec} has categorical inputs (their width is the number of levels seen). */
    static boolean hasCategorical(ModelSpec spec) {
        return spec.inputs().stream().anyMatch(i -> i instanceof CategoricalInput);
    }
}
