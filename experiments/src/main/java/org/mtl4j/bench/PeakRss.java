package org.mtl4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident set while some code runs: resets the kernel's high-water mark
 * ({@code /proc/self/clear_refs}, "5") and reads {@code VmHWM} afterwards; where the reset is not
 * allowed, a thread samples {@code VmRSS} every millisecond instead (its reads allocate, which
 * the Java heap's growth then includes: the reset is the measurement to trust).
 *
 * <p>Example: {@code PeakRss.Result r = PeakRss.during(() -> model.fit(table));}
 */
final class PeakRss {

    private PeakRss() {}

    /** Resident MiB before the code ran and at its peak while it ran. */
    record Result(double beforeMiB, double peakMiB) {
        double addedMiB() {
            return peakMiB - beforeMiB;
        }
    }

    static Result during(Runnable code) throws InterruptedException {
        System.gc();
        double before = read("VmRSS:");
        boolean reset = resetHighWaterMark();
        if (reset) {
            code.run();
            return new Result(before, read("VmHWM:"));
        }
        Sampler sampler = new Sampler();
        Thread thread = new Thread(sampler, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
        try {
            code.run();
        } finally {
            sampler.stop = true;
            thread.join();
        }
        return new Result(before, sampler.peak);
    }

    /** A line of {@code /proc/self/status} in MiB, or NaN where there is none. */
    static double read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static final class Sampler implements Runnable {
        volatile boolean stop;
        volatile double peak;

        @Override
        public void run() {
            while (!stop) {
                peak = Math.max(peak, read("VmRSS:"));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
