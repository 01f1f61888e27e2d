package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

@Tag("unit")
class MnistTest {

    @Test
    void mnistHasTheSourceFilesDigitsAs28By28Bytes() {
        // GIVEN the shipped digits
        Table mnist = Datasets.mnist();

        // THEN there are the source's per-digit counts (src/digits/{0..9}.json), in file order
        assertThat(mnist.rowCount()).isEqualTo(10_000);
        assertThat(mnist.columnNames()).containsExactly("image", "digit");
        int[] counts = new int[10];
        for (int d : mnist.intColumn("digit").asIntArray()) {
            counts[d]++;
        }
        assertThat(counts).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        assertThat(mnist.intColumn("digit").get(0)).isZero();
        assertThat(mnist.intColumn("digit").get(9999)).isEqualTo(9);
        // AND every cell decodes to 784 pixels, with ink on a dark background
        byte[] first = ImagePixels.decode(mnist.stringColumn("image").get(0));
        assertThat(first).hasSize(784);
        int ink = 0;
        for (byte b : first) {
            ink += (b & 0xff) > 127 ? 1 : 0;
        }
        assertThat(ink).isBetween(40, 300);
        assertThat(first[0]).isZero();
    }

    @Test
    void imageCellsRoundTripAndBadCellsAreNamed() {
        byte[] pixels = {0, 1, (byte) 200, (byte) 255};
        assertThat(ImagePixels.decode(ImagePixels.encode(pixels))).containsExactly(pixels);
        assertThatThrownBy(() -> ImagePixels.decode("not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An image cell must be the Base64 of its pixel bytes. Received:"
                        + " 'not base64!'. Write cells with ImagePixels.encode(bytes).");
    }

    @Test
    void multiMnistIsDeterministicPerSeedWithTwoDigitsPerCanvas() {
        // GIVEN two draws with one seed and one with another
        Table a = MultiMnist.table(300, 7);
        Table b = MultiMnist.table(300, 7);
        Table c = MultiMnist.table(300, 8);

        // THEN the same seed gives the same table, another seed another
        assertThat(a.stringColumn("image").asList()).isEqualTo(b.stringColumn("image").asList());
        assertThat(a.intColumn("left").asList()).isEqualTo(b.intColumn("left").asList());
        assertThat(a.intColumn("right").asList()).isEqualTo(b.intColumn("right").asList());
        assertThat(a.stringColumn("image").asList()).isNotEqualTo(c.stringColumn("image").asList());
        // AND canvases are 36 × 36 and both label columns cover all ten digits
        assertThat(a.columnNames()).containsExactly("image", "left", "right");
        assertThat(ImagePixels.decode(a.stringColumn("image").get(0))).hasSize(36 * 36);
        assertThat(distinct(a.intColumn("left"))).isEqualTo(10);
        assertThat(distinct(a.intColumn("right"))).isEqualTo(10);
        // AND ink lands in the upper-left and in the lower-right part of the canvases
        long topLeft = 0;
        long bottomRight = 0;
        for (String cell : a.stringColumn("image")) {
            byte[] canvas = ImagePixels.decode(cell);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    topLeft += canvas[(8 + y) * 36 + 8 + x] & 0xff;
                    bottomRight += canvas[(24 + y) * 36 + 24 + x] & 0xff;
                }
            }
        }
        assertThat(topLeft).isPositive();
        assertThat(bottomRight).isPositive();
    }

    @Test
    void multiMnistRejectsNegativeRows() {
        assertThatThrownBy(() -> MultiMnist.table(-1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MultiMnist.table() needs a row count of 0 or more. Received: rows=-1."
                        + " Use e.g. MultiMnist.table(2000, 42).");
    }

    private static long distinct(IntColumn column) {
        return column.asList().stream().distinct().count();
    }
}
