package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.spec.inputs.CategoricalEmbedding;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.TextEmbeddingBag;
import org.mtl4j.spec.inputs.TextInput;
import tech.tablesaw.api.Table;

/**
 * Turns the model's inputs into one float feature vector per row, with everything it learns
 * (means, levels, vocabularies) taken from the training split only.
 *
 * <p>Example:
 *
 * <pre>{@code
 * FeatureEncoder encoder = FeatureEncoder.fit(spec.inputs(), table, split.train());
 * float[] features = encoder.encode(table, split.validation()); // rows × encoder.width()
 * }</pre>
 */
public final class FeatureEncoder {

    private final List<ColumnEncoder> encoders;
    private final int width;
    private final int[] offsets;
    private final EmbeddingLayout layout;

    private FeatureEncoder(List<ColumnEncoder> encoders) {
        this.encoders = List.copyOf(encoders);
        this.width = encoders.stream().mapToInt(ColumnEncoder::width).sum();
        this.offsets = new int[encoders.size()];
        this.layout = layout(this.encoders, offsets);
    }

    /**
     * Places the number features first and the embedded columns' indices after them (each group
     * in declared order), fills {@code offsets} and describes the indices for the network.
     */
    private static EmbeddingLayout layout(List<ColumnEncoder> encoders, int[] offsets) {
        int offset = 0;
        for (int i = 0; i < encoders.size(); i++) {
            if (!(encoders.get(i) instanceof IndexColumnEncoder)) {
                offsets[i] = offset;
                offset += encoders.get(i).width();
            }
        }
        int denseWidth = offset;
        Map<String, Integer> tableIndex = new LinkedHashMap<>();
        List<EmbeddingLayout.TableSize> tables = new ArrayList<>();
        List<EmbeddingLayout.Lookup> lookups = new ArrayList<>();
        for (int i = 0; i < encoders.size(); i++) {
            if (encoders.get(i) instanceof IndexColumnEncoder indexed) {
                offsets[i] = offset;
                Integer table = tableIndex.get(indexed.table());
                if (table == null) {
                    table = tables.size();
                    tableIndex.put(indexed.table(), table);
                    tables.add(new EmbeddingLayout.TableSize(indexed.table(),
                            indexed.tableRows(), indexed.dimension()));
                }
                lookups.add(new EmbeddingLayout.Lookup(table, offset, indexed.width(),
                        indexed.mode()));
                offset += indexed.width();
            }
        }
        return new EmbeddingLayout(denseWidth, tables, lookups);
    }

    /**
     * Fits the encoders of all inputs.
     *
     * @param inputs the model's inputs
     * @param table the data
     * @param trainRows the training rows (statistics come from these only)
     * @return the fitted encoder
     */
    public static FeatureEncoder fit(List<Input> inputs, Table table, int[] trainRows) {
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (Input input : inputs) {
            if (input instanceof NumericInput numeric) {
                for (String column : numeric.columns()) {
                    encoders.add(NumericEncoder.fit(table, column, trainRows));
                }
            } else if (input instanceof CategoricalInput categorical) {
                for (String column : categorical.columns()) {
                    encoders.add(OneHotEncoder.fit(table, column, trainRows));
                }
            } else if (input instanceof TextInput text) {
                encoders.add(TextEncoder.fit(table, text, trainRows));
            } else if (input instanceof CategoricalEmbedding embedding) {
                for (String column : embedding.columns()) {
                    encoders.add(new CategoricalIndexEncoder(column, embedding,
                            EmbeddingLevels.of(inputs, embedding, column, table, trainRows)));
                }
            } else if (input instanceof TextEmbeddingBag bag) {
                encoders.add(TokenIndexEncoder.fit(table, bag, trainRows));
            } else if (input instanceof ImageInput image) {
                encoders.add(new ImageEncoder(image));
            }
        }
        return new FeatureEncoder(encoders);
    }

    /**
     * Checks that {@code schema} (a table with the columns, rows or not) has every input column
     * with a type the input can read, with the messages {@link #fit} gives.
     *
     * @throws IllegalArgumentException naming the missing or mistyped column and the fix
     */
    public static void checkColumns(List<Input> inputs, Table schema) {
        for (Input input : inputs) {
            for (String column : input.columns()) {
                if (input instanceof NumericInput) {
                    NumericEncoder.column(schema, column);
                } else if (input instanceof TextInput || input instanceof TextEmbeddingBag) {
                    TextEncoder.texts(schema, column);
                } else if (input instanceof ImageInput) {
                    Columns.find(schema, column, input.toString());
                } else {
                    Columns.find(schema, column, input instanceof CategoricalInput
                            ? "categorical(\"" + column + "\")" : input.toString());
                }
            }
        }
    }

