package org.mtl4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One generated case: a table, a model declaration and fit options, with the seed that
 * regenerates it.
 *
 * <p>Example: {@code CaseGenerator.generate(42, 20).describe()} prints the table's columns and
 * first rows, the DSL code of the model and of the fit, and how to rerun the case alone.
 *
 * @param seed the case's seed
 * @param maxRows the row bound it was generated with ({@code -Dmtl4j.fuzz.case=seed
 *     -Dmtl4j.fuzz.rows=maxRows} regenerates it)
 * @param table the data
 * @param model the declaration
 * @param fit the fit options
 * @param refit options of a second fit that continues training, or null for none
 */
record FuzzCase(
        long seed, int maxRows, Table table, ModelDraft model, FitDraft fit, FitDraft refit) {

    /** The names a good message would quote: table, columns, tasks and label columns. */
    List<String> names() {
        List<String> names = new ArrayList<>(table.columnNames());
        names.add(table.name());
        names.addAll(model.columnNames());
        model.tasks().forEach(t -> names.add(t.name()));
        return names;
    }

    /** A readable reproduction: seed, table summary, model and fit code. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("case ").append(seed).append(" (rerun alone with -Dmtl4j.fuzz.case=")
                .append(seed).append(" -Dmtl4j.fuzz.rows=").append(maxRows).append(")\n");
        text.append("table '").append(table.name()).append("': ").append(table.rowCount())
                .append(" rows\n");
        for (Column<?> column : table.columns()) {
            text.append("  ").append(ModelDraft.quote(column.name())).append(' ')
                    .append(column.type().name()).append(": [");
            for (int r = 0; r < Math.min(8, column.size()); r++) {
                String cell = column.isMissing(r) ? "<missing>" : column.getUnformattedString(r);
                text.append(r == 0 ? "" : ", ").append(ModelDraft.quote(
                        cell.length() > 24 ? cell.substring(0, 24) + "…(" + cell.length() + ")"
                                : cell));
            }
            text.append(column.size() > 8 ? ", …]\n" : "]\n");
        }
        text.append("model: ").append(model).append('\n');
        text.append("fit: ").append(fit);
        if (refit != null) {
            text.append("\nthen fit again: ").append(refit);
        }
        return text.toString();
    }
}
