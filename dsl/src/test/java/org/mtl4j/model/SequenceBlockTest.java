package org.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blocks {@link Blocks#sequence} builds remember that they are initialised, and keep DJL's
 * child and parameter names (saved files, messages and task addition's copy use them).
 */
class SequenceBlockTest {

    @Test
    void aSequenceKeepsDjlsNamesAndRemembersItIsInitialised() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // GIVEN a sequence of two dense layers and a ReLU
            Block block = Blocks.sequence(List.of(dense(4), relu(), dense(2)));
            assertThat(block.isInitialized()).isFalse();

            // WHEN it is initialised and runs a training forward
            block.initialize(manager, DataType.FLOAT32, new Shape(3, 5));
            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(3, 5))), true);

            // THEN it says so, its layers are DJL's Linear and named as DJL names them
            assertThat(block.isInitialized()).isTrue();
            assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(3, 2));
            assertThat(block.getChildren().get(0).getValue()).isInstanceOf(Linear.class);
            assertThat(block.getChildren().get(0).getValue().isInitialized()).isTrue();
            assertThat(block.getParameters().keys()).containsExactly("01Linear_weight",
                    "01Linear_bias", "03Linear_weight", "03Linear_bias");
            assertThat(block.getChildren().keys()).containsExactly("01Linear",
                    "02LambdaBlock", "03Linear");
            // and task addition's copy of trained values tells the two layers apart
            assertThat(TrainedValues.places(block).keySet()).containsExactly(
                    "01Linear/weight", "01Linear/bias", "03Linear/weight", "03Linear/bias");
        }
    }
}