    /**
     * Rebuilds an encoder from what {@link #state()} gave, for the same inputs.
     *
     * @throws IllegalArgumentException if the states do not match the inputs
     */
    public static FeatureEncoder restore(List<Input> inputs, List<EncoderState> states) {
        List<ColumnEncoder> encoders = new ArrayList<>();
        int next = 0;
        for (Input input : inputs) {
            List<String> columns = input.columns();
            for (String column : columns) {
                EncoderState state = next < states.size() ? states.get(next) : null;
                next++;
                if (state == null || !state.column().equals(column)) {
                    throw mismatch(input, column, state);
                }
                if (input instanceof NumericInput && state instanceof EncoderState.Numeric s) {
                    encoders.add(NumericEncoder.restore(s));
                } else if (input instanceof CategoricalInput
                        && state instanceof EncoderState.OneHot s) {
                    encoders.add(OneHotEncoder.restore(s));
                } else if (input instanceof TextInput text
                        && state instanceof EncoderState.Text s) {
                    encoders.add(TextEncoder.restore(text, s));
                } else if (input instanceof CategoricalEmbedding embedding
                        && state instanceof EncoderState.Indexed s) {
                    encoders.add(new CategoricalIndexEncoder(column, embedding, s.levels()));
                } else if (input instanceof TextEmbeddingBag bag
                        && state instanceof EncoderState.Tokens s) {
                    encoders.add(TokenIndexEncoder.restore(bag, s));
                } else if (input instanceof ImageInput image
                        && state instanceof EncoderState.Image) {
                    encoders.add(new ImageEncoder(image));
                } else {
                    throw mismatch(input, column, state);
                }
            }
        }
        if (next != states.size()) {
            throw new IllegalArgumentException("The encoder states do not match the inputs: "
                    + states.size() + " states for " + next + " input columns. Received: "
                    + states + ".");
        }
        return new FeatureEncoder(encoders);
    }

    private static IllegalArgumentException mismatch(Input input, String column,
            EncoderState state) {
        return new IllegalArgumentException("The encoder state for column '" + column + "' of "
                + input + " does not match it. Received: " + state + ".");
    }

    /** What every column's encoder learnt, in feature order (for saving). */
    public List<EncoderState> state() {
        return encoders.stream().map(ColumnEncoder::state).toList();
    }

    /** Number of features per row (the numbers, then the embedded columns' indices). */
    public int width() {
        return width;
    }

    /** Where the embedded columns' indices are, and their tables (empty without embeddings). */
    public EmbeddingLayout embeddingLayout() {
        return layout;
    }

    /** The width the network's shared part sees: {@link #width()} with indices as vectors. */
    public int networkWidth() {
        return layout.outputWidth();
    }

    /**
     * Encodes rows.
     *
     * @param table a table with the input columns
     * @param rows the rows to encode, in output order
     * @return row-major features, {@code rows.length × width()}
     */
    public float[] encode(Table table, int[] rows) {
        float[] out = new float[Math.multiplyExact(rows.length, width)];
        encode(table, rows, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Encodes rows into {@code out} (e.g. a direct buffer that becomes a tensor without a copy),
     * which must hold {@code rows.length × width()} zeroes; its position is left alone.
     *
     * @throws IllegalArgumentException if {@code out} is too small
     */
    public void encode(Table table, int[] rows, FloatBuffer out) {
        long needed = (long) rows.length * width;
        if (out.capacity() < needed) {
            throw new IllegalArgumentException("The buffer for " + rows.length + " rows × "
                    + width + " features is too small. Received: capacity " + out.capacity()
                    + ". Allocate " + needed + " floats.");
        }
        for (int i = 0; i < encoders.size(); i++) {
            encoders.get(i).encode(table, rows, out, width, offsets[i]);
        }
    }

    /** Whether an input is text (a bag of words, mostly zeroes: see {@link #encodeSparse}). */
    public boolean hasText() {
        return encoders.stream().anyMatch(TextEncoder.class::isInstance);
    }

    /**
     * Encodes rows into compressed sparse rows, a block of rows at a time: the same features as
     * {@link #encode(Table, int[])}, in memory that grows with the non-zero features.
     *
     * @param table a table with the input columns
     * @param rows the rows to encode, in output order
     */
    public FeatureRows encodeSparse(Table table, int[] rows) {
        FeatureRows.Builder builder = new FeatureRows.Builder(width, rows.length);
        int block = 256;
        for (int from = 0; from < rows.length; from += block) {
            int[] blockRows = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + block));
            List<List<long[]>> perRow = new ArrayList<>();
            for (int r = 0; r < blockRows.length; r++) {
                perRow.add(new ArrayList<>());
            }
            for (int i = 0; i < encoders.size(); i++) {
                int base = offsets[i];
                encoders.get(i).entries(table, blockRows, (r, slot, value) -> {
                    if (value != 0f) {
                        perRow.get(r).add(new long[] {base + slot, Float.floatToRawIntBits(value)});
                    }
                });
            }
            for (List<long[]> entries : perRow) {
                for (long[] entry : entries) {
                    builder.add((int) entry[0], Float.intBitsToFloat((int) entry[1]));
                }
                builder.endRow();
            }
        }
        return builder.build();
    }

    /** One line per input column, describing its encoding. */
    public List<String> describe() {
        return encoders.stream().map(ColumnEncoder::describe).toList();
    }
}
