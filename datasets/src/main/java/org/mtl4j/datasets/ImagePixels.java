package org.mtl4j.datasets;

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
 * }</pre>
 */
public final class ImagePixels {

    private ImagePixels() {}

    /** The cell of {@code pixels} (unsigned bytes, channel-major then row-major). */
    public static String encode(byte[] pixels) {
        return Base64.getEncoder().encodeToString(pixels);
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
