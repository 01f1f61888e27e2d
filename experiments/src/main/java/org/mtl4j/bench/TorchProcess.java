package org.mtl4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The PyTorch eager side, a long-running {@code torch_bench.py} process answering one request per
 * line, so its repetitions interleave with the Java runners'.
 *
 * <p>Example: {@code try (TorchProcess torch = TorchProcess.start("python3", script, dir, 1)) {
 * torch.run(SMALL, 5, 1, false); }}
 */
final class TorchProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final String version;

    private TorchProcess(Process process, String version) {
        this.process = process;
        this.out = process.inputReader(StandardCharsets.UTF_8);
        this.in = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        this.version = version;
    }

    /**
     * Starts the script on the data in {@code dataDirectory}, its OpenMP and BLAS thread pools
     * limited to {@code threads}.
     *
     * @throws IllegalStateException when the interpreter or torch is missing, with its output
     */
    static TorchProcess start(String python, Path script, Path dataDirectory, int threads)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(python, script.toString(),
                dataDirectory.toString())).redirectError(ProcessBuilder.Redirect.INHERIT);
        // the BLAS library's own thread pool too, not only libtorch's: OpenBLAS would otherwise
        // run (and spin) one thread per core under a single intra-op thread
        for (String pool : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            builder.environment().put(pool, String.valueOf(threads));
        }
        Process process = builder.start();
        BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
        String ready = reader.readLine();
        if (ready == null || !ready.startsWith("ready")) {
            process.destroy();
            throw new IllegalStateException("'" + python + " " + script + "' did not start"
                    + " (first line: " + ready + "). Install PyTorch for that interpreter (on"
                    + " Debian: apt-get install python3-torch), pass --python <interpreter>, or"
                    + " leave PyTorch out with --runners mtl4j,bare,djl.");
        }
        return new TorchProcess(process, ready.substring("ready ".length()));
    }

    /** "torch 1.13.1", as the script reported it. */
    String version() {
        return version;
    }

    /**
     * Null when this PyTorch's {@code Adam(fused=True)} steps CPU tensors, else why not, as
     * PyTorch said it (e.g. {@code "FusedAdam requires all the params to be CUDA, floating
     * point"} from PyTorch 1.13).
     */
    String fusedAdamMissing() throws IOException {
        in.println("fused");
        String reply = answer();
        return reply.equals("yes") ? null : reply.substring(reply.indexOf(':') + 1).trim();
    }

    /**
     * Trains {@code epochs} epochs of {@code workload} (one regression and one class head), with
     * {@code Adam(fused=True)} when {@code fusedAdam} (a model of its own).
     */
    Timing run(Workload workload, int epochs, int threads, boolean fusedAdam)
            throws IOException {
        in.println("run " + workload.trunkSpec() + " " + workload.batchSize() + " " + epochs
                + " " + threads + (fusedAdam ? " fused" : ""));
        String[] words = answer().split(" ");
        return new Timing(Double.parseDouble(words[0]), Double.parseDouble(words[1]),
                Integer.parseInt(words[2]));
    }

    private String answer() throws IOException {
        String reply = out.readLine();
        if (reply == null) {
            throw new IllegalStateException("torch_bench.py ended without an answer (exit code "
                    + waitFor() + "); see its error output above.");
        }
        return reply.trim();
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        in.close();
        if (waitFor() != 0) {
            process.destroy();
        }
    }
}
