package org.mtl4j.spec.inputs;

import java.util.List;

/**
 * Images, one per row, read from a string column whose cells hold each image's pixels as
 * unsigned bytes (0 to 255; channel by channel, each row by row: {@code channels × height ×
 * width} bytes) in Base64, as {@code org.mtl4j.datasets.ImagePixels.encode(bytes)} writes them (and
 * {@code Datasets.mnist()} and {@code MultiMnist.table(...)} give them). Pixels reach the model as
 * float32 divided by 255, so in [0, 1], with nothing learnt from the data. The network sees each
 * image as {@code channels × height × width} ({@code conv2d}, pooling, {@code batchNorm}), until a
 * {@code flatten()} or {@code globalAvgPool()}. An image input must be the model's only input.
 * Memory: a Base64 cell costs about 1.3 bytes per pixel in the table, and a fit holds its rows as
 * float32 (4 bytes per pixel).
 *
 * <p>Example: {@code .input(image("image", 1, 28, 28)).trunk(conv2d(8, 5), relu(), maxPool(2),
 * flatten(), dense(32), relu())}
 *
 * @param column the string column holding the images
 * @param channels channels per image (1 for grey levels, 3 for RGB), at least 1
 * @param height height in pixels, at least 1
 * @param width width in pixels, at least 1
 */
public record ImageInput(String column, int channels, int height, int width) implements Input {

    /** Validates the column and the image size. */
    public ImageInput {
        InputColumns.check("image", column == null ? null : java.util.Arrays.asList(column));
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image() needs at least 1 channel and a height and"
                    + " width of at least 1 pixel. Received: " + call(column, channels, height,
                    width) + ". Use e.g. image(\"" + column + "\", 1, 28, 28).");
        }
    }

    /** Number of values per image: channels × height × width. */
    public int pixels() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public String toString() {
        return call(column, channels, height, width);
    }

    private static String call(String column, int channels, int height, int width) {
        return "image(\"" + column + "\", " + channels + ", " + height + ", " + width + ")";
    }
}
