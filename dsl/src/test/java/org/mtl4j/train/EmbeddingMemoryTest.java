package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.data.Split;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.inputs.Input;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The uploaded features of an embedded column are one index per row, not one slot per level: N
 * rows of 10 000 levels take N × 1 numbers on the device (one-hot: N × 10 000).
 */
class EmbeddingMemoryTest {

    private static final int LEVELS = 10_000;
    private static final int ROWS = 20_000;

    private static Table table() {
        Random random = new Random(7);
        StringColumn user = StringColumn.create("user_id");
        StringColumn review = StringColumn.create("review");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn y = DoubleColumn.create("y");
        for (int r = 0; r < ROWS; r++) {
            user.append("u" + (r < LEVELS ? r : random.nextInt(LEVELS)));
            review.append(r % 2 == 0 ? "good good value" : "bad");
            x.append(random.nextGaussian());
            y.append(random.nextGaussian());
        }
        return Table.create("users", user, review, x, y);
    }

    private static Shape uploaded(Table table, Input... inputs) {
        ModelSpec spec = multiTask().input(inputs).trunk(dense(4), relu())
                .task("y").head(dense(1)).loss(mse()).build().spec();
        int[] rows = Split.allRows(table.rowCount());
        try (ModelParts parts = ModelParts.create(spec, table, rows, Device.cpu(),
                        DataType.FLOAT32);
                NDManager manager = parts.manager().newSubManager()) {
            DeviceSplit split = DeviceSplit.upload(parts, table, rows, manager);
            NDArray features = split.features(manager, 0, ROWS);
            Batch batch = split.batch(manager, new int[] {5, 3, 1});
            assertThat(batch.features().getShape().get(0)).isEqualTo(3);
            assertThat(batch.features().getShape().get(1))
                    .isEqualTo(features.getShape().get(1));
            assertThat(features.getDataType().getNumOfBytes() * features.size())
                    .isEqualTo(4L * features.size());
            return features.getShape();
        }
    }

    @Test
    void anEmbeddedColumnUploadsOneIndexPerRow() {
        Table table = table();
        // numeric x, then the user's index: 2 numbers a row, 160 000 bytes for 20 000 rows
        assertThat(uploaded(table, numeric("x"), categorical("user_id").embedding(32)))
                .isEqualTo(new Shape(ROWS, 2));
        // a bag of tokens: the longest training row's 3 token indices
        assertThat(uploaded(table, numeric("x"), text("review").embeddingBag(16)))
                .isEqualTo(new Shape(ROWS, 1 + 3));
        // the same column one-hot: one slot per level
        assertThat(uploaded(table, numeric("x"), categorical("user_id")))
                .isEqualTo(new Shape(ROWS, 1 + LEVELS));
    }
}
