package org.mtl4j.weighting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * The state of {@link DbMtlWeighting}: one long-lived buffer row per task (the moving average of
 * its log-loss gradient of the shared parameters) and the step count.
 */
final class DbMtlWeigher implements TaskWeigher {

    private final DbMtlWeighting settings;
    private final NDManager manager;
    private final List<NDArray> shared;
    private final NDArray[] buffers;
    private final long size;
    private long step;

    DbMtlWeigher(DbMtlWeighting settings, WeightingContext context) {
        this.settings = settings;
        this.manager = context.manager();
        this.shared = context.sharedParameters().stream().map(Parameter::getArray).toList();
        this.size = shared.stream().mapToLong(array -> array.getShape().size()).sum();
        this.buffers = new NDArray[context.tasks().size()];
        DataType type = shared.get(0).getDataType();
        for (int t = 0; t < buffers.length; t++) {
            buffers[t] = manager.zeros(new Shape(size), type);
        }
    }

    @Override
    public NDArray backward(StepLosses losses) {
        step++;
        NDManager stepManager = losses.manager();
        int[] active = losses.labelledTasks();
        double[] values = losses.stacked().toType(DataType.FLOAT64, false).toDoubleArray();
        DataType type = buffers[0].getDataType();
        NDArray betaT = stepManager.create((float) settings.betaAt(step)).toType(type, false);
        double[] norms = new double[active.length];
        for (int i = 0; i < active.length; i++) {
            int task = active[i];
            NDArray scale = stepManager.create((float) (1 / (values[task]
                    + DbMtlWeighting.EPSILON))).toType(losses.loss(task).getDataType(), false);
            NDArray objective = losses.loss(task).mul(scale);
            if (i == active.length - 1) {
                losses.backward(objective);
            } else {
                losses.backwardKeepingGraph(objective);
            }
            NDArray gradient = TaskGradients.takeFlattened(shared, stepManager)
                    .toType(type, false);
            NDArray difference = buffers[task].sub(gradient);
            difference.attach(stepManager); // made on the buffers' manager
            NDArray next = gradient.add(difference.mul(betaT));
            norms[i] = Math.sqrt(next.mul(next).sum().toType(DataType.FLOAT64, false)
                    .getDouble());
            // only the new buffer outlives the step; everything above is the step's
            next.attach(manager);
            buffers[task].close();
            buffers[task] = next;
        }
        double[] alphas = DbMtlWeighting.alphas(norms);
        if (active.length > 0) {
            writeCombination(alphas, active, stepManager);
        }
        double[] all = new double[buffers.length];
        for (int i = 0; i < active.length; i++) {
            all[active[i]] = alphas[i];
        }
        return stepManager.create(all).toType(type, false);
    }

    /** Adds {@code Σ α_i b_i} to the shared parameters' (zeroed) gradients. */
    private void writeCombination(double[] alphas, int[] active, NDManager stepManager) {
        NDList rows = new NDList(active.length);
        for (int task : active) {
            rows.add(buffers[task]);
        }
        NDArray stacked = NDArrays.stack(rows);
        stacked.attach(stepManager); // made on the buffers' manager: freed with the step
        TaskGradients.addCombination(shared, stacked, alphas, stepManager);
    }

    @Override
    public java.util.Map<String, double[]> state() {
        double[] flat = new double[(int) (buffers.length * size)];
        for (int t = 0; t < buffers.length; t++) {
            NDArray wide = buffers[t].toType(DataType.FLOAT64, false);
            double[] row = wide.toDoubleArray();
            if (wide != buffers[t]) {
                wide.close();
            }
            System.arraycopy(row, 0, flat, (int) (t * size), row.length);
        }
        return java.util.Map.of("buffers", flat, "step", new double[] {step});
    }

    @Override
    public void restore(java.util.Map<String, double[]> state) {
        double[] flat = Weighers.vector(state, "buffers", (int) (buffers.length * size));
        step = (long) Weighers.vector(state, "step", 1)[0];
        for (int t = 0; t < buffers.length; t++) {
            double[] row = java.util.Arrays.copyOfRange(flat, (int) (t * size),
                    (int) ((t + 1) * size));
            NDArray wide = manager.create(row);
            NDArray next = wide.toType(buffers[t].getDataType(), false);
            if (next != wide) {
                wide.close();
            }
            buffers[t].close();
            buffers[t] = next;
        }
    }
}
