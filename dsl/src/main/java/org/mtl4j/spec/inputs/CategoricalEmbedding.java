package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Categorical columns as learnt vectors (an embedding per level), like PyTorch's {@code
 * nn.Embedding} and TorchRec's embedding tables: each column becomes {@code dimension} numbers,
 * concatenated with the other inputs before the shared part. The device input holds one index per
 * column and row, not a one-hot row, so memory grows with the batch and the table, not with the
 * number of levels times the rows.
 *
 * <p>Levels: by default a level map learnt from the training split (levels in sorted order, as
 * for {@link CategoricalInput}); the table has one row per level plus row 0, the reserved vector
 * for a missing value or a level never seen in training. Row 0 starts at zero and learns only from
 * training rows whose value is missing; the other rows start as N(0, 1), as in PyTorch. With
 * {@link #hashed(int)} no level map is kept: a level goes to row {@code 1 + (h mod buckets)},
 * where {@code h} is MurmurHash3's 32-bit finaliser applied to Java's {@code String.hashCode()} of
 * the level's text (both fixed by their specifications, so the same level gets the same row on
 * every machine and after loading); different levels may share a row (a collision), and a
 * missing value still uses row 0. A table holds at most 16 777 216 rows (indices travel in the
 * model's float type, exact up to 2^24).
 *
 * <p>Shared tables: {@code .sharedWith("home_team")} makes a column read the table of another
 * embedded column (same dimension and hashing), for columns that index the same thing; a level
 * map is then learnt from the training values of all the columns sharing it.
 *
 * <p>Example: {@code categorical("user_id").embedding(32)}, {@code
 * categorical("query").embedding(16).hashed(100_000)}, {@code
 * categorical("away_team").embedding(8).sharedWith("home_team")} beside {@code
 * categorical("home_team").embedding(8)}.
 *
 * <p>Defaults: a learnt level map (no hashing), a table of its own per column.
 *
 * @param columns the categorical columns, at least one (each with its own table unless shared)
 * @param dimension numbers per level, at least 1
 * @param buckets 0 for a learnt level map, else the number of hash buckets (at least 2)
 * @param sharedWith the column whose table these columns read, or null for their own
 */
public record CategoricalEmbedding(List<String> columns, int dimension, int buckets,
        String sharedWith) implements Input {

    /** The most rows a table may have: indices are exact in float32 up to 2^24. */
    public static final int MAX_TABLE_ROWS = 1 << 24;

    /** Validates the settings. */
    public CategoricalEmbedding {
        columns = InputColumns.check("categorical", columns);
        String base = "categorical(" + InputColumns.quoted(columns) + ")";
        if (dimension < 1) {
            throw new IllegalArgumentException(base + ".embedding(" + dimension
                    + ") needs a dimension of at least 1. Received: embedding(" + dimension
                    + "). Use e.g. embedding(32).");
        }
        if (buckets == 1 || buckets < 0 || buckets > MAX_TABLE_ROWS - 1) {
            throw new IllegalArgumentException(base + ".embedding(" + dimension + ").hashed("
                    + buckets + ") needs between 2 and " + (MAX_TABLE_ROWS - 1)
                    + " buckets. Received: hashed(" + buckets + "). Use e.g. hashed(100000).");
        }
        if (sharedWith != null && sharedWith.isBlank()) {
            throw new IllegalArgumentException(base + ".embedding(" + dimension
                    + ").sharedWith() needs the name of an embedded column. Received: sharedWith(\""
                    + sharedWith + "\"). Pass e.g. sharedWith(\"home_team\").");
        }
    }

    /** Hashes levels into {@code buckets} rows (plus the reserved row 0) instead of a level map. */
    public CategoricalEmbedding hashed(int buckets) {
        if (buckets == 0) {
            throw new IllegalArgumentException(this + ".hashed(0) needs at least 2 buckets."
                    + " Received: hashed(0). Use e.g. hashed(100000).");
        }
        return new CategoricalEmbedding(columns, dimension, buckets, sharedWith);
    }

    /** Reads the table of the embedded column {@code column} (checked when the model is built). */
    public CategoricalEmbedding sharedWith(String column) {
        return new CategoricalEmbedding(columns, dimension, buckets, column == null ? "" : column);
    }

    /** Whether levels are hashed (no level map). */
    public boolean isHashed() {
        return buckets > 0;
    }

    /** The table a column reads: the shared column's, or the column's own. */
    public String table(String column) {
        return sharedWith != null ? sharedWith : column;
    }

    @Override
    public String toString() {
        return "categorical(" + InputColumns.quoted(columns) + ").embedding(" + dimension + ")"
                + (buckets > 0 ? ".hashed(" + buckets + ")" : "")
                + (sharedWith != null ? ".sharedWith(\"" + sharedWith + "\")" : "");
    }
}
