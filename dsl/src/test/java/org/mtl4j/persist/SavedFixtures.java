package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Model files committed as test resources with the rows and predictions they were saved with:
 * copies them out, reads the tables, and checks that a loaded model still predicts the same
 * classes, probabilities (1e-6) and masses (1e-3).
 *
 * <p>Example: {@code SavedFixtures.assertPredictsAsSaved(model, rows, expected)}
 */
final class SavedFixtures {

    private SavedFixtures() {}

    /** Copies resource {@code name} (beside this class) into {@code folder}. */
    static Path copy(Path folder, String name) throws Exception {
        Path target = folder.resolve(name);
        try (InputStream in = SavedFixtures.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Reads CSV resource {@code name} (beside this class). */
    static Table csv(String name) throws Exception {
        try (InputStream in = SavedFixtures.class.getResourceAsStream(name)) {
            return Table.read().csv(CsvReadOptions.builder(in).tableName(name));
        }
    }

    /** The model predicts {@code expected}'s kind, kind_probability and mass for {@code rows}. */
    static void assertPredictsAsSaved(MultiTaskModel model, Table rows, Table expected) {
        Table predicted = model.predict(rows);
        assertThat(predicted.stringColumn("kind").asList())
                .isEqualTo(expected.stringColumn("kind").asList());
        double[] probabilities = expected.doubleColumn("kind_probability").asDoubleArray();
        double[] masses = expected.doubleColumn("mass").asDoubleArray();
        for (int r = 0; r < rows.rowCount(); r++) {
            assertThat(predicted.doubleColumn("kind_probability").get(r))
                    .isCloseTo(probabilities[r], within(1e-6));
            assertThat(predicted.doubleColumn("mass").get(r))
                    .isCloseTo(masses[r], within(1e-3));
        }
    }
}
