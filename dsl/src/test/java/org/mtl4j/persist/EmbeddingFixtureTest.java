package org.mtl4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;

/**
 * A file with embedded inputs written when embeddings came ({@link EmbeddingFixtureWriter})
 * keeps loading and predicting what it predicted, its level maps and hashing included.
 */
class EmbeddingFixtureTest {

    @TempDir
    Path folder;

    @Test
    void anEmbeddedModelFileLoadsAndPredictsWhatItPredictedWhenSaved() throws Exception {
        Path file = SavedFixtures.copy(folder, "fixture-v1-embeddings.mtl4j");
        Table rows = SavedFixtures.csv("fixture-v1-embeddings-rows.csv");
        Table expected = SavedFixtures.csv("fixture-v1-embeddings-predictions.csv");
        try (MultiTaskModel model = MultiTaskModel.load(file)) {
            assertThat(model.spec().inputs().toString()).isEqualTo("[numeric(\"x1\", \"x2\"),"
                    + " categorical(\"bird_id\").embedding(3), categorical(\"nest_id\")"
                    + ".embedding(3).sharedWith(\"bird_id\"), categorical(\"island\")"
                    + ".embedding(2).hashed(5), text(\"note\").vocabulary(4).embeddingBag(2)]");
            assertThat(model.summary()).contains("nest_id: embedding(3) in table 'bird_id' of"
                    + " 26 rows (25 levels + 1 reserved)");
            SavedFixtures.assertPredictsAsSaved(model, rows, expected);
            model.fit(rows, epochs(1), batchSize(16), adam(1e-2), quiet());
            assertThat(model.history().epochs()).hasSize(3);
        }
    }
}
