package org.mtl4j.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes of Java heap the calling thread has allocated so far (HotSpot's count, exact up to the
 * thread-local buffer in use), or -1 where the JVM does not count them: a per-step figure that,
 * unlike CPU time, does not move with the machine's load.
 *
 * <p>Example: {@code long before = AllocatedBytes.ofThisThread(); work(); long bytes =
 * AllocatedBytes.ofThisThread() - before;}
 */
final class AllocatedBytes {

    private AllocatedBytes() {}

    static long ofThisThread() {
        if (ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
