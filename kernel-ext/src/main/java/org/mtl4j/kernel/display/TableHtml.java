package org.mtl4j.kernel.display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as escaped HTML: a caption with its name and size, column names with their
 * types, floating-point numbers with 4 significant digits (the data keep full precision: {@code
 * table.doubleColumn(c).get(r)}), and for long tables the first rows, an ellipsis row and the last
 * rows.
 *
 * <p>Example: {@code TableHtml.of(table, 10, 5)} for a 1000-row table shows rows 0-9, "…" and
 * rows 995-999.
 */
public final class TableHtml {

    /** Significant digits of floating-point cells. */
    public static final int DIGITS = 4;

    /** Tables with more rows than this are shortened. */
    public static final int MAX_FULL_ROWS = 20;

    private TableHtml() {}

    /** The table with default head (10) and tail (5) sizes. */
    public static String of(Table table) {
        return of(table, 10, 5);
    }

    /** The table, shortened to {@code head} and {@code tail} rows when it is long. */
    public static String of(Table table, int head, int tail) {
        StringBuilder html = new StringBuilder("<table class=\"mtl4j-table\">");
        html.append("<caption>").append(Html.escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows × ")
                .append(table.columnCount()).append(" columns)</caption><thead><tr><th></th>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(Html.escape(column.name())).append("<br/><small>")
                    .append(Html.escape(column.type().name().toLowerCase(java.util.Locale.ROOT)))
                    .append("</small></th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean shorten = rows > MAX_FULL_ROWS && head >= 0 && tail >= 0 && head < rows - tail;
        for (int row = 0; row < rows; row++) {
            if (shorten && row == head) {
                html.append("<tr><td>…</td>")
                        .append("<td>…</td>".repeat(table.columnCount())).append("</tr>");
                row = rows - tail;
            }
            html.append("<tr><th>").append(row).append("</th>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(Html.escape(cell(column, row))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /**
     * A cell as shown: floating-point numbers with {@value #DIGITS} significant digits (the table
     * keeps full precision), missing values empty, everything else as Tablesaw prints it.
     */
    static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof tech.tablesaw.api.DoubleColumn doubles) {
            return Html.significant(doubles.getDouble(row), DIGITS);
        }
        if (column instanceof tech.tablesaw.api.FloatColumn floats) {
            return Html.significant(floats.getFloat(row), DIGITS);
        }
        return column.getString(row);
    }
}
