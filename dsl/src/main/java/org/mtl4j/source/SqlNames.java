package org.mtl4j.source;

/** Quoting of SQL identifiers and string literals. */
@org.mtl4j.annotation.Internal
public final class SqlNames {

    private SqlNames() {}

    /** {@code "name"}, with inner double quotes doubled. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'}, with inner single quotes doubled. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** {@code SELECT <select> FROM (<query>) AS mtl4j_source}. */
    static String over(String select, String query) {
        return "SELECT " + select + " FROM (" + query + ") AS mtl4j_source";
    }
}
