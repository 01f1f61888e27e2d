package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.spec.inputs.CategoricalEmbedding;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A categorical column as one table index per row: {@code 1 + level} over the table's learnt
 * levels, or {@code 1 + (mix(hashCode) mod buckets)} when hashed; 0 for a missing value or a level
 * not in the level map.
 */
final class CategoricalIndexEncoder implements IndexColumnEncoder {

    private final String column;
    private final CategoricalEmbedding input;
    private final List<String> levels;
    private final Map<String, Integer> index = new HashMap<>();

    CategoricalIndexEncoder(String column, CategoricalEmbedding input, List<String> levels) {
        this.column = column;
        this.input = input;
        this.levels = List.copyOf(levels);
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i + 1);
        }
        long rows = tableRows();
        if (rows > CategoricalEmbedding.MAX_TABLE_ROWS) {
            throw new IllegalArgumentException(input + " has " + levels.size() + " levels in"
                    + " column '" + column + "', more than a table holds. Received: "
                    + levels.size() + " levels. Use .hashed(n) with n at most "
                    + (CategoricalEmbedding.MAX_TABLE_ROWS - 1) + ".");
        }
    }

    /** The table index of {@code level} (not missing). */
    int indexOf(String level) {
        if (input.isHashed()) {
            return 1 + Math.floorMod(TextEncoder.mix(level.hashCode()), input.buckets());
        }
        return index.getOrDefault(level, 0);
    }

    @Override
    public String table() {
        return input.table(column);
    }

    @Override
    public int tableRows() {
        return 1 + (input.isHashed() ? input.buckets() : levels.size());
    }

    @Override
    public int dimension() {
        return input.dimension();
    }

    @Override
    public String mode() {
        return "one";
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        Column<?> values = Columns.find(table, column, input.toString());
        for (int r = 0; r < rows.length; r++) {
            if (!values.isMissing(rows[r])) {
                int slot = indexOf(values.getUnformattedString(rows[r]));
                if (slot != 0) {
                    out.put(r * stride + offset, slot);
                }
            }
        }
    }

    @Override
    public String describe() {
        return column + ": embedding(" + input.dimension() + ") in table '" + table() + "' of "
                + tableRows() + " rows ("
                + (input.isHashed() ? input.buckets() + " hashed buckets"
                        : levels.size() + " levels")
                + " + 1 reserved)";
    }

    @Override
    public EncoderState state() {
        return new EncoderState.Indexed(column, levels);
    }
}
