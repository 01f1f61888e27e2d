package org.mtl4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ImagePixelsTest {

    @Test
    void rgbImagesBecomeChannelPlanesAndGreyLevelsAndBack() {
        // GIVEN a 2 × 1 image: pure red, then white
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0xffffff);

        // THEN RGB gives the red plane, the green plane, the blue plane
        byte[] rgb = ImagePixels.decode(ImagePixels.encode(image, 3));
        assertThat(rgb).containsExactly((byte) 255, (byte) 255, 0, (byte) 255, 0, (byte) 255);
        // AND grey gives BT.601 luminance: round(0.299 × 255) = 76, then 255
        assertThat(ImagePixels.decode(ImagePixels.encode(image, 1)))
                .containsExactly(76, (byte) 255);
        // AND toImage gives the picture back
        BufferedImage back = ImagePixels.toImage(ImagePixels.encode(image, 3), 3, 1, 2);
        assertThat(back.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(back.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
        BufferedImage digit = ImagePixels.toImage(Datasets.mnist().stringColumn("image").get(0), 1,
                28, 28);
        assertThat(digit.getRaster().getSample(0, 0, 0)).isZero();
    }

    @Test
    void floatValuesAreRoundedToByteLevelsAndCheckedAgainstTheRange() {
        assertThat(ImagePixels.decode(ImagePixels.encode(new float[] {0f, 0.5f, 1f})))
                .containsExactly(0, (byte) 128, (byte) 255);
        assertThatThrownBy(() -> ImagePixels.encode(new float[] {0f, 3f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Pixel values must be in [0, 1]. Received: 3.0 at index 1. Divide"
                        + " 0-255 values by 255, or pass them as bytes to encode(byte[]).");
        assertThatThrownBy(() -> ImagePixels.toImage(ImagePixels.encode(new byte[4]), 1, 28, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The cell holds 4 bytes, not the 1 × 28 × 28 of a 1- or 3-channel"
                        + " image. Received: toImage(cell, 1, 28, 28). Pass the image's true size.");
    }
}
