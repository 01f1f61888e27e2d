package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.weighting.Weighting;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Embedding tables under every sharing architecture and the gradient-based weightings: they are
 * the first shared parameters, and they learn.
 */
class EmbeddingArchitecturesTest {

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String sharing : List.of("trunk", "mmoe", "ple", "crossStitch")) {
            for (Weighting weighting : List.of(equal(), pcgrad(), mgda(), cagrad(0.4),
                    uncertainty())) {
                cases.add(new Object[] {sharing, weighting});
            }
        }
        cases.add(new Object[] {"trunk", mgda().onTrunkOutput()});
        cases.add(new Object[] {"trunk", gradNorm(1.5)});
        return cases;
    }

    private static Table table() {
        Random random = new Random(4);
        StringColumn user = StringColumn.create("user");
        StringColumn review = StringColumn.create("review");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn a = DoubleColumn.create("a");
        DoubleColumn b = DoubleColumn.create("b");
        List<String> words = List.of("good", "bad", "fine", "great", "poor");
        for (int r = 0; r < 200; r++) {
            int u = random.nextInt(30);
            user.append("u" + u);
            int w = random.nextInt(5);
            review.append(words.get(w) + " " + words.get(random.nextInt(5)));
            x.append(random.nextGaussian());
            a.append(u % 3 + x.getDouble(r) + random.nextGaussian() * 0.1);
            b.append(w - u % 2 + random.nextGaussian() * 0.1);
        }
        return Table.create("t", user, review, x, a, b);
    }

    private static MultiTaskModel model(String sharing, Weighting weighting) {
        var inputs = multiTask().input(numeric("x"), categorical("user").embedding(4),
                text("review").vocabulary(10).embeddingBag(3));
        ModelBuilder shared = switch (sharing) {
            case "trunk" -> inputs.trunk(dense(8), relu());
            case "mmoe" -> inputs.experts(2, dense(8), relu()).gates();
            case "ple" -> inputs.experts(2, dense(8), relu()).taskExperts(1).levels(2).gates();
            default -> inputs.crossStitch(dense(8), relu());
        };
        return shared.task("a").head(dense(1)).loss(mse())
                .task("b").head(dense(1)).loss(mse())
                .weighting(weighting).build();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void tablesAreSharedParametersThatLearn(String sharing, Weighting weighting) {
        Table table = table();
        try (MultiTaskModel model = model(sharing, weighting)) {
            model.fit(table, epochs(1), seed(3), threads(1), quiet());
            List<Parameter> shared = model.parts().orElseThrow().block().sharedParameters();
            assertThat(shared.subList(0, 2)).extracting(Parameter::getName)
                    .containsExactly("table0", "table1");
            float[] user = shared.get(0).getArray().toFloatArray();
            float[] review = shared.get(1).getArray().toFloatArray();
            var run = model.fit(table, epochs(3), batchSize(32), adam(1e-2), seed(3), threads(1),
                    quiet());
            assertThat(shared.get(0).getArray().toFloatArray()).isNotEqualTo(user);
            assertThat(shared.get(1).getArray().toFloatArray()).isNotEqualTo(review);
            assertThat(run.history().lastEpoch().task("a").trainLoss()).isFinite();
            assertThat(run.history().lastEpoch().task("b").trainLoss()).isFinite();
        }
    }
}
