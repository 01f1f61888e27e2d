package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.engine.Scalars;
import org.mtl4j.spec.losses.LabelKind;
import org.mtl4j.spec.losses.Loss;

/**
 * Tasks with one output each and the same loss, computed together: their outputs and labels side
 * by side as (batch, tasks) matrices, one per-example loss over all of them and one weighted sum
 * per column. With many small tasks this replaces a handful of operations per task by a handful
 * for all. Each column's row weights are the task's (1/count on labelled rows, 0 elsewhere), so
 * partial labels count as they do alone.
 *
 * <p>Example: {@code LossGroup.plan(losses, outputs)} groups five {@code mse()} tasks with one
 * output each into one group.
 */
final class LossGroup {

    /** Fewer tasks compute faster one by one (the stacking costs about three tasks' work). */
    static final int MINIMUM_TASKS = 4;

    private final Loss loss;
    private final int[] tasks;

    private LossGroup(Loss loss, int[] tasks) {
        this.loss = loss;
        this.tasks = tasks;
    }

    /** The groups of single-output, non-class tasks with equal losses, if large enough. */
    static List<LossGroup> plan(List<Loss> losses, NDList outputs) {
        Map<Loss, List<Integer>> byLoss = new LinkedHashMap<>();
        for (int t = 0; t < losses.size(); t++) {
            Loss loss = losses.get(t);
            NDArray output = outputs.get(t);
            boolean single = output.getShape().dimension() == 2 && output.getShape().get(1) == 1;
            if (single && loss.labelKind() != LabelKind.CLASSES) {
                byLoss.computeIfAbsent(loss, l -> new ArrayList<>()).add(t);
            }
        }
        List<LossGroup> groups = new ArrayList<>();
        byLoss.forEach((loss, tasks) -> {
            if (tasks.size() >= MINIMUM_TASKS) {
                groups.add(new LossGroup(loss,
                        tasks.stream().mapToInt(Integer::intValue).toArray()));
            }
        });
        return groups;
    }

    /** The group's task indexes, in task order. */
    int[] tasks() {
        return tasks;
    }

    /** The group's mean losses over labelled rows, a vector in the order of {@link #tasks()}. */
    NDArray losses(NDList outputs, Batch batch, Scalars scalars, NDManager manager) {
        NDList columns = new NDList(tasks.length);
        NDList labels = new NDList(tasks.length);
        NDList weights = new NDList(tasks.length);
        long rows = batch.features().getShape().get(0);
        for (int task : tasks) {
            columns.add(outputs.get(task));
            labels.add(batch.labels().get(task));
            NDArray rowWeights = batch.rowWeights().get(task);
            weights.add(rowWeights != null ? rowWeights
                    : manager.zeros(new Shape(rows), scalars.dataType()));
        }
        NDArray output = NDArrays.concat(columns, 1);
        NDArray perExample = FusedLoss.perExample(loss, output,
                NDArrays.stack(labels, 1).reshape(-1), scalars);
        return perExample.reshape(rows, tasks.length).mul(NDArrays.stack(weights, 1))
                .sum(new int[] {0});
    }
}
