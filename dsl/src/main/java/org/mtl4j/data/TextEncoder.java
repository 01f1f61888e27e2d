package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.spec.inputs.TextInput;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Bag of words: {@code log(1 + count)} per slot, scaled to unit length; slots are hashed buckets
 * or a vocabulary learnt from the training split.
 */
final class TextEncoder implements ColumnEncoder {

    private final TextInput input;
    private final Map<String, Integer> vocabulary;

    private TextEncoder(TextInput input, Map<String, Integer> vocabulary) {
        this.input = input;
        this.vocabulary = vocabulary;
    }

    static TextEncoder fit(Table table, TextInput input, int[] trainRows) {
        StringColumn texts = column(table, input.column());
        if (!input.vocabulary()) {
            return new TextEncoder(input, Map.of());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int row : trainRows) {
            for (String token : Tokenizer.tokens(texts.get(row))) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException(
                    input + " has no word to learn: column '" + input.column() + "' has no token"
                            + " in its " + trainRows.length + " training rows. Use .buckets(n),"
                            + " fill the column, or remove it from .input(...).");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        for (int i = 0; i < Math.min(input.size(), ranked.size()); i++) {
            vocabulary.put(ranked.get(i).getKey(), i);
        }
        return new TextEncoder(input, vocabulary);
    }

    /** The encoder with a saved vocabulary (empty for hashed buckets). */
    static TextEncoder restore(TextInput input, EncoderState.Text state) {
        Map<String, Integer> vocabulary = new HashMap<>();
        for (int i = 0; i < state.vocabulary().size(); i++) {
            vocabulary.put(state.vocabulary().get(i), i);
        }
        return new TextEncoder(input, vocabulary);
    }

    @Override
    public EncoderState state() {
        String[] tokens = new String[vocabulary.size()];
        vocabulary.forEach((token, slot) -> tokens[slot] = token);
        return new EncoderState.Text(input.column(), List.of(tokens));
    }

    @Override
    public int width() {
        return input.vocabulary() ? vocabulary.size() : input.size();
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        StringColumn texts = column(table, input.column());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int r = 0; r < rows.length; r++) {
            int base = r * stride + offset;
            row(texts.get(rows[r]), counts, (slot, value) -> out.put(base + slot, value));
        }
    }

    @Override
    public void entries(Table table, int[] rows, Entries entries) {
        StringColumn texts = column(table, input.column());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int r = 0; r < rows.length; r++) {
            int row = r;
            row(texts.get(rows[r]), counts, (slot, value) -> entries.accept(row, slot, value));
        }
    }

    /** Receives a row's non-zero features: slot (in this column's features) and value. */
    interface RowEntries {
        void accept(int slot, float value);
    }

    /**
     * Gives the non-zero features of one text to {@code entries}, in no particular order.
     *
     * @param counts a scratch map, cleared first
     */
    void row(String text, Map<Integer, Integer> counts, RowEntries entries) {
        counts.clear();
        for (String token : Tokenizer.tokens(text)) {
            int slot = slot(token);
            if (slot >= 0) {
                counts.merge(slot, 1, Integer::sum);
            }
        }
        double norm = 0;
        for (int count : counts.values()) {
            norm += Math.pow(Math.log1p(count), 2);
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
            entries.accept(entry.getKey(), (float) (Math.log1p(entry.getValue()) * scale));
        }
    }

    /** The token's slot, or -1 for a word out of the vocabulary. */
    int slot(String token) {
        if (input.vocabulary()) {
            return vocabulary.getOrDefault(token, -1);
        }
        return Math.floorMod(mix(token.hashCode()), input.size());
    }

    /** MurmurHash3's 32-bit finaliser: spreads {@link String#hashCode()} over all bits. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    @Override
    public String describe() {
        return input.column() + ": bag of words, "
                + (input.vocabulary()
                        ? vocabulary.size() + "-token vocabulary"
                        : input.size() + " hashed buckets");
    }

    /** The text column {@code name}, checked. */
    static StringColumn texts(Table table, String name) {
        return column(table, name);
    }

    private static StringColumn column(Table table, String name) {
        Column<?> column = Columns.find(table, name, "text(\"" + name + "\")");
        if (!(column instanceof StringColumn texts)) {
            throw new IllegalArgumentException(
                    "text(\"" + name + "\") needs a string column, but '" + name + "' is "
                            + column.type().name() + ". Use numeric(\"" + name
                            + "\") for numbers or categorical(\"" + name + "\") for categories.");
        }
        return texts;
    }
}
