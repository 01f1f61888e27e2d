package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Real training on a synthetic set with planted task relations: the affinity finds the related
 * pairs and the grouping recovers them.
 */
class TaskAffinityPlantedTest {

    private static final List<String> TASKS = List.of("a", "b", "c", "d", "e");

    /**
     * x1 … x6 standard normal, u = x1 + x2, v = x3 − x4. Two related pairs: a and b are u plus
     * independent noise, c and d are v plus noise; e = −(u + v) + x5 plus noise competes with
     * both pairs for the trunk's few units. Noise: N(0, 0.3²).
     */
    static Table planted(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[6][rows];
        double[][] y = new double[5][rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 6; k++) {
                x[k][r] = random.nextGaussian();
            }
            double u = x[0][r] + x[1][r];
            double v = x[2][r] - x[3][r];
            y[0][r] = u + 0.3 * random.nextGaussian();
            y[1][r] = u + 0.3 * random.nextGaussian();
            y[2][r] = v + 0.3 * random.nextGaussian();
            y[3][r] = v + 0.3 * random.nextGaussian();
            y[4][r] = -(u + v) + x[4][r] + 0.3 * random.nextGaussian();
        }
        Table table = Table.create("planted");
        for (int k = 0; k < 6; k++) {
            table.addColumns(DoubleColumn.create("x" + (k + 1), x[k]));
        }
        for (int t = 0; t < 5; t++) {
            table.addColumns(DoubleColumn.create(TASKS.get(t), y[t]));
        }
        return table;
    }

    private static TrainingHistory fit(long seed) {
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6"))
                .trunk(dense(4), relu())
                .task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse())
                .task("c").head(dense(1)).loss(mse())
                .task("d").head(dense(1)).loss(mse())
                .task("e").head(dense(1)).loss(mse())
                .build()) {
            return model.fit(planted(800, seed), epochs(15), batchSize(64), adam(1e-2),
                    seed(seed), taskAffinity().every(2), quiet()).history();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void affinityIsHigherWithinTheRelatedPairsAndTheGroupingRecoversThem(long seed) {
        TrainingHistory history = fit(seed);
        AffinityMatrix average = AffinityMatrix.of(history);

        // within each pair, both ways, the affinity beats every affinity across the planted
        // groups {a, b}, {c, d}, {e}
        List<List<String>> planted = List.of(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        double weakestWithin = Math.min(
                Math.min(average.value("a", "b"), average.value("b", "a")),
                Math.min(average.value("c", "d"), average.value("d", "c")));
        assertThat(weakestWithin).isPositive();
        for (String from : TASKS) {
            for (String to : TASKS) {
                if (!group(planted, from).equals(group(planted, to))) {
                    assertThat(average.value(from, to)).as("%s → %s", from, to)
                            .isLessThan(weakestWithin);
                }
            }
        }

        // the grouping: three groups are the planted ones; two groups of the paired tasks are
        // the pairs; two groups of all five keep the pairs apart (e joins either)
        assertThat(TaskGroups.suggest(history, 3).best().groups())
                .containsExactlyElementsOf(planted);
        assertThat(TaskGroups.suggest(average.only("a", "b", "c", "d"), 2).best().groups())
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
        List<List<String>> two = TaskGroups.suggest(history, 2).best().groups();
        assertThat(group(two, "a")).contains("b").doesNotContain("c", "d");
        assertThat(group(two, "c")).contains("d").doesNotContain("a", "b");
    }

    private static List<String> group(List<List<String>> groups, String task) {
        return groups.stream().filter(g -> g.contains(task)).findFirst().orElseThrow();
    }
}
