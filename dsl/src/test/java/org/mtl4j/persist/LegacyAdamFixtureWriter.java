package org.mtl4j.persist;

import static org.mtl4j.Mtl4j.*;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.OptimizerSpec;
import org.mtl4j.train.StepRecord;
import tech.tablesaw.api.Table;

/**
 * Wrote the fixtures of {@code LegacyAdamFileTest} with the code of the commit that added it,
 * whose fits could still use DJL's own Adam ({@code -Dmtl4j.fusedAdam=false}) and whose
 * uncertainty weighting updated its log-variances with DJL's Adam: three epochs saved, then the
 * step losses and weights of three more epochs of the same model.
 *
 * <p>{@code java -cp <dsl test class path> org.mtl4j.persist.LegacyAdamFixtureWriter
 * dsl/src/test/resources/org/mtl4j/persist}
 */
public final class LegacyAdamFixtureWriter {

    private LegacyAdamFixtureWriter() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        System.setProperty("mtl4j.fusedAdam", "false");
        try {
            write(folder, "djl-adam-v1", SaveLoadTest.model(), adam(1e-2), 32);
            write(folder, "djl-adamw-v1", SaveLoadTest.model(), adamW(1e-2).weightDecay(0.05), 32);
        } finally {
            System.clearProperty("mtl4j.fusedAdam");
        }
        write(folder, "uncertainty-djl-adam-v1", multiTask()
                .input(numeric("x1", "x2"), categorical("island"))
                .trunk(dense(8), relu())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .task("mass").head(dense(1)).loss(huber())
                .weighting(uncertainty())
                .build(), adam(1e-2), 16);
    }

    private static void write(Path folder, String name, MultiTaskModel model,
            OptimizerSpec optimizer, int batch) throws IOException {
        Table data = SaveLoadTest.table(120, 6);
        try (model) {
            model.fit(data, epochs(3), batchSize(batch), optimizer, quiet());
            System.out.println(model.save(folder.resolve(name + ".mtl4j")));
            int saved = model.history().steps().size();
            model.fit(data, epochs(3), batchSize(batch), optimizer, quiet());
            List<StepRecord> steps = model.history().steps();
            double[][] losses = new double[steps.size() - saved][];
            double[][] weights = new double[steps.size() - saved][];
            for (int s = saved; s < steps.size(); s++) {
                losses[s - saved] = steps.get(s).losses();
                weights[s - saved] = steps.get(s).weights();
            }
            Files.writeString(folder.resolve(name + "-continued.json"),
                    new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(
                            java.util.Map.of("losses", losses, "weights", weights)));
        }
    }
}
