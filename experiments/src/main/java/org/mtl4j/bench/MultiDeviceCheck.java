package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.TrainingRun;

/**
 * Checks {@code devices(n)} on a machine with several GPUs: the same fit (the benchmark's data
 * and model, Adam, seed 7) on one GPU and split across n, from the same initial parameters;
 * prints steps/s of both and the largest parameter difference, and exits with status 1 when the
 * difference exceeds the tolerance. {@code experiments/bench/gpu-check.sh} runs it when
 * {@code nvidia-smi -L} lists two GPUs or more.
 *
 * <p>Example: {@code experiments/run.sh org.mtl4j.bench.MultiDeviceCheck --devices 2}; {@code
 * --cpu} compares {@code devices(Device.cpu(), ...)} with one CPU instead (no GPU needed; only
 * the combining is checked, its speed means nothing).
 *
 * <p>Options (defaults): {@code --devices 2}, {@code --epochs 3}, {@code --rows 16384}, {@code
 * --batch 1024}, {@code --workload wide} (32-1024-1024; or {@code small}), {@code --tolerance
 * 1e-4}, {@code --cpu}.
 */
public final class MultiDeviceCheck {

    private MultiDeviceCheck() {}

    /** Runs the check; exit status 1 on a mismatch, 2 on bad arguments. */
    public static void main(String[] args) {
        int devices = 2;
        int epochs = 3;
        int rows = 16384;
        int batch = 1024;
        double tolerance = 1e-4;
        boolean cpu = false;
        Workload workload = Workload.COMPUTE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
                case "--workload" -> workload = "small".equals(args[++i]) ? Workload.SMALL
                        : Workload.COMPUTE;
                case "--cpu" -> cpu = true;
                default -> {
                    System.err.println("Unknown option " + args[i] + ". Options: --devices N"
                            + " --epochs N --rows N --batch N --workload wide|small"
                            + " --tolerance X --cpu");
                    System.exit(2);
                }
            }
        }
        BenchData data = BenchData.generate(rows, 32, 1, 7);
        FitOption one = cpu ? device(Device.cpu()) : device(Device.gpu(0));
        FitOption several;
        if (cpu) {
            Device[] list = new Device[devices];
            java.util.Arrays.fill(list, Device.cpu());
            several = devices(list);
        } else {
            several = devices(devices);
        }
        System.out.printf(Locale.ROOT, "devices(...) check: %s, %d rows, batch %d, %d epochs;"
                + " DJL sees %d GPU(s)%n", workload.name(), rows, batch, epochs,
                Engine.getEngine("PyTorch").getGpuCount());
        fit(workload, data, batch, 1, one);   // warm-up: JIT and CUDA start-up
        Result single = fit(workload, data, batch, epochs, one);
        Result split = fit(workload, data, batch, epochs, several);
        double largest = 0;
        for (int i = 0; i < single.parameters().length; i++) {
            largest = Math.max(largest,
                    Math.abs(single.parameters()[i] - split.parameters()[i]));
        }
        String label = cpu ? devices + " × cpu()" : "devices(" + devices + ")";
        System.out.printf(Locale.ROOT, "one device (%s): %.1f steps/s; %s: %.1f steps/s"
                + " (%.2f×)%n", single.device(), single.stepsPerSecond(), label,
                split.stepsPerSecond(), split.stepsPerSecond() / single.stepsPerSecond());
        System.out.printf(Locale.ROOT, "largest parameter difference after %d epochs: %.3g"
                + " (tolerance %.3g); last epoch's training loss %.6f vs %.6f%n", epochs,
                largest, tolerance, single.loss(), split.loss());
        if (!(largest <= tolerance)) {
            System.out.println("MULTI-DEVICE CHECK FAILED: " + label + " did not train like one"
                    + " device.");
            System.exit(1);
        }
        System.out.println("Multi-device check passed.");
    }

    /** A fit's parameters, speed, device and last training loss. */
    private record Result(double[] parameters, double stepsPerSecond, String device,
            double loss) {}

    private static Result fit(Workload workload, BenchData data, int batch, int epochs,
            FitOption where) {
        ModelBuilder builder = multiTask().input(numeric(data.featureNames()))
                .trunk(workload.trunkLayers());
        try (MultiTaskModel model = builder
                .task("value0").head(dense(1)).loss(mse())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .build()) {
            long start = System.nanoTime();
            TrainingRun run = model.fit(data.table(), epochs(epochs), batchSize(batch),
                    adam(1e-3), seed(7), quiet(), where);
            double seconds = (System.nanoTime() - start) / 1e9;
            int steps = run.history().steps().size();
            List<Double> values = new ArrayList<>();
            for (var pair : model.parts().orElseThrow().block().getParameters()) {
                for (float value : pair.getValue().getArray().toFloatArray()) {
                    values.add((double) value);
                }
            }
            double loss = run.history().lastEpoch().tasks().stream()
                    .mapToDouble(t -> t.trainLoss()).sum();
            return new Result(values.stream().mapToDouble(Double::doubleValue).toArray(),
                    steps / seconds, run.device(), loss);
        }
    }
}
