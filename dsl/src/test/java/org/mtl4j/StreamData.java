package org.mtl4j;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A small mixed table written as CSV and Parquet files, for the streamed-source tests. */
public final class StreamData {

    private StreamData() {}

    /**
     * x1 ~ N(3, 2), x2 ~ N(-1, 0.5); island one of three (missing on every 7th row); review a few
     * words of 40; species "a"/"b"/"c" from x1 and island; mass = 10·x1 + x2 + noise, missing
     * on every 5th row; shop an integer 1..12.
     */
    public static Table table(int rows, long seed) {
        Random random = new Random(seed);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn island = StringColumn.create("island");
        StringColumn review = StringColumn.create("review");
        StringColumn species = StringColumn.create("species");
        DoubleColumn mass = DoubleColumn.create("mass");
        IntColumn shop = IntColumn.create("shop");
        String[] islands = {"Biscoe", "Dream", "Torgersen"};
        for (int i = 0; i < rows; i++) {
            double a = 3 + 2 * random.nextGaussian();
            double b = -1 + 0.5 * random.nextGaussian();
            int where = random.nextInt(3);
            x1.append(a);
            x2.append(b);
            island.append(i % 7 == 3 ? "" : islands[where]);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 2 + random.nextInt(5); w++) {
                text.append("w").append(random.nextInt(40)).append(' ');
            }
            review.append(text.toString().strip());
            shop.append(1 + random.nextInt(12));
            species.append(a + where > 4 ? "c" : a > 2 ? "b" : "a");
            if (i % 5 == 2) {
                mass.appendMissing();
            } else {
                mass.append(10 * a + b + random.nextGaussian());
            }
        }
        return Table.create("stream", x1, x2, island, review, species, mass, shop);
    }

    /** Writes {@code table} as {@code name}.csv in {@code folder}, read back by Tablesaw. */
    public static Table writeCsv(Table table, Path folder, String name) {
        Path csv = folder.resolve(name + ".csv");
        table.write().csv(csv.toFile());
        return Table.read().csv(csv.toFile()).setName(name);
    }

    /** Converts {@code name}.csv in {@code folder} to {@code name}.parquet with DuckDB. */
    public static Path toParquet(Path folder, String name) throws SQLException {
        Path parquet = folder.resolve(name + ".parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + folder.resolve(name + ".csv")
                    + "')) TO '" + parquet + "' (FORMAT parquet)");
        }
        return parquet;
    }
}
