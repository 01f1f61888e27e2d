package org.mtl4j.model;

import java.util.List;

/**
 * One expert a gate mixes: a shared expert ({@code task = -1}) or one of a task's own experts,
 * numbered from 1 within its group.
 *
 * <p>Example: {@code new Expert(-1, 3).label(tasks)} is {@code "shared 3"}; {@code new Expert(0,
 * 1).label(List.of("y1", "y2"))} is {@code "y1 1"}.
 *
 * @param task the owning task's index, or -1 for a shared expert
 * @param number the expert's number within its group, from 1
 */
public record Expert(int task, int number) {

    /** A readable label, using the task names. */
    public String label(List<String> taskNames) {
        return (task < 0 ? "shared" : taskNames.get(task)) + " " + number;
    }
}
