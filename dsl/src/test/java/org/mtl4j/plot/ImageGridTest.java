package org.mtl4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@Tag("unit")
class ImageGridTest {

    /** Three 2 × 2 grey images (pixel 0 of row i is 200 − i), true and predicted digits. */
    private static Table digits() {
        StringColumn image = StringColumn.create("image");
        for (int i = 0; i < 3; i++) {
            image.append(Base64.getEncoder().encodeToString(
                    new byte[] {(byte) (200 - i), 0, 0, (byte) 255}));
        }
        return Table.create("digits", image, StringColumn.create("digit", "7", "1", "4"),
                StringColumn.create("predicted", "7", "2", "4"));
    }

    @Test
    void drawsEachImageEnlargedWithItsCaptionAndMarksDifferingOnes() {
        ImageGrid grid = ImageGrid.of(digits(), "image", 1, 2, 2, "digit", "predicted");

        // 2 × 2 pixels enlarged 42 times: cells of 84 × 84 plus a caption line, 6 px apart
        BufferedImage image = grid.image();
        assertThat(image.getWidth()).isEqualTo(6 + 3 * (84 + 6));
        assertThat(image.getHeight()).isEqualTo(24 + (84 + 16 + 6));
        assertThat(image.getRGB(6 + 10, 24 + 10) & 0xFFFFFF).isEqualTo(0xC8C8C8);
        assertThat(image.getRGB(6 + 90 + 10, 24 + 10) & 0xFFFFFF).isEqualTo(0xC7C7C7);
        assertThat(image.getRGB(6 + 60, 24 + 60) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(grid.captions()).containsExactly("7 / 7", "1 / 2", "4 / 4");
        assertThat(grid.wrong()).containsExactly(false, true, false);
        assertThat(grid.title()).isEqualTo("image: all 3 of 3 (digit / predicted)");
        assertThat(grid).hasToString(
                "image: all 3 of 3 (digit / predicted)\n  7 / 7  1 / 2 ≠  4 / 4");
    }

    @Test
    void showsTheFirstRowsOfALargeTableEightARow() {
        Table many = digits();
        for (int i = 0; i < 20; i++) {
            many.append(digits());
        }
        ImageGrid grid = ImageGrid.of(many, "image", 1, 2, 2);

        assertThat(grid.title()).isEqualTo("image: the first 48 of 63");
        assertThat(grid.captions()).isEmpty();
        assertThat(grid.image().getWidth()).isEqualTo(6 + 8 * (84 + 6));
        assertThat(grid.image().getHeight()).isEqualTo(24 + 6 * (84 + 6));
    }

    @Test
    void aMissingColumnOrAWrongShapeIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ImageGrid.of(digits(), "pixels", 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'digits' has no column 'pixels'. Received: columns [image,"
                        + " digit, predicted]. Name one of those.");
        assertThatThrownBy(() -> ImageGrid.of(digits(), "image", 1, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Row 0's image has 4 pixel values, not channels × height × width"
                        + " = 1 × 3 × 3 = 9. Pass the image input's shape.");
    }
}
