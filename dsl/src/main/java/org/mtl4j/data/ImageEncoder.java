package org.mtl4j.data;

import java.nio.FloatBuffer;
import java.util.Base64;
import org.mtl4j.spec.inputs.ImageInput;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Decodes an image column (Base64 of {@code channels × height × width} unsigned bytes per cell)
 * into float32 pixels divided by 255; it learns nothing from the data.
 */
final class ImageEncoder implements ColumnEncoder {

    private static final float SCALE = 1f / 255f;

    private final ImageInput input;

    ImageEncoder(ImageInput input) {
        this.input = input;
    }

    @Override
    public int width() {
        return input.pixels();
    }

    @Override
    public void encode(Table table, int[] rows, FloatBuffer out, int stride, int offset) {
        StringColumn cells = column(table);
        for (int r = 0; r < rows.length; r++) {
            byte[] pixels = pixels(cells, rows[r]);
            int base = r * stride + offset;
            for (int p = 0; p < pixels.length; p++) {
                out.put(base + p, (pixels[p] & 0xff) * SCALE);
            }
        }
    }

    private byte[] pixels(StringColumn cells, int row) {
        if (cells.isMissing(row)) {
            throw new IllegalArgumentException("Column '" + input.column() + "' has no image at row "
                    + row + ". " + input + " needs an image in every row: drop rows without one"
                    + " (table.dropWhere(table.stringColumn(\"" + input.column()
                    + "\").isMissing())).");
        }
        byte[] pixels;
        try {
            pixels = Base64.getDecoder().decode(cells.get(row));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Column '" + input.column() + "' row " + row
                    + " is not a Base64 image cell. Received: '" + abbreviate(cells.get(row))
                    + "'. Write cells with ImagePixels.encode(bytes) (module mtl4j-datasets).", e);
        }
        if (pixels.length != input.pixels()) {
            throw new IllegalArgumentException("Column '" + input.column() + "' row " + row
                    + " holds " + pixels.length + " pixel bytes, but " + input + " expects "
                    + input.channels() + " × " + input.height() + " × " + input.width() + " = "
                    + input.pixels() + ". Declare the images' true size.");
        }
        return pixels;
    }

    private StringColumn column(Table table) {
        Column<?> column = Columns.find(table, input.column(), input.toString());
        if (!(column instanceof StringColumn cells)) {
            throw new IllegalArgumentException(input + " needs a string column of Base64 image"
                    + " cells, but '" + input.column() + "' is " + column.type().name() + ". Use"
                    + " a table from Datasets.mnist() or MultiMnist.table(...), or write cells with"
                    + " ImagePixels.encode(bytes).");
        }
        return cells;
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 20 ? cell : cell.substring(0, 20) + "…";
    }

    @Override
    public String describe() {
        return input.column() + ": image " + input.channels() + " × " + input.height() + " × "
                + input.width() + ", pixels / 255";
    }

    @Override
    public EncoderState state() {
        return new EncoderState.Image(input.column());
    }
}
