package org.mtl4j.kernel.display;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Where a {@link LiveTrainingView} sends its outputs: a new output with a display id, and updates
 * of it in place. The kernel's sink sends them as {@code display_data} and {@code
 * update_display_data} messages; tests and benchmarks record them.
 *
 * <p>Example: {@code new LiveTrainingView(DisplaySink.of(kernel))}
 */
public interface DisplaySink {

    /** Shows {@code data} (which carries its display id) below the running cell. */
    void display(DisplayData data);

    /** Replaces what display id {@code id} shows. */
    void update(String id, DisplayData data);

    /**
     * Whether the cell waits for {@link PendingOutputs} before it ends (the mtl4j kernel does), so
     * a view may send its last outputs after {@code fit()} returns. Default: false.
     */
    default boolean awaitsPendingOutputs() {
        return false;
    }

    /**
     * The sink of {@code kernel}: the mtl4j kernel's publisher thread ({@link OwnDisplayKernel}),
     * or stock JJava's display.
     */
    static DisplaySink of(BaseKernel kernel) {
        return new DisplaySink() {
            @Override
            public void display(DisplayData data) {
                kernel.display(data);
            }

            @Override
            public boolean awaitsPendingOutputs() {
                return kernel instanceof OwnDisplayKernel;
            }

            @Override
            public void update(String id, DisplayData data) {
                if (kernel instanceof OwnDisplayKernel own) {
                    own.updateDisplay(id, data);
                } else {
                    kernel.getIO().display.updateDisplay(id, data);
                }
            }
        };
    }
}
