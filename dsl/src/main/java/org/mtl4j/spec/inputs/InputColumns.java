package org.mtl4j.spec.inputs;

import java.util.List;
import java.util.stream.Collectors;

/** Checks and prints the column lists of inputs. */
final class InputColumns {

    private InputColumns() {}

    static List<String> check(String input, List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException(
                    input + "() needs at least one column name. Received: " + input
                            + "(). Use e.g. " + input + "(\"x1\").");
        }
        for (String column : columns) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException(
                        input + "() received a blank column name. Received: " + columns
                                + ". Pass the names of table columns.");
            }
        }
        return List.copyOf(columns);
    }

    static String quoted(List<String> columns) {
        return columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    }
}
