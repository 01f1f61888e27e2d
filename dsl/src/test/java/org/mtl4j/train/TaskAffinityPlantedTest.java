package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.TaskRelationsData;

/**
 * Real training on a synthetic set with planted task relations ({@link TaskRelationsData}: pairs
 * {a, b} and {c, d}, which conflict in a four-unit trunk, and e apart): the affinity finds the
 * related pairs and the grouping recovers them.
 */
class TaskAffinityPlantedTest {

    private static final List<String> TASKS = List.of("a", "b", "c", "d", "e");

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
            return model.fit(TaskRelationsData.table(800, seed), epochs(15), batchSize(64), adam(1e-2),
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
