package org.mtl4j.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves charts as PNG or SVG files (creating parent folders). The file is written whole to a
 * temporary file next to the target and then moved into place, so an interrupted save never
 * leaves a half-written chart.
 *
 * <p>Example: {@code ChartFiles.savePng(Charts.loss(history), Path.of("out/loss.png"))}
 */
public final class ChartFiles {

    private ChartFiles() {}

    /** Saves {@code chart} as a PNG at {@code file} (the name should end in .png). */
    public static Path savePng(Chart<?, ?> chart, Path file) {
        return write(file, ".png", tmp -> BitmapEncoder.saveBitmap(
                chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG));
    }

    /** Saves {@code chart} as an SVG at {@code file} (the name should end in .svg). */
    public static Path saveSvg(Chart<?, ?> chart, Path file) {
        return write(file, ".svg", tmp -> VectorGraphicsEncoder.saveVectorGraphic(
                chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }

    /**
     * PNG bytes of {@code chart} (for notebooks and tests). The chart is painted into an opaque
     * RGB image (every mtl4j chart has a white background), which encodes about a third faster
     * than XChart's ARGB bitmap: the live view draws its charts many times per fit.
     */
    public static byte[] pngBytes(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
        return png(image);
    }

    /** Saves a grid of charts as one PNG at {@code file}. */
    public static Path savePng(ChartGrid grid, Path file) {
        return write(file, ".png", tmp -> ImageIO.write(grid.image(), "png",
                new java.io.File(tmp + ".png")));
    }

    /** PNG bytes of a grid of charts (for notebooks and tests). */
    public static byte[] pngBytes(ChartGrid grid) {
        return png(grid.image());
    }

    /** PNG bytes of an image, e.g. an {@link ImageGrid}'s. */
    public static byte[] pngBytes(BufferedImage image) {
        return png(image);
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer {
        void write(Path withoutExtension) throws IOException;
    }

    /** XChart appends {@code extension} to the name it is given; the result is then moved. */
    private static Path write(Path file, String extension, Writer writer) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path base = Files.createTempFile(parent, ".chart-", "");
            Files.delete(base);
            Path written = Path.of(base + extension);
            try {
                writer.write(base);
                return Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save chart to " + file, e);
        }
    }
}
