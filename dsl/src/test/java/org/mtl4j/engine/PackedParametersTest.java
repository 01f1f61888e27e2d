package org.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model's parameters as views of one vector: values, shapes, names and gradients kept; the
 * vector moves every parameter; in-place writes keep the sharing; a replaced array is noticed.
 */
class PackedParametersTest {

    /** A manager per test (JUnit makes an instance per test method). */
    private final NDManager manager = NDManager.newBaseManager("PyTorch");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void packsTheValuesIntoOneVectorThatMovesEveryParameter() {
        // GIVEN a 2×3 matrix that takes a gradient, a vector of 2 and a frozen vector of 1
        Parameter matrix = parameter("w", manager.arange(6f).reshape(2, 3), true);
        Parameter bias = parameter("b", manager.create(new float[] {10, 11}), true);
        Parameter frozen = parameter("s", manager.create(new float[] {20}), false);

        // WHEN they are packed
        PackedParameters packed = PackedParameters.of(List.of(matrix, bias, frozen));

        // THEN one vector holds the values in order, each from a multiple of 16 floats (64
        // bytes), and each parameter keeps shape, name, values and whether it takes a gradient
        assertThat(packed.offsets()).containsExactly(0, 16, 32, 48);
        assertThat(values(packed)).containsExactly(0, 1, 2, 3, 4, 5, 10, 11, 20);
        assertThat(matrix.getArray().getShape()).isEqualTo(new Shape(2, 3));
        assertThat(matrix.getArray().getName()).isEqualTo("w");
        assertThat(bias.getArray().toFloatArray()).containsExactly(10, 11);
        assertThat(matrix.getArray().hasGradient()).isTrue();
        assertThat(frozen.getArray().hasGradient()).isFalse();
        assertThat(packed.intact()).isTrue();

        // AND a change of the vector is a change of every parameter
        try (NoGrad ignored = new NoGrad()) {
            packed.flat().subi(manager.ones(new Shape(48)));
        }
        assertThat(matrix.getArray().toFloatArray()).containsExactly(-1, 0, 1, 2, 3, 4);
        assertThat(frozen.getArray().toFloatArray()).containsExactly(19);

        // AND a backward leaves the view a gradient of its own shape
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(manager.ones(new Shape(4, 2)).matMul(matrix.getArray()).sum());
        }
        assertThat(matrix.getArray().getGradient().toFloatArray())
                .containsExactly(4, 4, 4, 4, 4, 4);
    }

    @Test
    void eachParameterStartsOn64BytesSoThatItComputesExactlyAsASeparateArray() {
        // GIVEN a bias of 3 values, then a 1×64 weight (back to back, it would start at float
        // 3), and the same weight as a separate array
        Parameter bias = parameter("b", manager.create(new float[] {1, 2, 3}), true);
        NDArray values = manager.randomNormal(new Shape(1, 64));
        NDArray separate = values.duplicate();
        Parameter weight = parameter("w", values, true);

        // WHEN they are packed
        PackedParameters packed = PackedParameters.of(List.of(bias, weight));

        // THEN the weight starts at float 16 (64 bytes) with zeros before it, and a product
        // with it gives the separate array's bits (libtorch's kernels round differently for a
        // differently aligned operand)
        assertThat(packed.offsets()).containsExactly(0, 16, 80);
        assertThat(packed.flat().toFloatArray()).hasSize(80)
                .startsWith(1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        NDArray input = manager.randomNormal(new Shape(50, 64));
        assertThat(Linear.linear(input, weight.getArray()).head().toFloatArray())
                .containsExactly(Linear.linear(input, separate).head().toFloatArray());
    }

    @Test
    void overwriteKeepsAPackedParameterInTheVectorWhereDjlsSetCutsItOff() {
        // GIVEN two packed parameters
        Parameter first = parameter("a", manager.create(new float[] {1, 2}), true);
        Parameter second = parameter("b", manager.create(new float[] {3, 4}), true);
        PackedParameters packed = PackedParameters.of(List.of(first, second));

        // WHEN the first is overwritten in place
        PackedParameters.overwrite(first.getArray(), new float[] {7, 8});

        // THEN the vector holds the new values, and still moves the parameter
        assertThat(values(packed)).containsExactly(7, 8, 3, 4);
        try (NoGrad ignored = new NoGrad()) {
            packed.flat().subi(manager.ones(new Shape(32)));
        }
        assertThat(first.getArray().toFloatArray()).containsExactly(6, 7);

        // AND DJL's set(Buffer), which overwrite stands in for, gives the array new storage:
        // the vector no longer sees the parameter (why every write to a parameter goes through
        // overwrite)
        second.getArray().set(FloatBuffer.wrap(new float[] {9, 9}));
        assertThat(values(packed)).containsExactly(6, 7, 2, 3);
    }

    @Test
    void overwriteFromDoublesIsExactInFloat64() {
        Parameter wide = parameter("d", manager.zeros(new Shape(2), DataType.FLOAT64), true);
        PackedParameters.of(List.of(wide));

        PackedParameters.overwrite(wide.getArray(), new double[] {0.1, 1e-300});

        assertThat(wide.getArray().toDoubleArray()).containsExactly(0.1, 1e-300);
    }

    @Test
    void ofKeepsAnIntactPackingAndPacksAgainWhenAnArrayWasReplaced() {
        Parameter first = parameter("a", manager.create(new float[] {1, 2}), true);
        Parameter second = parameter("b", manager.create(new float[] {3}), true);
        List<Parameter> parameters = List.of(first, second);
        PackedParameters packed = PackedParameters.of(parameters);
        assertThat(PackedParameters.of(parameters)).isSameAs(packed);

        // WHEN a parameter is given another array (as DJL's Parameter.load does)
        second.close();
        second.setShape(null);
        second.setArray(manager.create(new float[] {5}));

        // THEN the packing says so, and packing again takes the new values
        assertThat(packed.intact()).isFalse();
        PackedParameters again = PackedParameters.of(parameters);
        assertThat(again).isNotSameAs(packed);
        assertThat(values(again)).containsExactly(1, 2, 5);
        assertThat(again.intact()).isTrue();
    }

    @Test
    void parametersOfDifferentDataTypesStayAsTheyAre() {
        Parameter narrow = parameter("f", manager.ones(new Shape(2)), true);
        NDArray wideArray = manager.ones(new Shape(2), DataType.FLOAT64);
        Parameter wide = parameter("d", wideArray, true);

        assertThat(PackedParameters.of(List.of(narrow, wide))).isNull();
        assertThat(wide.getArray()).isSameAs(wideArray);
    }

    /** The parameters' values in the vector, without the gaps between them. */
    private static float[] values(PackedParameters packed) {
        float[] flat = packed.flat().toFloatArray();
        long[] offsets = packed.offsets();
        int count = 0;
        for (int i = 0; i < offsets.length - 1; i++) {
            count += (int) packed.parameters().get(i).getArray().size();
        }
        float[] values = new float[count];
        int at = 0;
        for (int i = 0; i < offsets.length - 1; i++) {
            int size = (int) packed.parameters().get(i).getArray().size();
            System.arraycopy(flat, (int) offsets[i], values, at, size);
            at += size;
        }
        return values;
    }

    private static Parameter parameter(String name, NDArray values, boolean gradient) {
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optRequiresGrad(gradient).optArray(values).build();
        values.setRequiresGradient(gradient);
        return parameter;
    }
}
