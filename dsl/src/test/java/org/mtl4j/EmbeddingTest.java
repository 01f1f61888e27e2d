package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Embedded categorical columns: learning per level, unseen levels, hashing, shared tables. */
class EmbeddingTest {

    /** {@code rows} rows of a user id among {@code users} levels, y = effect(user) + noise. */
    private static Table users(int users, int rows, long seed, double[] effect) {
        Random random = new Random(seed);
        StringColumn user = StringColumn.create("user_id");
        DoubleColumn y = DoubleColumn.create("y");
        for (int r = 0; r < rows; r++) {
            int u = r < users ? r : random.nextInt(users);   // every level at least once
            user.append("u" + u);
            y.append(effect[u] + 0.3 * random.nextGaussian());
        }
        return Table.create("users", user, y);
    }

    private static double[] effects(int users) {
        Random random = new Random(1);
        double[] effect = new double[users];
        for (int u = 0; u < users; u++) {
            effect[u] = random.nextGaussian();
        }
        return effect;
    }

    private static List<Parameter> tables(MultiTaskModel model) {
        return model.parts().orElseThrow().block().getParameters().values().stream()
                .filter(p -> p.getName().startsWith("table")).toList();
    }

    private static MultiTaskModel userModel() {
        return multiTask().input(categorical("user_id").embedding(8))
                .trunk(dense(16), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae())
                .build();
    }

    private static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void tenThousandLevelsLearnTheirPlantedEffects() {
        // GIVEN 10 000 users, each with a planted effect, about 8 noisy rows per user
        int levels = 10_000;
        double[] effect = effects(levels);
        Table train = users(levels, 80_000, 2, effect);
        try (MultiTaskModel model = userModel()) {
            // WHEN the embedded column trains
            model.fit(train, epochs(6), batchSize(256), adam(1e-2), seed(5), threads(1),
                    quiet());
            // THEN its predictions for every level follow the planted effect (chance: 0)
            StringColumn all = StringColumn.create("user_id");
            for (int u = 0; u < levels; u++) {
                all.append("u" + u);
            }
            double[] predicted = model.predict(Table.create("all", all))
                    .numberColumn("y").asDoubleArray();
            double r = correlation(predicted, effect);
            System.out.println("10 000 levels: correlation of prediction and planted effect "
                    + r);
            assertThat(r).isGreaterThan(0.8);
            assertThat(model.summary()).contains("user_id: embedding(8) in table 'user_id' of"
                    + " 10001 rows (10000 levels + 1 reserved)");
        }
    }

