package org.mtl4j.plot;

import java.awt.Color;

/**
 * The palette of every mtl4j chart: one colour per task index, so a task has the same colour in
 * every chart of a run (loss, weights, metrics, gates, comparisons). The colours are Tableau 10,
 * repeating after ten tasks, in this order: blue {@code #4E79A7}, orange {@code #F28E2B}, red
 * {@code #E15759}, teal {@code #76B7B2}, green {@code #59A14F}, yellow {@code #EDC948}, purple
 * {@code #B07AA1}, pink {@code #FF9DA7}, brown {@code #9C755F}, grey {@code #BAB0AC}. Task {@code
 * i} is the i-th task of the model (its declaration order).
 *
 * <p>Example: {@code TaskColors.of(0)} is the blue of the first task; {@code TaskColors.faint(0)}
 * the same blue at 25% opacity (raw points under a smoothed line).
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
        return PALETTE[Math.floorMod(task, PALETTE.length)];
    }

    /** The colour of the task with index {@code task} at 25% opacity. */
    public static Color faint(int task) {
        Color color = of(task);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 64);
    }

    /** The ten colours in order (a copy). */
    public static Color[] palette() {
        return PALETTE.clone();
    }
}
