package org.mtl4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's own native memory (Native Memory Tracking) that grew since a baseline, by category,
 * when the JVM runs with {@code -XX:NativeMemoryTracking=summary} (e.g. {@code
 * JAVA_OPTS=-XX:NativeMemoryTracking=summary experiments/bench/memory.sh numeric}); without it,
 * nothing. Shows what of a fit's resident growth the JVM itself holds: "Arena Chunk" is mostly
 * the JIT compilers' working memory, "Other" the direct buffers. libtorch's allocations are not
 * tracked.
 *
 * <p>Example: {@code NativeMemoryDiff nmt = NativeMemoryDiff.baseline(); ...;
 * System.out.println(nmt.describe());} prints e.g. {@code JVM native memory committed since
 * the baseline (NMT): Other +195.1 MiB, Arena Chunk +31.3 MiB}.
 */
final class NativeMemoryDiff {

    private static final Pattern CATEGORY = Pattern.compile(
            "^-\\s+(.+?) \\(reserved=.*committed=\\d+KB ([+-]\\d+)KB\\)");

    private final boolean tracking;

    private NativeMemoryDiff(boolean tracking) {
        this.tracking = tracking;
    }

    /** Takes the baseline now (a no-op without Native Memory Tracking). */
    static NativeMemoryDiff baseline() {
        String answer = command("baseline");
        return new NativeMemoryDiff(answer != null && !answer.contains("not enabled"));
    }

    /**
     * The categories whose committed memory grew by at least 1 MiB since the baseline, largest
     * first, on one line; empty without Native Memory Tracking.
     */
    String describe() {
        if (!tracking) {
            return "";
        }
        String diff = command("summary.diff");
        List<String[]> grown = new ArrayList<>();
        for (String line : diff == null ? new String[0] : diff.split("\n")) {
            Matcher m = CATEGORY.matcher(line);
            if (m.find() && Long.parseLong(m.group(2)) >= 1024) {
                grown.add(new String[] {m.group(1).trim(), m.group(2)});
            }
        }
        grown.sort((a, b) -> Long.compare(Long.parseLong(b[1]), Long.parseLong(a[1])));
        StringBuilder text = new StringBuilder("JVM native memory committed since the fit began"
                + " (NMT):");
        for (String[] category : grown) {
            text.append(String.format(Locale.ROOT, " %s +%.1f MiB,", category[0],
                    Long.parseLong(category[1]) / 1024.0));
        }
        return text.substring(0, text.length() - (grown.isEmpty() ? 0 : 1));
    }

    private static String command(String argument) {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmNativeMemory", new Object[] {new String[] {argument}},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("The JVM refused the diagnostic command"
                    + " VM.native_memory " + argument + ": " + e.getMessage(), e);
        }
    }
}