    @Test
    void parameterCountsMatchAHandCount() {
        // GIVEN 30 users as 4 numbers, a number, a bag of 3 over 16 buckets, trunk 8, head 1
        Table table = users(30, 300, 3, effects(30));
        table.addColumns(DoubleColumn.create("x", new double[300]),
                StringColumn.create("note", java.util.Collections.nCopies(300, "a b")));
        try (MultiTaskModel model = multiTask()
                .input(numeric("x"), categorical("user_id").embedding(4),
                        text("note").buckets(16).embeddingBag(3))
                .trunk(dense(8), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            model.fit(table, epochs(1), seed(5), threads(1), quiet());
            // tables (30 + 1) × 4 and (16 + 1) × 3; trunk (1 + 4 + 3) × 8 + 8; head 8 + 1
            long expected = 31 * 4 + 17 * 3 + (8 * 8 + 8) + (8 + 1);
            assertThat(org.mtl4j.model.MultiTaskBlock.parameterCount(
                    model.parts().orElseThrow().block())).isEqualTo(expected);
            assertThat(tables(model)).extracting(p -> p.getArray().getShape().toString())
                    .containsExactly("(31, 4)", "(17, 3)");
            assertThat(model.summary()).contains("-> 8 features");
        }
    }

    @Test
    void unseenAndMissingLevelsUseTheReservedVector() {
        double[] effect = effects(50);
        try (MultiTaskModel model = userModel()) {
            model.fit(users(50, 500, 3, effect), epochs(2), seed(5), threads(1), quiet());
            StringColumn user = StringColumn.create("user_id");
            user.append("never-seen");
            user.append("another-new-one");
            user.appendMissing();
            user.append("u3");
            double[] predicted = model.predict(Table.create("new", user))
                    .numberColumn("y").asDoubleArray();
            assertThat(predicted[1]).isEqualTo(predicted[0]);
            assertThat(predicted[2]).isEqualTo(predicted[0]);
            assertThat(predicted[3]).isNotEqualTo(predicted[0]);
        }
    }

    /** The documented row of a hashed level: 1 + (MurmurHash3 finaliser of hashCode) mod n. */
    private static int documentedRow(String level, int buckets) {
        int h = level.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return 1 + Math.floorMod(h, buckets);
    }

    @Test
    void hashedLevelsThatCollideShareTheirVector() {
        // GIVEN 4 buckets and levels whose documented rows collide or not
        int buckets = 4;
        String first = "u0";
        String same = null;
        String other = null;
        for (int u = 1; same == null || other == null; u++) {
            if (documentedRow("u" + u, buckets) == documentedRow(first, buckets)) {
                same = same == null ? "u" + u : same;
            } else {
                other = other == null ? "u" + u : other;
            }
        }
        try (MultiTaskModel model = multiTask()
                .input(categorical("user_id").embedding(3).hashed(buckets))
                .trunk(dense(8), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            model.fit(users(50, 300, 3, effects(50)), epochs(2), seed(5), threads(1), quiet());
            StringColumn user = StringColumn.create("user_id",
                    List.of(first, same, other, "a level never seen at all"));
            double[] predicted = model.predict(Table.create("q", user))
                    .numberColumn("y").asDoubleArray();
            // THEN colliding levels predict alike, others not, and nothing is a level map
            assertThat(predicted[1]).isEqualTo(predicted[0]);
            assertThat(predicted[2]).isNotEqualTo(predicted[0]);
            List<Parameter> tables = tables(model);
            assertThat(tables).hasSize(1);
            assertThat(tables.get(0).getArray().getShape().getShape())
                    .containsExactly(buckets + 1, 3);
            assertThat(model.summary()).contains("4 hashed buckets + 1 reserved");
        }
    }

    private static Table matches(int rows, long seed) {
        Random random = new Random(seed);
        StringColumn home = StringColumn.create("home");
        StringColumn away = StringColumn.create("away");
        DoubleColumn goals = DoubleColumn.create("goals");
        for (int r = 0; r < rows; r++) {
            int h = random.nextInt(10);
            int a = 10 + random.nextInt(3);   // away-only teams t10..t12
            home.append("t" + h);
            away.append("t" + a);
            goals.append(h - 0.5 * a + random.nextGaussian());
        }
        return Table.create("matches", home, away, goals);
    }

    @Test
    void sharedTableIsOneParameterOverTheLevelsOfBothColumns() {
        try (MultiTaskModel model = multiTask()
                .input(categorical("home").embedding(4),
                        categorical("away").embedding(4).sharedWith("home"))
                .trunk(dense(8), relu()).task("goals").head(dense(1)).loss(mse()).build()) {
            model.fit(matches(400, 4), epochs(2), seed(5), threads(1), quiet());
            List<Parameter> tables = tables(model);
            assertThat(tables).hasSize(1);
            // 10 home teams and 3 away-only teams, plus the reserved row
            assertThat(tables.get(0).getArray().getShape().getShape()).containsExactly(14, 4);
            assertThat(model.summary()).contains("away: embedding(4) in table 'home' of 14 rows");
        }
    }

    private static StringColumn day(int rows) {
        StringColumn day = StringColumn.create("day");
        for (int r = 0; r < rows; r++) {
            day.append("d" + r % 9);
        }
        return day;
    }

    private static DoubleColumn minute(int rows) {
        DoubleColumn minute = DoubleColumn.create("minute");
        for (int r = 0; r < rows; r++) {
            minute.append(r % 90);
        }
        return minute;
    }

    @Test
    void savedAndLoadedModelsKeepTheLevelMapsAndPredictTheSame(@TempDir Path folder)
            throws Exception {
        Table train = matches(300, 6);
        train.addColumns(StringColumn.create("note", java.util.Collections.nCopies(
                train.rowCount(), "good match, great goals")), day(train.rowCount()),
                minute(train.rowCount()));
        try (MultiTaskModel model = multiTask()
                .input(numeric("minute"), categorical("home").embedding(4),
                        categorical("away").embedding(4).sharedWith("home"),
                        categorical("day").embedding(2).hashed(7),
                        text("note").vocabulary(10).embeddingBag(3).sum())
                .experts(2, dense(4), relu()).gates()
                .task("goals").head(dense(1)).loss(mse())
                .build()) {
            model.fit(train, epochs(2), seed(5), threads(1), quiet());
            Path file = folder.resolve("m.mtl4j");
            model.save(file);
            Table query = matches(40, 9).selectColumns("home", "away");
            query.addColumns(StringColumn.create("note", java.util.Collections.nCopies(
                    query.rowCount(), "great match and unseen words")), day(query.rowCount()),
                    minute(query.rowCount()));
            query.stringColumn("home").set(0, "a new team");
            Table before = model.predict(query);
            try (MultiTaskModel loaded = MultiTaskModel.load(file)) {
                Table after = loaded.predict(query);
                assertThat(after.numberColumn("goals").asDoubleArray())
                        .containsExactly(before.numberColumn("goals").asDoubleArray());
                assertThat(loaded.summary()).isEqualTo(model.summary());
            }
            assertThat(Files.size(file)).isPositive();
        }
    }

    @Test
    void badEmbeddingSettingsSayWhatToDo() {
        assertThatThrownBy(() -> categorical("user_id").embedding(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categorical(\"user_id\").embedding(0) needs a dimension of at least"
                        + " 1. Received: embedding(0). Use e.g. embedding(32).");
        assertThatThrownBy(() -> categorical("user_id").embedding(32).hashed(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categorical(\"user_id\").embedding(32).hashed(1) needs between 2 and"
                        + " 16777215 buckets. Received: hashed(1). Use e.g. hashed(100000).");
        assertThatThrownBy(() -> multiTask()
                .input(categorical("home"), categorical("away").embedding(4).sharedWith("home"))
                .trunk(dense(4)).task("y").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categorical(\"away\").embedding(4).sharedWith(\"home\"): column"
                        + " 'home' is not an embedded categorical column. Received: embedded"
                        + " columns [away]. Declare it with categorical(\"home\").embedding(4),"
                        + " or remove .sharedWith(\"home\").");
        assertThatThrownBy(() -> multiTask()
                .input(categorical("home").embedding(8),
                        categorical("away").embedding(4).sharedWith("home"))
                .trunk(dense(4)).task("y").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categorical(\"away\").embedding(4).sharedWith(\"home\") shares the"
                        + " table of 'home', which has another dimension or hashing. Received:"
                        + " categorical(\"home\").embedding(8). Use the same .embedding(n) and"
                        + " .hashed(n) on both.");
        assertThatThrownBy(() -> multiTask()
                .input(categorical("home").embedding(8), categorical("home").embedding(2))
                .trunk(dense(4)).task("y").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'home' is embedded twice. Received: categorical(\"home\")"
                        + ".embedding(8) and categorical(\"home\").embedding(2). Keep one, or"
                        + " copy the column under another name.");
        assertThatThrownBy(() -> text("review").embeddingBag(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text(\"review\").embeddingBag(-1) needs a dimension of at least 1."
                        + " Received: embeddingBag(-1). Use e.g. embeddingBag(64).");
    }
}
