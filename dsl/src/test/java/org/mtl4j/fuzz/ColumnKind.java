package org.mtl4j.fuzz;

/**
 * The kinds of table column the fuzzer generates: numbers of every Tablesaw number type,
 * booleans, categories, free text and strings mixing numbers and words.
 */
enum ColumnKind {
    DOUBLE,
    FLOAT,
    INTEGER,
    LONG,
    BOOLEAN,
    CATEGORY,
    TEXT,
    MIXED
}
