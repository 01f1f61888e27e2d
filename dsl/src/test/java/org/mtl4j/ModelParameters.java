package org.mtl4j;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/** A fitted model's parameter values, for tests that compare models. */
public final class ModelParameters {

    private ModelParameters() {}

    /** Every parameter of the model, in block order, as doubles. */
    public static List<double[]> of(MultiTaskModel model) {
        return of(model.parts().orElseThrow().block());
    }

    /** Every parameter of a block, in block order, as doubles. */
    public static List<double[]> of(Block block) {
        List<double[]> values = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            float[] floats = parameter.getArray().toFloatArray();
            double[] doubles = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                doubles[i] = floats[i];
            }
            values.add(doubles);
        }
        return values;
    }

    /** The parameters of a task's head, concatenated. */
    public static double[] head(MultiTaskModel model, int task) {
        return of(model.parts().orElseThrow().block().heads().get(task)).stream()
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }
}
