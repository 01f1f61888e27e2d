package org.mtl4j.train;

import java.util.List;

/**
 * What a fit is about to do, for {@link TrainingListener#fitStarted}.
 *
 * <p>Example: {@code info.stepsPerEpoch() * info.epochs()} is the number of steps ahead.
 *
 * @param tasks the task names
 * @param device where it trains, e.g. {@code cpu()}
 * @param threads libtorch intra-op threads
 * @param firstEpoch number of the first epoch of this fit (epochs continue across fits)
 * @param epochs epochs to run
 * @param stepsPerEpoch steps per epoch
 * @param trainRows rows in the training split
 * @param validationRows rows in the validation split
 */
public record FitInfo(
        List<String> tasks,
        String device,
        int threads,
        int firstEpoch,
        int epochs,
        int stepsPerEpoch,
        int trainRows,
        int validationRows) {

    /** Copies the list. */
    public FitInfo {
        tasks = List.copyOf(tasks);
    }
}
