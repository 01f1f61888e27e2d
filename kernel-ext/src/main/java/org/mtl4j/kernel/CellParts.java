package org.mtl4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell split into Java code and magics, in order. A cell whose first line is {@code %%name
 * args} is one cell magic with the rest as its body; otherwise every line {@code %name args} is a
 * line magic and the lines between them are Java code. Arguments are split on spaces; double
 * quotes group an argument with spaces.
 *
 * <p>Example: {@code "%classpath lib/*.jar\nint x = 1;"} is a line magic then the code {@code int
 * x = 1;}.
 *
 * @param parts the parts, in order
 */
record CellParts(List<Part> parts) {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w+)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%(\\w+)(.*)$");
    private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    /**
     * One part: Java code ({@code magic} null), a line magic or a cell magic with its body;
     * {@code raw} is the magic line's text after the name.
     */
    record Part(String code, String magic, List<String> args, boolean cellMagic, String raw) {}

    /** Tells whether a name is a known line magic ({@code cell} false) or cell magic. */
    interface Magics {
        boolean has(String name, boolean cell);
    }

    /** Splits a cell; lines starting with % that name no known magic stay Java code. */
    static CellParts of(String cell, Magics magics) {
        List<Part> parts = new ArrayList<>();
        String trimmed = cell.stripLeading();
        int firstEnd = trimmed.indexOf('\n');
        Matcher cellMagic = CELL_MAGIC.matcher(firstEnd < 0 ? trimmed : trimmed.substring(0,
                firstEnd));
        if (cellMagic.matches() && magics.has(cellMagic.group(1), true)) {
            String body = firstEnd < 0 ? "" : trimmed.substring(firstEnd + 1);
            parts.add(new Part(body, cellMagic.group(1), args(cellMagic.group(2)), true,
                    cellMagic.group(2).strip()));
            return new CellParts(parts);
        }
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            Matcher lineMagic = LINE_MAGIC.matcher(line);
            if (lineMagic.matches() && magics.has(lineMagic.group(1), false)) {
                flush(code, parts);
                parts.add(new Part(null, lineMagic.group(1), args(lineMagic.group(2)), false,
                        lineMagic.group(2).strip()));
            } else {
                code.append(line).append('\n');
            }
        }
        flush(code, parts);
        return new CellParts(parts);
    }

    private static void flush(StringBuilder code, List<Part> parts) {
        if (!code.toString().isBlank()) {
            parts.add(new Part(code.toString(), null, List.of(), false, ""));
        }
        code.setLength(0);
    }

    private static List<String> args(String text) {
        List<String> args = new ArrayList<>();
        Matcher matcher = ARGUMENT.matcher(text);
        while (matcher.find()) {
            args.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return args;
    }
}
