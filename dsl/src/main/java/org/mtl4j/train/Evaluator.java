package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.data.LabelValues;
import org.mtl4j.engine.ChunkedForward;
import org.mtl4j.engine.Scalars;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.losses.Loss;

/** Runs the network without autograd over a whole split, in chunks. */
final class Evaluator {

    /** Rows per forward pass: few native calls, bounded memory (4096 × the widest layer). */
    private static final int CHUNK = 4096;

    private final MultiTaskBlock block;
    private final List<Loss> losses;
    private final Scalars scalars;
    private final ParameterStore parameters;
    private final NDManager manager;

    Evaluator(MultiTaskBlock block, List<Loss> losses, Scalars scalars, NDManager manager) {
        this.block = block;
        this.losses = losses;
        this.scalars = scalars;
        this.manager = manager;
        this.parameters = new ParameterStore(manager, false);
    }

    Evaluation evaluate(DeviceSplit split, boolean withLosses) {
        return evaluate(split, withLosses, rows -> { });
    }

    /** As {@link #evaluate(DeviceSplit, boolean)}, telling {@code rowsDone} after each chunk. */
    Evaluation evaluate(DeviceSplit split, boolean withLosses,
            java.util.function.LongConsumer rowsDone) {
        int tasks = losses.size();
        double[] lossSums = new double[tasks];
        int[] counts = new int[tasks];
        List<float[]> outputs = new ArrayList<>();
        List<List<float[]>> chunks = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            chunks.add(new ArrayList<>());
        }
        ChunkedForward.over(split.rows(), split.chunkRows(CHUNK), manager, (chunk, from, to) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new EvaluationInterruptedException(split.rows());
            }
            NDList out = block.forward(
                    parameters, new NDList(split.features(chunk, from, to)), false);
            for (int t = 0; t < tasks; t++) {
                chunks.get(t).add(Tensors.toFloats(out.get(t)));
                if (withLosses) {
                    LabelValues labels = split.hostLabels().get(t);
                    int labelled = count(labels.present(), from, to);
                    if (labelled > 0) {
                        lossSums[t] += chunkLoss(chunk, split, t, out.get(t), from, to);
                        counts[t] += labelled;
                    }
                }
            }
            rowsDone.accept(to);
        });
        double[] means = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            outputs.add(concat(chunks.get(t)));
            means[t] = counts[t] == 0 ? Double.NaN : lossSums[t] / counts[t];
        }
        return new Evaluation(means, outputs);
    }

    private double chunkLoss(
            NDManager chunk, DeviceSplit split, int task, NDArray output, int from, int to) {
        NDArray rowMask = split.labelledMask(chunk, task, from, to, scalars.dataType());
        NDArray labels = split.labels(chunk, task, from, to);
        NDArray sum = FusedLoss.perExample(losses.get(task), output, labels, scalars)
                .mul(rowMask).sum();
        return Tensors.toFloats(sum)[0];
    }

    private static int count(boolean[] present, int from, int to) {
        int count = 0;
        for (int r = from; r < to; r++) {
            count += present[r] ? 1 : 0;
        }
        return count;
    }

    private static float[] concat(List<float[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[length];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
