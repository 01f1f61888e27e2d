package org.mtl4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where Jupyter looks for kernelspecs: the user's data folder ({@code JUPYTER_DATA_DIR}, else
 * {@code ~/.local/share/jupyter}), the {@code sys.prefix} of the Python that runs {@code jupyter},
 * or any prefix; each with {@code share/jupyter/kernels} (the user folder with {@code kernels}).
 *
 * <p>Example: {@code KernelDirectories.prefix(Path.of("/opt/env"))} is {@code
 * /opt/env/share/jupyter/kernels}.
 */
final class KernelDirectories {

    private KernelDirectories() {}

    static Path user() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        Path base = data != null && !data.isBlank()
                ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
        return base.resolve("kernels");
    }

    static Path prefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    /** The kernels folder under the {@code sys.prefix} of the Python running {@code jupyter}. */
    static Path sysPrefix() throws IOException, InterruptedException {
        String python = jupyterPython();
        Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("Could not ask " + python + " for sys.prefix: " + out
                    + ". Use --user or --prefix DIR instead.");
        }
        return prefix(Path.of(out));
    }

    /** The interpreter named in the shebang of {@code jupyter} on PATH, else {@code python3}. */
    private static String jupyterPython() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path jupyter = Path.of(dir, "jupyter");
            if (Files.isRegularFile(jupyter)) {
                String first = Files.readAllLines(jupyter).stream().findFirst().orElse("");
                if (first.startsWith("#!") && !first.contains(" ")) {
                    return first.substring(2);
                }
            }
        }
        return "python3";
    }
}
