package org.mtl4j.train;

import java.util.List;

/**
 * What a fit is about to do, for {@link FitListener#fitStarted}.
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
 * @param control asks this fit to stop cleanly (see {@link FitControl})
 */
public record FitInfo(
        List<String> tasks,
        String device,
        int threads,
        int firstEpoch,
        int epochs,
        int stepsPerEpoch,
        int trainRows,
        int validationRows,
        FitControl control) {

    /** Copies the list. */
    public FitInfo {
        tasks = List.copyOf(tasks);
    }

    /** Information about a fit made outside one (tests, views): its control reaches no fit. */
    public FitInfo(List<String> tasks, String device, int threads, int firstEpoch, int epochs,
            int stepsPerEpoch, int trainRows, int validationRows) {
        this(tasks, device, threads, firstEpoch, epochs, stepsPerEpoch, trainRows,
                validationRows, new FitStop());
    }
}
