package org.mtl4j.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A kernel that updates displayed outputs on its own publisher thread and makes each cell wait for
 * {@link PendingOutputs} before it ends: the mtl4j kernel. A stock JJava kernel is not one. The
 * display package sees the kernel only through this interface, so it does not depend on the
 * kernel package.
 *
 * <p>Example: {@code kernel instanceof OwnDisplayKernel k ? k.updateDisplay(id, data) : ...}
 */
public interface OwnDisplayKernel {

    /** Replaces what display id {@code id} shows. */
    void updateDisplay(String id, DisplayData data);
}
