package org.mtl4j.datasets;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; Zalando SE, MIT licence): 28 × 28 grey images of
 * ten kinds of clothing, 60 000 for training and 10 000 for testing. Not shipped in the jar: it
 * reads the IDX files that Debian's {@code dataset-fashion-mnist} package installs (in {@code
 * /usr/share/datasets/fashion-mnist}; the system property {@code mtl4j.fashionMnist} names another
 * folder with the same four files).
 *
 * <p>Example: {@code Table train = Datasets.fashionMnist("train");} gives {@code image} (an {@link
 * ImagePixels} cell, as {@code Datasets.mnist()}), {@code label} (0 to 9) and {@code item} (its
 * name: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot).
 */
final class FashionMnist {

    static final String PACKAGE = "dataset-fashion-mnist";
    static final String FOLDER = "/usr/share/datasets/fashion-mnist";
    static final List<String> ITEMS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    static Table table(String split) {
        String prefix = switch (split == null ? "" : split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw new IllegalArgumentException("Fashion-MNIST has the splits \"train\""
                    + " and \"test\". Received: fashionMnist(" + (split == null ? "null"
                    : "\"" + split + "\"") + "). Use fashionMnist(\"train\").");
        };
        Path folder = Path.of(System.getProperty("mtl4j.fashionMnist", FOLDER));
        Path images = folder.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = folder.resolve(prefix + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            throw new IllegalStateException("Fashion-MNIST is not installed: " + images + " or "
                    + labels.getFileName() + " is missing. Install Debian's " + PACKAGE
                    + " (sudo apt-get install " + PACKAGE + "), or set -Dmtl4j.fashionMnist to a"
                    + " folder holding its four IDX files.");
        }
        byte[] pixels = read(images, 2051);
        byte[] classes = read(labels, 2049);
        int count = classes.length;
        int size = 28 * 28;
        if (pixels.length != count * size) {
            throw new IllegalStateException(images + " holds " + pixels.length + " pixel bytes for "
                    + count + " labels, expected " + count * size + ". Reinstall " + PACKAGE + ".");
        }
        StringColumn image = StringColumn.create("image");
        IntColumn label = IntColumn.create("label");
        StringColumn item = StringColumn.create("item");
        byte[] one = new byte[size];
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, i * size, one, 0, size);
            image.append(ImagePixels.encode(one));
            label.append(classes[i]);
            item.append(ITEMS.get(classes[i]));
        }
        return Table.create("fashion-mnist-" + split, image, label, item);
    }

    /** The data bytes of a gzipped IDX file (magic 2049: labels; 2051: 28 × 28 images). */
    static byte[] read(Path file, int magic) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int found = in.readInt();
            if (found != magic) {
                throw new IllegalStateException(file + " is not an IDX file of kind " + magic
                        + ": its magic number is " + found + ". Reinstall " + PACKAGE + ".");
            }
            long bytes = in.readInt();
            if (magic == 2051) {
                bytes *= (long) in.readInt() * in.readInt();
            }
            return in.readNBytes(Math.toIntExact(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
