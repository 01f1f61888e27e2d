package org.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.mtl4j.weighting.StepLosses;

/** The {@link StepLosses} of one training step, backpropagating through its collector. */
final class BatchLosses implements StepLosses {

    private final List<String> tasks;
    private final NDArray[] losses;
    private final Batch batch;
    private final NDManager manager;
    private final GradientCollector collector;
    private final Runnable beforeBackward;
    private NDArray stacked;

    BatchLosses(
            List<String> tasks,
            NDArray[] losses,
            Batch batch,
            NDManager manager,
            GradientCollector collector,
            Runnable beforeBackward) {
        this.tasks = tasks;
        this.losses = losses;
        this.batch = batch;
        this.manager = manager;
        this.collector = collector;
        this.beforeBackward = beforeBackward;
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public NDArray loss(int task) {
        return losses[task];
    }

    @Override
    public boolean hasLabels(int task) {
        return batch.hasLabels(task);
    }

    @Override
    public NDArray stacked() {
        if (stacked == null) {
            stacked = NDArrays.stack(new NDList(losses));
        }
        return stacked;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void backward(NDArray objective) {
        beforeBackward.run();
        collector.backward(objective);
    }

    @Override
    public void backwardKeepingGraph(NDArray objective) {
        beforeBackward.run();
        NDArray ones = manager.ones(objective.getShape(), objective.getDataType());
        JniUtils.backward((PtNDArray) objective, (PtNDArray) ones, true, false);
    }
}
