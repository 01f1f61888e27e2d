package org.mtl4j.persist;

import static org.mtl4j.Mtl4j.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Writes the embedding fixture {@link EmbeddingFixtureTest} loads: a model with every kind of
 * embedded input (a level map, a shared table, a hashed table, a mean bag of tokens) beside
 * numbers, its input rows (one with an unseen level) and its predictions. Keep the files: they
 * are what keeps files with embeddings loadable when the layout code changes.
 *
 * <p>{@code java -cp <dsl test class path> org.mtl4j.persist.EmbeddingFixtureWriter
 * dsl/src/test/resources/org/mtl4j/persist v1}
 */
public final class EmbeddingFixtureWriter {

    private EmbeddingFixtureWriter() {}

    /** The fixture's rows: {@link SaveLoadTest#table} with two id columns. */
    static Table rows() {
        Table rows = SaveLoadTest.table(60, 13);
        StringColumn bird = StringColumn.create("bird_id");
        StringColumn nest = StringColumn.create("nest_id");
        for (int i = 0; i < rows.rowCount(); i++) {
            bird.append("b" + i % 20);
            nest.append("b" + (i * 7) % 25);
        }
        rows.addColumns(bird, nest);
        rows.setName("embedding fixture rows");
        return rows;
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String name = "fixture-" + args[1] + "-embeddings";
        Files.createDirectories(folder);
        Table rows = rows();
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("bird_id").embedding(3),
                        categorical("nest_id").embedding(3).sharedWith("bird_id"),
                        categorical("island").embedding(2).hashed(5),
                        text("note").vocabulary(4).embeddingBag(2))
                .trunk(dense(4), relu())
                .task("kind").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("mass").head(dense(1)).loss(mse()).metric(mae())
                .build()) {
            model.fit(rows, epochs(2), batchSize(16), adam(1e-2), quiet());
            System.out.println(model.save(folder.resolve(name + ".mtl4j")));
            rows.stringColumn("bird_id").set(0, "b999");   // unseen: the reserved vector
            rows.write().csv(folder.resolve(name + "-rows.csv").toFile());
            model.predict(rows).write().csv(folder.resolve(name + "-predictions.csv").toFile());
        }
    }
}
