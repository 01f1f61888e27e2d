package org.mtl4j.datasets;

import java.util.Random;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * MultiMNIST as in Sener and Koltun 2018 ("Multi-Task Learning as Multi-Objective Optimization",
 * NeurIPS; after Sabour et al. 2017): two MNIST digits overlaid on one 36 × 36 canvas, one
 * shifted up and left, the other down and right; two tasks, the left digit and the right digit.
 *
 * <p>Formula, for each row, drawing from one {@code java.util.Random(seed)} in this order: the left
 * digit's image {@code i = nextInt(10000)}, the right one's {@code j = nextInt(9999)} (plus one
 * when {@code j ≥ i}, so the two differ), the left offsets {@code dyL = nextInt(5), dxL =
 * nextInt(5)} (0 to 4 pixels from the top-left corner) and the right offsets {@code dyR = 4 +
 * nextInt(5), dxR = 4 + nextInt(5)} (4 to 8 pixels); then {@code canvas[y][x] = max(L[y − dyL][x −
 * dxL], R[y − dyR][x − dxR])}, a digit's pixel being 0 outside its 28 × 28 image. The digits
 * come from {@link Datasets#mnist()} (10 000 images), so rows drawn with two seeds may share
 * source images: for a test set that a model has not seen in any form, draw from a different seed
 * and accept that overlap, or split the result.
 *
 * <p>Example: {@code Table digits = MultiMnist.table(2000, 42);} gives columns {@code image} (36 ×
 * 36, an {@link ImagePixels} cell), {@code left} and {@code right} (0 to 9); a model reads it
 * with {@code .input(image("image", 1, 36, 36))}.
 */
public final class MultiMnist {

    /** The canvas side, in pixels. */
    public static final int SIDE = 36;

    private static final int LARGEST_SHIFT = SIDE - MnistFile.SIDE;
    private static final int SHIFTS = LARGEST_SHIFT / 2 + 1;

    private MultiMnist() {}

    /**
     * {@code rows} overlaid pairs drawn with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code rows} is negative
     */
    public static Table table(int rows, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("MultiMnist.table() needs a row count of 0 or more."
                    + " Received: rows=" + rows + ". Use e.g. MultiMnist.table(2000, 42).");
        }
        byte[] mnist = MnistFile.bytes();
        Random random = new Random(seed);
        StringColumn images = StringColumn.create("image");
        IntColumn left = IntColumn.create("left");
        IntColumn right = IntColumn.create("right");
        for (int r = 0; r < rows; r++) {
            int i = random.nextInt(MnistFile.IMAGES);
            int j = random.nextInt(MnistFile.IMAGES - 1);
            j = j >= i ? j + 1 : j;
            byte[] canvas = new byte[SIDE * SIDE];
            paste(mnist, i, random.nextInt(SHIFTS), random.nextInt(SHIFTS), canvas);
            int downRight = LARGEST_SHIFT - SHIFTS + 1;
            paste(mnist, j, downRight + random.nextInt(SHIFTS), downRight + random.nextInt(SHIFTS),
                    canvas);
            images.append(ImagePixels.encode(canvas));
            left.append(mnist[i]);
            right.append(mnist[j]);
        }
        return Table.create("multi-mnist", images, left, right);
    }

    /** Overlays image {@code index} at row {@code dy}, column {@code dx}, keeping the brighter. */
    private static void paste(byte[] mnist, int index, int dy, int dx, byte[] canvas) {
        int from = MnistFile.IMAGES + index * MnistFile.PIXELS;
        for (int y = 0; y < MnistFile.SIDE; y++) {
            for (int x = 0; x < MnistFile.SIDE; x++) {
                int at = (y + dy) * SIDE + x + dx;
                int pixel = mnist[from + y * MnistFile.SIDE + x] & 0xff;
                if (pixel > (canvas[at] & 0xff)) {
                    canvas[at] = (byte) pixel;
                }
            }
        }
    }
}
