package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** One-hot over the levels seen in training; missing and unseen levels are all zeros. */
final class OneHotEncoder implements ColumnEncoder {

    private final String column;
    private final List<String> levels;
    private final Map<String, Integer> index = new HashMap<>();

    private OneHotEncoder(String column, List<String> levels) {
        this.column = column;
        this.levels = levels;
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
    }

    static OneHotEncoder fit(Table table, String name, int[] trainRows) {
        List<String> levels = Levels.of(column(table, name), trainRows);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(
                    "categorical(\"" + name + "\") has no level to learn: column '" + name
                            + "' is missing in all " + trainRows.length + " training rows. Fill"
                            + " the column, or remove it from .input(...).");
        }
        return new OneHotEncoder(name, levels);
    }

    /** The encoder with saved levels. */
    static OneHotEncoder restore(EncoderState.OneHot state) {
        return new OneHotEncoder(state.column(), state.levels());
    }

    @Override
    public EncoderState state() {
        return new EncoderState.OneHot(column, levels);
    }

    @Override
    public int width() {
        return levels.size();
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        Column<?> values = column(table, column);
        for (int r = 0; r < rows.length; r++) {
            if (!values.isMissing(rows[r])) {
                Integer level = index.get(values.getUnformattedString(rows[r]));
                if (level != null) {
                    out.put(r * stride + offset + level, 1f);
                }
            }
        }
    }

    @Override
    public String describe() {
        return column + ": one-hot over " + levels.size() + " levels " + levels;
    }

    private static Column<?> column(Table table, String name) {
        return Columns.find(table, name, "categorical(\"" + name + "\")");
    }
}
