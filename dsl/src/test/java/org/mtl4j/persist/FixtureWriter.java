package org.mtl4j.persist;

import static org.mtl4j.Mtl4j.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;

/**
 * Writes the format fixture {@link FormatFixtureTest} loads: a model of 60 parameters (numeric,
 * categorical and text inputs; a class task and a scaled regression; uncertainty weighting),
 * its input rows and its predictions. Run it only when the format version changes, into a new
 * file name, and keep the old fixtures: they are what keeps old files loadable.
 *
 * <p>{@code java -cp <dsl test class path> org.mtl4j.persist.FixtureWriter
 * dsl/src/test/resources/org/mtl4j/persist v1}
 */
public final class FixtureWriter {

    private FixtureWriter() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String version = args[1];
        Files.createDirectories(folder);
        Table rows = SaveLoadTest.table(40, 11);
        rows.setName("fixture rows");
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("island"), text("note").vocabulary(4))
                .trunk(dense(4), relu())
                .task("kind").head(dense(3)).loss(crossEntropy()).metric(accuracy())
                .task("mass").head(dense(1)).loss(mse()).metric(mae())
                .weighting(uncertainty())
                .build()) {
            model.fit(rows, epochs(2), batchSize(16), adam(1e-2), quiet());
            System.out.println(model.save(folder.resolve("fixture-" + version + ".mtl4j")));
            rows.write().csv(folder.resolve("fixture-" + version + "-rows.csv").toFile());
            model.predict(rows).write()
                    .csv(folder.resolve("fixture-" + version + "-predictions.csv").toFile());
        }
    }
}
