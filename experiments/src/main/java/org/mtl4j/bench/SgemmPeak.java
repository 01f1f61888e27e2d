package org.mtl4j.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mtl4j.engine.Torch;

/**
 * The machine's single-precision matrix-product speed as DJL's PyTorch engine reaches it: {@code
 * matMul} of two n × n float32 matrices on the CPU with the benchmark's intra-op thread count,
 * the yardstick issue 14 asks the wide model's {@code fit()} to be read against (no outside tool
 * needed). FLOP of one product: 2n³.
 *
 * <p>Example: {@code SgemmPeak.measure(2048, 10, 1).bestGflops()}, about 200 on one core of the
 * 2-core machine.
 *
 * @param n matrix size
 * @param bestGflops the fastest product's GFLOP/s (the peak)
 * @param medianGflops the median product's GFLOP/s
 */
record SgemmPeak(int n, double bestGflops, double medianGflops) {

    /** Times {@code reps} products after three warm-up ones. */
    static SgemmPeak measure(int n, int reps, int threads) {
        Torch.setThreads(threads);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            manager.getEngine().setRandomSeed(1);
            NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
            NDArray b = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
            List<Double> gflops = new ArrayList<>();
            for (int r = -3; r < reps; r++) {
                try (NDManager step = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(step);
                    c.getFloat(0, 0); // waits for the product on any device
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (r >= 0) {
                        gflops.add(2.0 * n * n * n / seconds / 1e9);
                    }
                }
            }
            Collections.sort(gflops);
            return new SgemmPeak(n, gflops.get(gflops.size() - 1), gflops.get(gflops.size() / 2));
        }
    }
}
