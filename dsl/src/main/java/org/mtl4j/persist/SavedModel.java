package org.mtl4j.persist;

import java.nio.file.Path;

/**
 * What {@code model.save(path)} wrote: where, how large, in which format version, and after how
 * many epochs. Its text is the line a notebook shows under the cell.
 *
 * <p>Example: {@code model.save(Path.of("penguins.mtl4j"))} prints as {@code Saved model to
 * penguins.mtl4j (41.2 KiB, format 1, 30 epochs, 2 tasks)}.
 *
 * @param path the file
 * @param bytes its size
 * @param formatVersion the format version written
 * @param epochs epochs trained so far
 * @param tasks the number of tasks
 */
public record SavedModel(Path path, long bytes, int formatVersion, int epochs, int tasks) {

    /** The size for people: bytes, KiB, MiB or GiB with one decimal. */
    public String size() {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public String toString() {
        return "Saved model to " + path + " (" + size() + ", format " + formatVersion + ", "
                + epochs + " epoch" + (epochs == 1 ? "" : "s") + ", " + tasks + " task"
                + (tasks == 1 ? "" : "s") + ")";
    }
}
