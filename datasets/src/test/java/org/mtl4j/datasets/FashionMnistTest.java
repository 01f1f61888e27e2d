package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

@Tag("unit")
@org.junit.jupiter.api.parallel.ResourceLock("system property mtl4j.fashionMnist")
class FashionMnistTest {

    @Test
    void readsIdxFilesIntoImageCellsAndItemNames(@TempDir Path folder) throws IOException {
        // GIVEN a test split of two images in the IDX format Debian's package installs
        byte[] first = new byte[784];
        byte[] second = new byte[784];
        first[0] = (byte) 255;
        second[783] = 7;
        idx(folder.resolve("t10k-images-idx3-ubyte.gz"), 2051, 2, true, first, second);
        idx(folder.resolve("t10k-labels-idx1-ubyte.gz"), 2049, 2, false, new byte[] {9, 0});

        // WHEN it is read
        Table test = withFolder(folder, () -> Datasets.fashionMnist("test"));

        // THEN the pixels, labels and names come through
        assertThat(test.columnNames()).containsExactly("image", "label", "item");
        assertThat(ImagePixels.decode(test.stringColumn("image").get(0))).containsExactly(first);
        assertThat(ImagePixels.decode(test.stringColumn("image").get(1))).containsExactly(second);
        assertThat(test.intColumn("label").asList()).containsExactly(9, 0);
        assertThat(test.stringColumn("item").asList()).containsExactly("Ankle boot", "T-shirt/top");
    }

    @Test
    void aMissingInstallationNamesTheDebianPackage(@TempDir Path empty) {
        assertThatThrownBy(() -> withFolder(empty, () -> Datasets.fashionMnist("train")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Fashion-MNIST is not installed: " + empty.resolve(
                        "train-images-idx3-ubyte.gz") + " or train-labels-idx1-ubyte.gz is"
                        + " missing. Install Debian's dataset-fashion-mnist (sudo apt-get install"
                        + " dataset-fashion-mnist), or set -Dmtl4j.fashionMnist to a folder"
                        + " holding its four IDX files.");
        assertThatThrownBy(() -> Datasets.fashionMnist("validation"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fashion-MNIST has the splits \"train\" and \"test\". Received:"
                        + " fashionMnist(\"validation\"). Use fashionMnist(\"train\").");
    }

    /**
     * The installed package's files, by checksum, and their row counts. .ci/install installs the
     * package; on a machine without it this test is reported as skipped, not passed.
     */
    @Test
    void theInstalledPackageHasTheKnownFiles() throws Exception {
        Path folder = Path.of(System.getProperty("mtl4j.fashionMnist", FashionMnist.FOLDER));
        Assumptions.assumeTrue(Files.isDirectory(folder), "dataset-fashion-mnist not installed");
        assertThat(sha256(folder.resolve("train-images-idx3-ubyte.gz")))
                .isEqualTo("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7");
        assertThat(sha256(folder.resolve("train-labels-idx1-ubyte.gz")))
                .isEqualTo("0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056");
        assertThat(sha256(folder.resolve("t10k-images-idx3-ubyte.gz")))
                .isEqualTo("cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa");
        assertThat(sha256(folder.resolve("t10k-labels-idx1-ubyte.gz")))
                .isEqualTo("8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");
        Table test = Datasets.fashionMnist("test");
        assertThat(test.rowCount()).isEqualTo(10_000);
        assertThat(test.intColumn("label").countUnique()).isEqualTo(10);
    }

    private static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static void idx(Path file, int magic, int count, boolean images, byte[]... rows)
            throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            out.writeInt(count);
            if (images) {
                out.writeInt(28);
                out.writeInt(28);
            }
            for (byte[] row : rows) {
                out.write(row);
            }
        }
    }

    private static <T> T withFolder(Path folder, java.util.function.Supplier<T> read) {
        String before = System.getProperty("mtl4j.fashionMnist");
        System.setProperty("mtl4j.fashionMnist", folder.toString());
        try {
            return read.get();
        } finally {
            if (before == null) {
                System.clearProperty("mtl4j.fashionMnist");
            } else {
                System.setProperty("mtl4j.fashionMnist", before);
            }
        }
    }
}
