package org.mtl4j.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can import torch: {@code $MTL4J_BENCH_PYTHON}, then {@code
 * python3} on the PATH, then Debian's {@code /usr/bin/python3} (the first {@code python3} on the
 * PATH may be a separate interpreter without Debian's packages).
 *
 * <p>Example: {@code Python.withTorch()} is {@code "python3"} where that imports torch.
 */
final class Python {

    private Python() {}

    /** The first candidate that imports torch, or {@code python3} when none does. */
    static String withTorch() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("MTL4J_BENCH_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String candidate : candidates) {
            if (importsTorch(candidate)) {
                return candidate;
            }
        }
        return "python3";
    }

    private static boolean importsTorch(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import torch")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
