package org.mtl4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads {@code mnist.u8.gz}: gzipped raw bytes, 10 000 labels then 10 000 × 784 pixels (see
 * datasets/regenerate.sh).
 */
final class MnistFile {

    static final int IMAGES = 10_000;
    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;

    private MnistFile() {}

    /** Labels (first {@link #IMAGES} bytes) and pixels, as stored. */
    static byte[] bytes() {
        try (InputStream in = MnistFile.class.getResourceAsStream("mnist.u8.gz")) {
            if (in == null) {
                throw new IllegalStateException("Data file mnist.u8.gz is missing from the"
                        + " mtl4j-datasets jar. Rebuild it (datasets/regenerate.sh restores it).");
            }
            byte[] bytes = new GZIPInputStream(in).readAllBytes();
            if (bytes.length != IMAGES + IMAGES * PIXELS) {
                throw new IllegalStateException("mnist.u8.gz holds " + bytes.length + " bytes,"
                        + " expected " + (IMAGES + IMAGES * PIXELS) + ". Regenerate it with"
                        + " datasets/regenerate.sh.");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mnist.u8.gz", e);
        }
    }

    static Table table() {
        byte[] bytes = bytes();
        StringColumn images = StringColumn.create("image");
        IntColumn digits = IntColumn.create("digit");
        for (int i = 0; i < IMAGES; i++) {
            int from = IMAGES + i * PIXELS;
            images.append(ImagePixels.encode(Arrays.copyOfRange(bytes, from, from + PIXELS)));
            digits.append(bytes[i]);
        }
        return Table.create("mnist", images, digits);
    }
}
