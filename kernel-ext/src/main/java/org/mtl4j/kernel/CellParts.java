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

    /** One part: Java code ({@code magic} null), a line magic or a cell magic with its body. */
    record Part(String code, String magic, List<String> args, boolean cellMagic) {}

    static CellParts of(String cell) {
        List<Part> parts = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        Matcher cellMagic = CELL_MAGIC.matcher(lines.length > 0 ? lines[0] : "");
        if (cellMagic.matches()) {
            String body = cell.substring(Math.min(cell.length(), lines[0].length() + 1));
            parts.add(new Part(body, cellMagic.group(1), args(cellMagic.group(2)), true));
            return new CellParts(parts);
        }
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            Matcher lineMagic = LINE_MAGIC.matcher(line);
            if (lineMagic.matches()) {
                flush(code, parts);
                parts.add(new Part(null, lineMagic.group(1), args(lineMagic.group(2)), false));
            } else {
                code.append(line).append('\n');
            }
        }
        flush(code, parts);
        return new CellParts(parts);
    }

    private static void flush(StringBuilder code, List<Part> parts) {
        if (!code.toString().isBlank()) {
            parts.add(new Part(code.toString(), null, List.of(), false));
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
