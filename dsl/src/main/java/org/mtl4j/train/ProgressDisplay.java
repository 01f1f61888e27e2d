package org.mtl4j.train;

import java.util.function.Supplier;
import org.mtl4j.annotation.Internal;

/**
 * How a fit that is not {@code quiet()} shows its progress: a notebook view when an environment
 * installed one (the mtl4j Jupyter extension does), otherwise the console (a progress line
 * refreshed in place on a terminal, and one summary line per epoch).
 *
 * <p>Example: {@code ProgressDisplay.install(() -> new LiveTrainingView(kernel));}
 */
@Internal
public final class ProgressDisplay {

    private static volatile Supplier<FitListener> installed;

    private ProgressDisplay() {}

    /** Uses {@code view} for every later fit in this JVM (null goes back to the console). */
    public static void install(Supplier<FitListener> view) {
        installed = view;
    }

    /** The progress listener for a new fit. */
    static FitListener create() {
        Supplier<FitListener> view = installed;
        return view != null
                ? view.get()
                : new ConsoleProgress(System.out, System.console() != null);
    }
}
