package org.mtl4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with columns padded to their widest cell (Markdown-compatible pipes, so the
 * output can be pasted into the README).
 *
 * <p>Example: {@code new TextTable("runner", "steps/s").row("mtl4j", "1200").print()}
 */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("A row needs " + rows.get(0).length
                    + " cells. Received: " + cells.length + ".");
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    /** The table as text, one line per row, the header underlined. */
    String render() {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()))
                    .append(" |");
        }
        out.append('\n');
    }

    void print() {
        System.out.print(render());
        System.out.flush();
    }
}
