package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch side of the benchmark ({@code experiments/bench/torch_bench.py}) through the
 * harness, in a tiny configuration. Needs Python with torch, so it is not part of the default
 * build: {@code mvn -pl experiments -am verify -Dbench.torch} runs it (see README "Testing").
 */
@Tag("python")
class TorchRunnerTest {

    @Test
    void thePyTorchRowNamesTheTorchThatRanAndIsItsOwnReference() throws Exception {
        // GIVEN the interpreter the harness picks, asked for its torch version directly
        String python = Python.withTorch();
        Process version = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                .start();
        String torch = new String(version.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim();
        assertThat(version.waitFor()).as("torch in " + python).isZero();

        // WHEN the speed table runs the DJL loop and PyTorch on the small workload
        BenchOutput output = BenchOutput.run("--reps", "1", "--epochs", "1", "--rows", "256",
                "--sections", "speed", "--workloads", "small", "--runners", "djl,torch");

        // THEN the PyTorch row names that version, and its ratio to itself is 1
        String[] row = output.rows("Training speed", Workload.SMALL.name()).stream()
                .filter(cells -> cells[1].startsWith("PyTorch eager (torch " + torch + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no PyTorch " + torch
                        + " row in:\n" + output.text()));
        assertThat(row[6]).isEqualTo("1.00×, 1.00×");
        assertThat(Double.parseDouble(row[2])).isPositive();
    }

    @Test
    void theFusedAdamRunnerRunsWhereThatPyTorchHasItAndSaysWhyNotElsewhere() throws Exception {
        // GIVEN the interpreter the harness picks, asked directly whether Adam(fused=True) steps
        // a CPU tensor
        String python = Python.withTorch();
        Process probe = new ProcessBuilder(python, "-c", "import torch\n"
                + "w = torch.nn.Parameter(torch.zeros(2)); w.grad = torch.ones(2)\n"
                + "torch.optim.Adam([w], lr=1e-3, fused=True).step()").start();
        boolean fused = probe.waitFor() == 0;

        // WHEN the speed table runs both PyTorch runners on the small workload
        BenchOutput output = BenchOutput.run("--reps", "1", "--epochs", "1", "--rows", "256",
                "--sections", "speed", "--workloads", "small", "--runners", "torch,torch-fused");

        // THEN there is a fused row where it has one, and otherwise a line with PyTorch's reason
        boolean row = output.rows("Training speed", Workload.SMALL.name()).stream()
                .anyMatch(cells -> cells[1].startsWith("PyTorch eager, Adam(fused=True) (torch"));
        assertThat(row).as(output.text()).isEqualTo(fused);
        assertThat(output.text().contains("PyTorch with Adam(fused=True) left out: "))
                .as(output.text()).isEqualTo(!fused);
    }
}
