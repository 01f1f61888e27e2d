package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtl4j.cli.KernelSpec;
import org.mtl4j.cli.StartupArchive;

/**
 * Runs the Python test suites in {@code src/test/python} against the packaged kernel, installed
 * as a kernelspec into {@code target/it-jupyter}, with Debian's Jupyter client stack
 * ({@code /usr/bin/python3}: jupyter_client, jupyter_kernel_test). Each suite's output is kept in
 * {@code target/failsafe-reports}.
 */
class JupyterClientIT {

    private static final Path TARGET = Path.of("target");
    private static final Path JUPYTER = TARGET.resolve("it-jupyter").toAbsolutePath();

    @BeforeAll
    static void installKernelspec() throws Exception {
        List<Path> jars = new ArrayList<>(List.of(TARGET.resolve("mtl4j.jar")));
        try (Stream<Path> lib = Files.list(TARGET.resolve("lib"))) {
            lib.filter(Files::isRegularFile).sorted().forEach(jars::add);
        }
        List<Path> sources;
        try (Stream<Path> files = Files.list(TARGET.resolve("lib/sources"))) {
            sources = files.sorted().toList();
        }
        Path spec = KernelSpec.install(JUPYTER.resolve("share/jupyter/kernels"), jars, sources);
        StartupArchive.create(spec); // as `mtl4j install` does: the suites run what users get
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // suite, tests run, skipped (test_pager: the deprecated pager payload is not supported)
        "test_kernel_conformance, 12, 1",
        "test_kernel_protocol, 21, 0",
        "test_kernel_magics, 5, 0",
        "test_notebooks, 9, 0",
        "test_notebook_claims, 3, 0",
        "test_live_view, 2, 0",
        "test_kernel_evaluator, 9, 0",
        "test_kernel_robustness, 11, 0",
    })
    void pythonSuitePasses(String suite, int tests, int skipped) throws Exception {
        Path log = TARGET.resolve("failsafe-reports").resolve(suite + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder python = new ProcessBuilder(
                "/usr/bin/python3", "-m", "unittest", "-v", suite)
                .directory(Path.of("src/test/python").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        python.environment().put("JUPYTER_PATH", JUPYTER.resolve("share/jupyter").toString());
        python.environment().put("JUPYTER_RUNTIME_DIR", JUPYTER.resolve("runtime").toString());
        python.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        python.environment().put("NOTEBOOKS_DIR", Path.of("../notebooks").toAbsolutePath().normalize().toString());
        python.environment().put("OUTPUT_DIR", TARGET.resolve("notebooks").toAbsolutePath().toString());
        Process process = python.start();
        // test_notebooks executes every tutorial: notebook 08 alone takes about 4 minutes, 09
        // about 3 (Spark's local mode)
        boolean finished = process.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(finished).as("suite finished in time:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(output);
        assertThat(ran.find()).as(output).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).isEqualTo(tests);
        assertThat(output).as("skips").contains(skipped == 0 ? "\nOK" : "OK (skipped=" + skipped
                + ")");
        assertThat(Files.exists(JUPYTER.resolve("share/jupyter/kernels")
                .resolve(KernelSpec.NAME).resolve("kernel.json"))).isTrue();
    }

    @Test
    void theKernelBenchmarkMeasuresBothKernels() throws Exception {
        Path log = TARGET.resolve("failsafe-reports").resolve("kernel-bench.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder bench = new ProcessBuilder("bench/kernel-bench.sh", "--quick")
                .redirectErrorStream(false)
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = bench.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String table = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(finished).as(table).isTrue();
        assertThat(process.exitValue()).as(table).isZero();
        Pattern figures = Pattern.compile(
                "\\| [\\d.]+ / [\\d.]+ \\| [\\d.]+ / [\\d.]+ \\| [\\d.]+ \\|");
        for (String row : List.of("cold start", "trivial cell", "kernel_info", "print cell",
                "chart cell")) {
            assertThat(table.lines().filter(l -> l.startsWith("| " + row + " |")))
                    .as(table).singleElement().satisfies(line ->
                            assertThat(figures.matcher(line).find()).as(line).isTrue());
        }
    }

    @Test
    void jupyterListsTheKernelspec() throws Exception {
        ProcessBuilder list = new ProcessBuilder("jupyter", "kernelspec", "list", "--json")
                .redirectErrorStream(false);
        list.environment().put("JUPYTER_PATH", JUPYTER.resolve("share/jupyter").toString());
        Process process = list.start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var spec = com.google.gson.JsonParser.parseString(json).getAsJsonObject()
                .getAsJsonObject("kernelspecs").getAsJsonObject(KernelSpec.NAME);
        assertThat(spec.getAsJsonObject("spec").get("display_name").getAsString())
                .isEqualTo("Java (mtl4j)");
    }

    @Test
    void theQuickstartRunsInARealBrowserWithItsPlots() throws Exception {
        Path output = TARGET.resolve("notebooks").toAbsolutePath();
        Path log = TARGET.resolve("failsafe-reports").resolve("browser.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder node = new ProcessBuilder("node", "run-notebook.mjs")
                .directory(Path.of("src/test/browser").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("JUPYTER_PATH", JUPYTER.resolve("share/jupyter").toString());
        node.environment().put("JUPYTER_RUNTIME_DIR", JUPYTER.resolve("runtime").toString());
        node.environment().put("NOTEBOOK",
                Path.of("../notebooks/01-quickstart.ipynb").toAbsolutePath().toString());
        node.environment().put("OUTPUT_DIR", output.toString());
        Process process = node.start();
        boolean finished = process.waitFor(14, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String result = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(finished).as(result).isTrue();
        assertThat(process.exitValue()).as(result).isZero();
        assertThat(result).contains("\"unrun\":0", "\"errors\":0", "\"failures\":[]");
        assertThat(javax.imageio.ImageIO.read(output.resolve("01-quickstart-browser.png")
                .toFile()).getHeight()).isGreaterThan(2000);
    }
}
