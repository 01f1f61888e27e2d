package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.FitListener;
import org.mtl4j.train.FitOption;
import org.mtl4j.train.TrainingHistory;
import org.mtl4j.train.TrainingRun;

/**
 * Checks {@code devices(...)} on a machine with GPUs: the same fit (the benchmark's data and
 * model, Adam, seed 7) on one device and split across several, from the same initial parameters;
 * prints steps/s of both, the largest parameter difference and how many resources the model's
 * NDManager gained over the split fit, and exits with status 1 when the difference exceeds the
 * tolerance or that manager grew from one epoch to the next (a leak per step). Which devices:
 * with 2 GPUs or more (as DJL counts them, so {@code CUDA_VISIBLE_DEVICES} counts)
 * {@code devices(n)}, n = the GPU count or {@code --devices}; with exactly one GPU the mixed pair
 * {@code devices(Device.gpu(0), Device.cpu())} (every copy between devices, one way and back);
 * with none it prints that it skipped and why. {@code experiments/bench/gpu-check.sh} runs it.
 *
 * <p>Example: {@code experiments/run.sh org.mtl4j.bench.MultiDeviceCheck --devices 2}; {@code
 * --cpu} compares {@code devices(Device.cpu(), ...)} with one CPU instead (no GPU needed; only
 * the combining is checked, its speed means nothing).
 *
 * <p>Options (defaults): {@code --devices} (every GPU DJL sees; with {@code --cpu}, 2), {@code
 * --epochs 3}, {@code --rows 16384}, {@code --batch 1024}, {@code --workload wide} (32-1024-1024;
 * or {@code small}, 32-64-64), {@code --tolerance 1e-4}, {@code --cpu}. Both fits are warmed up
 * with one epoch first.
 */
public final class MultiDeviceCheck {

    static final String USAGE = "Usage: MultiDeviceCheck [--devices N] [--epochs N] [--rows N]"
            + " [--batch N] [--workload wide|small] [--tolerance X] [--cpu]";

    private MultiDeviceCheck() {}

