package org.mtl4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Images of a table's image column side by side, each with a caption from other columns: the
 * first rows of a data set, or its test rows with their true and predicted labels. Cells are the
 * image column's format ({@code image(column, channels, height, width)}: Base64 of the uint8
 * pixels, channel by channel), enlarged by a whole factor to about 84 pixels. With two caption
 * columns (e.g. the true and the predicted label) a row whose two values differ has its caption
 * in the theme's red, so wrong predictions stand out. A notebook shows the grid as an image.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Table test = MultiMnist.table(300, 2);
 * Table shown = test.first(24).addColumns(model.predict(test.first(24)).stringColumn("left")
 *     .setName("predicted"));
 * ImageGrid.of(shown, "image", 1, 36, 36, "left", "predicted")   // 24 digits, 8 a row
 * }</pre>
 */
public final class ImageGrid {

    /** Images shown at most (the first rows). */
    public static final int MAX_IMAGES = 48;

    /** Images per row of the grid. */
    public static final int PER_ROW = 8;

    private static final int CELL = 84;
    private static final int GAP = 6;
    private static final int CAPTION = 16;
    private static final int TITLE = 24;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final String title;
    private final List<String> captions;
    private final List<Boolean> wrong;
    private final BufferedImage image;

    private ImageGrid(String title, List<String> captions, List<Boolean> wrong,
            BufferedImage image) {
        this.title = title;
        this.captions = List.copyOf(captions);
        this.wrong = List.copyOf(wrong);
        this.image = image;
    }

    /**
     * The grid of the first {@value #MAX_IMAGES} rows of {@code table}.
     *
     * @param column the image column (Base64 of channels × height × width uint8 pixels)
     * @param captionColumns columns whose values make each image's caption (none: no captions)
     * @throws IllegalArgumentException for a missing column, an empty table or a cell whose pixel
     *     count is not channels × height × width
     */
    public static ImageGrid of(Table table, String column, int channels, int height, int width,
            String... captionColumns) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("An image grid shows grey (1 channel) or RGB (3"
                    + " channels) images. Received: channels=" + channels + ". Use 1 or 3.");
        }
        for (String name : concat(column, captionColumns)) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException("Table '" + table.name() + "' has no column '"
                        + name + "'. Received: columns " + table.columnNames() + ". Name one of"
                        + " those.");
            }
        }
        if (table.isEmpty()) {
            throw new IllegalArgumentException("Table '" + table.name() + "' has no rows to"
                    + " show. Pass rows with images, e.g. table.first(24).");
        }
        int shown = Math.min(MAX_IMAGES, table.rowCount());
        int scale = Math.max(1, Math.round((float) CELL / Math.max(height, width)));
        int cellWidth = width * scale;
        int cellHeight = height * scale + (captionColumns.length == 0 ? 0 : CAPTION);
        int perRow = Math.min(PER_ROW, shown);
        int rows = (shown + perRow - 1) / perRow;
        String title = String.format(Locale.ROOT, "%s: %s of %d", column,
                shown == table.rowCount() ? "all " + shown : "the first " + shown,
                table.rowCount()) + (captionColumns.length == 0 ? ""
                        : " (" + String.join(" / ", captionColumns) + ")");
        BufferedImage grid = new BufferedImage(GAP + perRow * (cellWidth + GAP),
                TITLE + rows * (cellHeight + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        List<String> captions = new ArrayList<>();
        List<Boolean> wrong = new ArrayList<>();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Theme.TEXT);
            graphics.setFont(TITLE_FONT);
            graphics.drawString(title, GAP, TITLE - 8);
            graphics.setFont(CAPTION_FONT);
            FontMetrics metrics = graphics.getFontMetrics();
            for (int i = 0; i < shown; i++) {
                Row row = table.row(i);
                int x = GAP + (i % perRow) * (cellWidth + GAP);
                int y = TITLE + (i / perRow) * (cellHeight + GAP);
                BufferedImage picture = picture(row.getString(column), i, channels, height,
                        width);
                graphics.drawImage(picture, x, y, cellWidth, height * scale, null);
                if (captionColumns.length > 0) {
                    List<String> values = new ArrayList<>();
                    for (String name : captionColumns) {
                        values.add(String.valueOf(row.getObject(name)));
                    }
                    String caption = String.join(" / ", values);
                    boolean differs = values.size() == 2 && !values.get(0).equals(values.get(1));
                    captions.add(caption);
                    wrong.add(differs);
                    graphics.setColor(differs ? TaskColors.of(2) : Theme.TEXT);
                    graphics.drawString(caption,
                            x + Math.max(0, (cellWidth - metrics.stringWidth(caption)) / 2),
                            y + height * scale + CAPTION - 4);
                }
            }
        } finally {
            graphics.dispose();
        }
        return new ImageGrid(title, captions, wrong, grid);
    }

    /** The grid's title, e.g. "image: the first 48 of 300 (left / predicted)". */
    public String title() {
        return title;
    }

    /** Each shown image's caption, in row order (empty without caption columns). */
    public List<String> captions() {
        return captions;
    }

    /** Per shown image, whether its two caption values differ (drawn in red). */
    public List<Boolean> wrong() {
        return wrong;
    }

    /** The grid as one image. */
    public BufferedImage image() {
        return image;
    }

    /** The title, and the captions with the differing ones marked "≠". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(title);
        for (int i = 0; i < captions.size(); i++) {
            text.append(i % PER_ROW == 0 ? "\n  " : "  ").append(captions.get(i))
                    .append(wrong.get(i) ? " ≠" : "");
        }
        return text.toString();
    }

    private static BufferedImage picture(String cell, int row, int channels, int height,
            int width) {
        byte[] pixels = cell == null ? new byte[0] : Base64.getDecoder().decode(cell);
        int plane = height * width;
        if (pixels.length != channels * plane) {
            throw new IllegalArgumentException("Row " + row + "'s image has " + pixels.length
                    + " pixel values, not channels × height × width = " + channels + " × "
                    + height + " × " + width + " = " + channels * plane + ". Pass the image"
                    + " input's shape.");
        }
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < plane; p++) {
            int r = pixels[p] & 0xFF;
            int g = channels == 3 ? pixels[plane + p] & 0xFF : r;
            int b = channels == 3 ? pixels[2 * plane + p] & 0xFF : r;
            picture.setRGB(p % width, p / width, (r << 16) | (g << 8) | b);
        }
        return picture;
    }

    private static List<String> concat(String first, String[] rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
