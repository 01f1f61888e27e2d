package org.mtl4j.plot;

import java.awt.Color;

/**
 * One colour per task index (the Tableau 10 palette, repeating), so a task has the same colour in
 * every chart of a run.
 *
 * <p>Example: {@code TaskColors.of(0)} is the blue of the first task.
 */
public final class TaskColors {

    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)
    };

    private TaskColors() {}

    /** The colour of the task with index {@code task}. */
    public static Color of(int task) {
        return PALETTE[task % PALETTE.length];
    }
}