    /** Runs the check; exit status 1 on a mismatch or a leak, 2 on bad arguments. */
    public static void main(String[] args) {
        Integer devices = null;
        int epochs = 3;
        int rows = 16384;
        int batch = 1024;
        double tolerance = 1e-4;
        boolean cpu = false;
        Workload workload = Workload.COMPUTE;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--devices" -> devices = Integer.parseInt(value(args, ++i, option));
                    case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, option));
                    case "--rows" -> rows = Integer.parseInt(value(args, ++i, option));
                    case "--batch" -> batch = Integer.parseInt(value(args, ++i, option));
                    case "--tolerance" ->
                            tolerance = Double.parseDouble(value(args, ++i, option));
                    case "--workload" -> workload = workload(value(args, ++i, option));
                    case "--cpu" -> cpu = true;
                    default -> throw new IllegalArgumentException("Unknown option '" + option
                            + "'.");
                }
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: the message names the value
            System.err.println(e.getMessage() + " " + USAGE);
            System.exit(2);
        }
        int gpus = Engine.getInstance().getGpuCount();
        FitOption one;
        FitOption several;
        String label;
        if (cpu) {
            Device[] list = new Device[devices == null ? 2 : devices];
            java.util.Arrays.fill(list, Device.cpu());
            one = device(Device.cpu());
            several = devices(list);
            label = list.length + " × cpu()";
        } else if (gpus == 0) {
            System.out.println("Multi-device check skipped: DJL sees no GPU (engine "
                    + Engine.getInstance().getEngineName() + "). Use --cpu to check the"
                    + " combining on CPU shards.");
            return;
        } else if (gpus == 1 && devices == null) {
            one = device(Device.gpu(0));
            several = devices(Device.gpu(0), Device.cpu());
            label = "devices(gpu(0), cpu())";
        } else {
            int count = devices == null ? gpus : devices;
            one = device(Device.gpu(0));
            several = devices(count);
            label = "devices(" + count + ")";
        }
        BenchData data = BenchData.generate(rows, 32, 1, 7);
        System.out.printf(Locale.ROOT, "devices(...) check: %s, %d rows, batch %d, %d epochs;"
                + " DJL sees %d GPU(s); comparing one device with %s%n", workload.name(), rows,
                batch, epochs, gpus, label);
        // warm-up of both: JIT, CUDA start-up, and the other devices' first kernels
        fit(workload, data, batch, 1, one);
        fit(workload, data, batch, 1, several);
        Result single = fit(workload, data, batch, epochs, one);
        Result split = fit(workload, data, batch, epochs, several);
        double largest = 0;
        for (int i = 0; i < single.parameters().length; i++) {
            largest = Math.max(largest,
                    Math.abs(single.parameters()[i] - split.parameters()[i]));
        }
        System.out.printf(Locale.ROOT, "one device (%s): %.1f steps/s; %s: %.1f steps/s"
                + " (%.2f×)%n", single.device(), single.stepsPerSecond(), label,
                split.stepsPerSecond(), split.stepsPerSecond() / single.stepsPerSecond());
        System.out.printf(Locale.ROOT, "largest parameter difference after %d epochs: %.3g"
                + " (tolerance %.3g); last epoch's training loss %.6f vs %.6f%n", epochs,
                largest, tolerance, single.loss(), split.loss());
        System.out.printf(Locale.ROOT, "resources of the model's NDManager after each epoch of"
                + " %s: %s%n", label, split.resources());
        boolean grew = split.resources().size() > 1 && !split.resources().get(
                split.resources().size() - 1).equals(split.resources().get(0));
        if (!(largest <= tolerance) || grew) {
            System.out.println("MULTI-DEVICE CHECK FAILED: " + label + (grew
                    ? " left resources under the model's NDManager every epoch (a leak)."
                    : " did not train like one device."));
            System.exit(1);
        }
        System.out.println("Multi-device check passed.");
    }

    private static String value(String[] args, int at, String option) {
        if (at >= args.length) {
            throw new IllegalArgumentException("Option " + option + " needs a value.");
        }
        return args[at];
    }

    private static Workload workload(String name) {
        return switch (name) {
            case "wide" -> Workload.COMPUTE;
            case "small" -> Workload.SMALL;
            default -> throw new IllegalArgumentException("Unknown workload '" + name
                    + "': expected wide or small.");
        };
    }

    /**
     * The resources (arrays and sub-managers) {@code manager} holds itself: DJL keeps them in a
     * protected field, read here by reflection (a check tool, not the library).
     */
    private static int resources(NDManager manager) {
        try {
            java.lang.reflect.Field field = BaseNDManager.class.getDeclaredField("resources");
            field.setAccessible(true);
            return ((java.util.Map<?, ?>) field.get(manager)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's BaseNDManager has no 'resources' field", e);
        }
    }

    /** A fit's parameters, speed, device and last training loss. */
    private record Result(double[] parameters, double stepsPerSecond, String device,
            double loss, List<Integer> resources) {}

    private static Result fit(Workload workload, BenchData data, int batch, int epochs,
            FitOption where) {
        ModelBuilder builder = multiTask().input(numeric(data.featureNames()))
                .trunk(workload.trunkLayers());
        try (MultiTaskModel model = builder
                .task("value0").head(dense(1)).loss(mse())
                .task("kind").head(dense(3)).loss(crossEntropy())
                .build()) {
            List<Integer> resources = new ArrayList<>();
            FitListener counter = new FitListener() {
                @Override
                public void epochEnded(EpochRecord epoch, TrainingHistory history) {
                    resources.add(resources(model.parts().orElseThrow().block().getParameters()
                            .valueAt(0).getArray().getManager()));
                }
            };
            long start = System.nanoTime();
            TrainingRun run = model.fit(data.table(), epochs(epochs), batchSize(batch),
                    adam(1e-3), seed(7), quiet(), listener(counter), where);
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
                    steps / seconds, run.device(), loss, resources);
        }
    }
}
