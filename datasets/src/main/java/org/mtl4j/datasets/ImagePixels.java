package org.mtl4j.datasets;

import java.awt.image.BufferedImage;
import java.util.Base64;

/**
 * The compact form of an image in a Tablesaw table: one string cell holding the Base64 (RFC 4648,
 * with padding) of the image's pixels as unsigned bytes (0 to 255), channel by channel, each
 * channel row by row ({@code channels × height × width} bytes). A 28 × 28 digit is a 1048-character
 * string (about 1.3 bytes per pixel), it prints as a short opaque cell, and mtl4j's {@code
 * image("image", channels, height, width)} input reads it as float32 pixels divided by 255.
 *
 * <p>Example:
 *
 * <pre>{@code
 * byte[] pixels = ImagePixels.decode(Datasets.mnist().stringColumn("image").get(0)); // 784 bytes
 * String cell = ImagePixels.encode(pixels);
 * String photo = ImagePixels.encode(ImageIO.read(file), 3);       // RGB, channel by channel
 * BufferedImage digit = ImagePixels.toImage(cell, 1, 28, 28);     // to look at
 * }</pre>
 */
public final class ImagePixels {

    private ImagePixels() {}

    /** The cell of {@code pixels} (unsigned bytes, channel-major then row-major). */
    public static String encode(byte[] pixels) {
        return Base64.getEncoder().encodeToString(pixels);
    }

    /**
     * The cell of values in [0, 1] (as a model sees them), each rounded to the nearest of the 256
     * levels {@code k / 255}.
     *
     * @throws IllegalArgumentException for a value outside [0, 1], naming it
     */
    public static String encode(float[] values) {
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("Pixel values must be in [0, 1]. Received: "
                        + values[i] + " at index " + i + ". Divide 0-255 values by 255, or pass"
                        + " them as bytes to encode(byte[]).");
            }
            pixels[i] = (byte) Math.round(values[i] * 255);
        }
        return encode(pixels);
    }

    /**
     * The cell of an image: {@code channels} 1 gives its grey levels ({@code round(0.299 R + 0.587
     * G + 0.114 B)}, ITU-R BT.601 as PIL's {@code convert("L")}), 3 its red, green and blue
     * planes, one after the other (as torchvision's {@code ToTensor}); alpha is dropped.
     *
     * @throws IllegalArgumentException for another channel count
     */
    public static String encode(BufferedImage image, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("An image becomes 1 (grey) or 3 (RGB) channels."
                    + " Received: channels=" + channels + ". Use encode(image, 1) or encode(image,"
                    + " 3).");
        }
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] pixels = new byte[channels * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int at = y * width + x;
                if (channels == 1) {
                    pixels[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    pixels[at] = (byte) r;
                    pixels[height * width + at] = (byte) g;
                    pixels[2 * height * width + at] = (byte) b;
                }
            }
        }
        return encode(pixels);
    }

    /**
     * The image of a cell, to look at (a notebook shows a {@code BufferedImage}): grey for 1
     * channel, RGB for 3.
     *
     * @throws IllegalArgumentException if the cell does not hold {@code channels × height ×
     *     width} bytes, or for another channel count
     */
    public static BufferedImage toImage(String cell, int channels, int height, int width) {
        byte[] pixels = decode(cell);
        if ((channels != 1 && channels != 3) || pixels.length != channels * height * width) {
            throw new IllegalArgumentException("The cell holds " + pixels.length + " bytes, not"
                    + " the " + channels + " × " + height + " × " + width + " of a 1- or 3-channel"
                    + " image. Received: toImage(cell, " + channels + ", " + height + ", " + width
                    + "). Pass the image's true size.");
        }
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, pixels[at] & 0xff);
                } else {
                    image.setRGB(x, y, (pixels[at] & 0xff) << 16
                            | (pixels[plane + at] & 0xff) << 8 | (pixels[2 * plane + at] & 0xff));
                }
            }
        }
        return image;
    }

    /**
     * The pixels of a cell.
     *
     * @throws IllegalArgumentException if the cell is not Base64
     */
    public static byte[] decode(String cell) {
        try {
            return Base64.getDecoder().decode(cell);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("An image cell must be the Base64 of its pixel bytes."
                    + " Received: '" + abbreviate(cell) + "'. Write cells with ImagePixels.encode(bytes).",
                    e);
        }
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "…";
    }
}
