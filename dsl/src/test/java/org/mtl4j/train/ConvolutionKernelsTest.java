package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.GarbageCollections;
import org.mtl4j.data.Split;
import org.mtl4j.datasets.ImagePixels;
import org.mtl4j.engine.ConvolutionKernels;
import org.mtl4j.engine.Scalars;
import org.mtl4j.engine.Torch;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.weighting.WeightingContext;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Float32 convolution gradients stay finite and repeatable with garbage collections forced
 * between forward and backward. With libtorch's oneDNN kernels ({@code -Dmtl4j.onednn=true}) this
 * failed within a few steps on an AMD EPYC: NaN in the first convolution's weight and bias
 * gradients (see {@link ConvolutionKernels}). Float64, which the finite-difference checks use,
 * never takes oneDNN's path, so only a float32 model shows it.
 */
class ConvolutionKernelsTest {

    private static final int STEPS = 20;

    @Test
    void buildingAModelTurnsOneDnnAndNnpackOff() {
        try (ModelParts ignored = parts(spec(), table(10, new Random(1)))) {
            assertThat(ConvolutionKernels.state()).isEqualTo(
                    Boolean.getBoolean(ConvolutionKernels.PROPERTY)
                            ? "oneDNN and NNPACK left on (-Dmtl4j.onednn=true)"
                            : ConvolutionKernels.OWN);
        }
    }

    @Test
    void convolutionGradientsStayFiniteAndRepeatAcrossCollections() {
        // GIVEN two stacked convolutions of 8 and 20 filters on 36 × 36 images, in float32, and
        // one batch of 32 random images
        ModelSpec spec = spec();
        Table table = table(32, new Random(5));
        try (ModelParts parts = parts(spec, table);
                NDManager fit = parts.manager().newSubManager()) {
            int[] rows = Split.allRows(table.rowCount());
            Scalars scalars = new Scalars(fit, DataType.FLOAT32);
            Batch batch = DeviceSplit.upload(parts, table, rows, fit).batch(fit, rows);
            List<Loss> losses = spec.tasks().stream().map(TaskSpec::loss).toList();
            TrainingStep step = new TrainingStep(parts.block(), spec.taskNames(), losses,
                    new ParameterStore(fit, false), scalars,
                    spec.weighting().start(new WeightingContext(spec.taskNames(), fit, scalars,
                            List.of(), 0L, () -> null)),
                    GarbageCollections::force);

            // WHEN the same step runs again and again, with collections before each backward
            List<String> names = new ArrayList<>(parts.block().getParameters().keys());
            List<float[]> first = null;
            for (int run = 1; run <= STEPS; run++) {
                try (NDManager scope = fit.newSubManager()) {
                    step.run(batch, scope);
                }
                List<float[]> gradients = gradients(parts);

                // THEN every gradient is finite and the same as the first run's
                for (int p = 0; p < gradients.size(); p++) {
                    float[] values = gradients.get(p);
                    assertThat(nonFinite(values)).as("run %d: non-finite values in the"
                            + " gradient of %s", run, names.get(p)).isZero();
                    if (first != null) {
                        assertThat(differing(values, first.get(p))).as("run %d: values of the"
                                + " gradient of %s unlike run 1's", run, names.get(p)).isZero();
                    }
                }
                if (first == null) {
                    first = gradients;
                }
            }
        }
    }

    private static ModelSpec spec() {
        return multiTask()
                .input(image("image", 1, 36, 36))
                .trunk(conv2d(8, 5), conv2d(20, 5), flatten())
                .task("digit").head(dense(10)).loss(crossEntropy())
                .build()
                .spec();
    }

    private static ModelParts parts(ModelSpec spec, Table table) {
        return ModelParts.create(spec, table, Split.allRows(table.rowCount()), Device.cpu(),
                DataType.FLOAT32);
    }

    /** Each parameter's gradient, copied, then zeroed for the next run. */
    private static List<float[]> gradients(ModelParts parts) {
        List<float[]> gradients = new ArrayList<>();
        for (Parameter parameter : parts.block().getParameters().values()) {
            try (var gradient = Torch.gradient(parameter.getArray())) {
                gradients.add(gradient.toFloatArray());
            }
            Torch.zeroGradient(parameter.getArray());
        }
        return gradients;
    }

    private static int nonFinite(float[] values) {
        int count = 0;
        for (float value : values) {
            count += Float.isFinite(value) ? 0 : 1;
        }
        return count;
    }

    /** How many values differ ({@code !=}: a zero equals a negative zero). */
    private static int differing(float[] values, float[] reference) {
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            count += values[i] != reference[i] ? 1 : 0;
        }
        return count;
    }

    private static Table table(int rows, Random random) {
        StringColumn images = StringColumn.create("image");
        StringColumn digit = StringColumn.create("digit");
        for (int i = 0; i < rows; i++) {
            byte[] pixels = new byte[36 * 36];
            random.nextBytes(pixels);
            images.append(ImagePixels.encode(pixels));
            digit.append(String.valueOf(i % 10));
        }
        return Table.create("images", images, digit);
    }
}
