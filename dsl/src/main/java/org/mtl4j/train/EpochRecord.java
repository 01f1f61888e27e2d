package org.mtl4j.train;

import java.util.List;

/**
 * One epoch: every task's figures and the epoch's wall time.
 *
 * <p>Example: {@code history.lastEpoch().task("task1").trainLoss()}
 *
 * @param epoch 1-based epoch number over the whole history
 * @param tasks per task, in task order
 * @param seconds wall time of the epoch, validation included
 * @param learningRate the optimizer's learning rate at the epoch's last step (NaN if unknown)
 */
public record EpochRecord(
        int epoch, List<TaskEpoch> tasks, double seconds, double learningRate) {

    /** Copies the list. */
    public EpochRecord {
        tasks = List.copyOf(tasks);
    }

    /** An epoch whose learning rate is not known. */
    public EpochRecord(int epoch, List<TaskEpoch> tasks, double seconds) {
        this(epoch, tasks, seconds, Double.NaN);
    }

    /** The figures of the task named {@code name}. */
    public TaskEpoch task(String name) {
        for (TaskEpoch task : tasks) {
            if (task.task().equals(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException(
                "No task named '" + name + "'. Received tasks: "
                        + tasks.stream().map(TaskEpoch::task).toList() + ".");
    }
}
