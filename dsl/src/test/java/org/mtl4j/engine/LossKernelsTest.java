package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtl4j.spec.losses.CrossEntropy;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.losses.MeanSquaredError;

/**
 * libtorch's loss operations as the trainer calls them: the values and the gradients of mtl4j's
 * losses in DJL operations, for the mean and per row, float32 and float64, with a garbage
 * collection between forward and backward; the arrays they give belong to the output's manager;
 * and they refuse what libtorch would refuse (returning null, the caller's sign to use DJL's
 * operations).
 */
class LossKernelsTest {

    private static final int ROWS = 37;
    private static final int CLASSES = 5;

    private NDManager manager;
    private Scalars scalars;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        manager.getEngine().setRandomSeed(11);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32, 1", "FLOAT32, 0", "FLOAT64, 1", "FLOAT64, 0"})
    void meanSquaredErrorMatchesDjlsOperations(DataType type, long reduction) {
        // GIVEN a one-output head's values and regression labels
        scalars = new Scalars(manager, type);
        NDArray output = manager.randomNormal(new Shape(ROWS, 1)).toType(type, false);
        NDArray labels = manager.randomNormal(new Shape(ROWS)).toType(type, false);
        // WHEN libtorch's mse_loss and mtl4j's mse() in DJL operations run, a GC in between
        // THEN values and gradients agree to float rounding
        assertKernelAgrees(output, labels, LossKernels::meanSquaredError, new MeanSquaredError(),
                type, reduction);
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32, 1", "FLOAT32, 0", "FLOAT64, 1", "FLOAT64, 0"})
    void crossEntropyMatchesDjlsOperations(DataType type, long reduction) {
        // GIVEN a head's logits and class indexes below its width (every class present)
        scalars = new Scalars(manager, type);
        NDArray output = manager.randomNormal(new Shape(ROWS, CLASSES)).mul(3)
                .toType(type, false);
        long[] classes = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            classes[r] = (r * 7L) % CLASSES;
        }
        NDArray labels = manager.create(classes);
        // WHEN libtorch's cross_entropy_loss and mtl4j's crossEntropy() run, a GC in between
        // THEN values and gradients agree to float rounding
        assertKernelAgrees(output, labels, LossKernels::crossEntropy, new CrossEntropy(), type,
                reduction);
    }

    @Test
    void theLossBelongsToTheOutputsManager() {
        // GIVEN an output in a sub-manager (as a training step's are)
        NDManager step = manager.newSubManager();
        NDArray output = step.randomNormal(new Shape(ROWS, CLASSES));
        NDArray labels = manager.zeros(new Shape(ROWS), DataType.INT64);
        // WHEN the kernel computes the loss and the step's manager closes
        NDArray loss = LossKernels.crossEntropy(output, labels, LossKernels.MEAN);
        assertThat(loss.getManager()).isSameAs(step);
        assertThat(loss.getShape()).isEqualTo(new Shape());
        step.close();
        // THEN the loss is freed with it
        assertThat(loss.isReleased()).isTrue();
    }

    @Test
    void whatLibtorchWouldRefuseIsLeftToDjl() {
        NDArray logits = manager.randomNormal(new Shape(ROWS, CLASSES));
        NDArray column = manager.randomNormal(new Shape(ROWS, 1));
        NDArray values = manager.randomNormal(new Shape(ROWS));
        NDArray classes = manager.zeros(new Shape(ROWS), DataType.INT64);
        // class labels as floats, one row too few, a matrix of labels
        assertThat(LossKernels.crossEntropy(logits, values, LossKernels.MEAN)).isNull();
        assertThat(LossKernels.crossEntropy(logits, manager.zeros(new Shape(ROWS - 1),
                DataType.INT64), LossKernels.MEAN)).isNull();
        assertThat(LossKernels.crossEntropy(logits, classes.reshape(ROWS, 1),
                LossKernels.MEAN)).isNull();
        // a head of two outputs, labels of another type or length
        assertThat(LossKernels.meanSquaredError(logits.get(":, :2"), values, LossKernels.MEAN))
                .isNull();
        assertThat(LossKernels.meanSquaredError(column, values.toType(DataType.FLOAT64, false),
                LossKernels.MEAN)).isNull();
        assertThat(LossKernels.meanSquaredError(column, values.get(":-1"), LossKernels.MEAN))
                .isNull();
        assertThat(LossKernels.state()).isEqualTo("libtorch's mse_loss and cross_entropy_loss");
    }

    @Test
    void aReductionLibtorchWouldNotTakeIsRefusedWithTheFix() {
        NDArray logits = manager.randomNormal(new Shape(ROWS, CLASSES));
        NDArray classes = manager.zeros(new Shape(ROWS), DataType.INT64);
        assertThatThrownBy(() -> LossKernels.crossEntropy(logits, classes, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A loss reduction must be LossKernels.NONE (0) or LossKernels.MEAN"
                        + " (1). Received: 2.");
    }

    private record Result(float[] loss, float[] gradient) {}

    /** A kernel's signature: output, labels, reduction. */
    private interface Kernel {
        NDArray apply(NDArray output, NDArray labels, long reduction);
    }

    private void assertKernelAgrees(NDArray output, NDArray labels, Kernel kernel, Loss loss,
            DataType type, long reduction) {
        Result fused = lossAndGradient(output, out -> kernel.apply(out, labels, reduction),
                reduction);
        Result djl = lossAndGradient(output, out ->
                reduce(loss.perExample(out, labels, scalars), reduction), reduction);
        assertAgree(fused, djl, type);
    }

    /**
     * The loss and its gradient by the output: for {@link LossKernels#NONE}, of the rows'
     * losses weighted 1, 2, 3, … (so each row's own gradient shows).
     */
    private Result lossAndGradient(NDArray values, Function<NDArray, NDArray> loss,
            long reduction) {
        NDArray output = values.duplicate();
        output.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.apply(output);
            assertThat(value).isNotNull();
            NDArray objective = reduction == LossKernels.MEAN ? value
                    : value.mul(manager.arange(1, ROWS + 1).toType(value.getDataType(), false))
                            .sum();
            System.gc();
            collector.backward(objective);
            return new Result(value.toType(DataType.FLOAT32, false).toFloatArray(),
                    output.getGradient().toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    private static NDArray reduce(NDArray perExample, long reduction) {
        return reduction == LossKernels.MEAN ? perExample.mean() : perExample;
    }

    private static void assertAgree(Result kernel, Result djl, DataType type) {
        float tolerance = type == DataType.FLOAT32 ? 1e-5f : 1e-6f;
        assertThat(kernel.loss()).hasSameSizeAs(djl.loss());
        assertThat(kernel.loss()).containsExactly(djl.loss(), within(tolerance));
        assertThat(kernel.gradient()).containsExactly(djl.gradient(), within(tolerance));
        assertThat(kernel.gradient()).isNotEqualTo(new float[kernel.gradient().length]);
    }
}
