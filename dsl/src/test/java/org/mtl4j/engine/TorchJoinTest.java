package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Torch#cat} and {@link Torch#stack} give what DJL's {@code NDArrays.concat} and {@code
 * stack} give (values, shape, the owning manager, a copy for one array) and leave refusing
 * arrays that do not fit to libtorch.
 */
class TorchJoinTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void catJoinsAlongAnAxisAsDjlDoes() {
        // GIVEN two matrices with the same number of rows, owned by a sub-manager
        try (NDManager step = manager.newSubManager()) {
            NDArray a = step.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = step.create(new float[] {5, 6}, new Shape(2, 1));

            // WHEN they are joined side by side and one after the other (flattened)
            NDArray side = Torch.cat(new NDList(a, b), 1);
            NDArray flat = Torch.cat(new NDList(a.reshape(-1), b.reshape(-1)), 0);

            // THEN the values and shapes are DJL's, and the first array's manager owns them
            assertThat(side.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(side.toFloatArray())
                    .containsExactly(NDArrays.concat(new NDList(a, b), 1).toFloatArray());
            assertThat(flat.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(side.getManager()).isSameAs(step);
        }
    }

    @Test
    void catOfOneArrayIsACopy() {
        NDArray a = manager.create(new float[] {1, 2});

        NDArray copy = Torch.cat(new NDList(a), 0);
        a.addi(manager.create(new float[] {10, 10}));

        assertThat(copy.toFloatArray()).containsExactly(1, 2);
    }

    @Test
    void stackAddsAnAxisAsDjlDoes() {
        NDArray a = manager.create(2f);
        NDArray b = manager.create(5f);

        NDArray stacked = Torch.stack(new NDList(a, b), 0);

        assertThat(stacked.getShape()).isEqualTo(new Shape(2));
        assertThat(stacked.toFloatArray()).containsExactly(2, 5);
    }

    @Test
    void arraysThatDoNotFitAreRefusedByLibtorch() {
        NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray b = manager.create(new float[] {5, 6, 7}, new Shape(3, 1));

        assertThatThrownBy(() -> Torch.cat(new NDList(a, b), 1))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Sizes of tensors must match");
    }

    @Test
    void anEmptyListIsRefusedWithWhatToPass() {
        assertThatThrownBy(() -> Torch.cat(new NDList(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Joining arrays needs at least one. Received: an empty list. Pass"
                        + " the arrays to join.");
    }
}
