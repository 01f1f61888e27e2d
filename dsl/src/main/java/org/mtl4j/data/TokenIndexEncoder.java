package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.List;
import org.mtl4j.spec.inputs.TextEmbeddingBag;
import tech.tablesaw.api.Table;

/**
 * A text column as a padded list of token indices per row ({@code 1 + slot}, slots as the bag of
 * words gives them; 0 is padding), {@code length} long: the longest training row, at most {@code
 * maxTokens}.
 */
final class TokenIndexEncoder implements IndexColumnEncoder {

    private final TextEmbeddingBag input;
    private final TextEncoder slots;
    private final int length;

    private TokenIndexEncoder(TextEmbeddingBag input, TextEncoder slots, int length) {
        this.input = input;
        this.slots = slots;
        this.length = length;
    }

    static TokenIndexEncoder fit(Table table, TextEmbeddingBag input, int[] trainRows) {
        TextEncoder slots = TextEncoder.fit(table, input.text(), trainRows);
        TokenIndexEncoder unbounded = new TokenIndexEncoder(input, slots, input.maxTokens());
        int longest = 1;
        for (int row : trainRows) {
            longest = Math.max(longest, unbounded.slots(table, row).length);
        }
        return new TokenIndexEncoder(input, slots, Math.min(longest, input.maxTokens()));
    }

    static TokenIndexEncoder restore(TextEmbeddingBag input, EncoderState.Tokens state) {
        TextEncoder slots = TextEncoder.restore(input.text(),
                new EncoderState.Text(state.column(), state.vocabulary()));
        return new TokenIndexEncoder(input, slots, state.length());
    }

    /** The row's token slots in text order, out-of-vocabulary tokens left out, all of them. */
    private int[] slots(Table table, int row) {
        String text = TextEncoder.texts(table, input.column()).get(row);
        List<String> tokens = Tokenizer.tokens(text);
        return tokens.stream().mapToInt(slots::slot).filter(s -> s >= 0).toArray();
    }

    @Override
    public String table() {
        return input.column();
    }

    @Override
    public int tableRows() {
        return 1 + slots.width();
    }

    @Override
    public int dimension() {
        return input.dimension();
    }

    @Override
    public String mode() {
        return input.mode();
    }

    @Override
    public int width() {
        return length;
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        for (int r = 0; r < rows.length; r++) {
            int[] tokens = slots(table, rows[r]);
            for (int k = 0; k < Math.min(length, tokens.length); k++) {
                out.put(r * stride + offset + k, tokens[k] + 1);
            }
        }
    }

    @Override
    public String describe() {
        return input.column() + ": embedding bag (" + input.mode() + ") of " + input.dimension()
                + " over " + (input.vocabulary() ? slots.width() + "-token vocabulary"
                        : input.size() + " hashed buckets")
                + ", up to " + length + " tokens a row";
    }

    @Override
    public EncoderState state() {
        return new EncoderState.Tokens(input.column(),
                ((EncoderState.Text) slots.state()).vocabulary(), length);
    }
}
