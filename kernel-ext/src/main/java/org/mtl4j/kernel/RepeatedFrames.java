package org.mtl4j.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Shortens a stack trace's runs of repeated frames, as Python does for deep recursion: a frame
 * (or a cycle of up to {@link #LONGEST_CYCLE} frames, for mutual recursion) repeated three times
 * or more in a row is written once, followed by how many frames were left out.
 *
 * <p>Example: a StackOverflowError in {@code int down(int n) { return down(n + 1) + 1; }} gives
 * {@code at down(#1:1)} then {@code ... 1023 more frames of down(#1:1) repeated} instead of 1 024
 * identical lines.
 */
final class RepeatedFrames {

    /** The longest cycle of frames recognised. */
    static final int LONGEST_CYCLE = 10;

    private static final int FEWEST_REPEATS = 3;

    private RepeatedFrames() {}

    /** {@code lines} (trace lines such as {@code "\tat Foo.bar(Foo.java:3)"}), compacted. */
    static List<String> compact(List<String> lines) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int bestCycle = 0;
            int bestRepeats = 0;
            for (int cycle = 1; cycle <= LONGEST_CYCLE && i + cycle <= lines.size(); cycle++) {
                int repeats = repeats(lines, i, cycle);
                if (repeats >= FEWEST_REPEATS && cycle * repeats > bestCycle * bestRepeats) {
                    bestCycle = cycle;
                    bestRepeats = repeats;
                }
            }
            if (bestCycle == 0) {
                out.add(lines.get(i++));
                continue;
            }
            out.addAll(lines.subList(i, i + bestCycle));
            int left = bestCycle * (bestRepeats - 1);
            String indent = lines.get(i).startsWith("\t") ? "\t" : "";
            out.add(indent + "... " + left + " more frames of " + (bestCycle == 1
                    ? lines.get(i).strip().replaceFirst("^at ", "") + " repeated"
                    : "the " + bestCycle + " frames above repeated"));
            i += bestCycle * bestRepeats;
        }
        return out;
    }

    /** How many times the {@code cycle} lines from {@code start} occur in a row there. */
    private static int repeats(List<String> lines, int start, int cycle) {
        int repeats = 1;
        while (start + (repeats + 1) * cycle <= lines.size()
                && lines.subList(start + repeats * cycle, start + (repeats + 1) * cycle)
                        .equals(lines.subList(start, start + cycle))) {
            repeats++;
        }
        return repeats;
    }
}
