package org.mtl4j.plot;

import java.awt.Color;
import java.awt.Composite;
import java.awt.CompositeContext;
import java.awt.RenderingHints;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Paints only over pixels of the background colour, so that lines drawn after a chart's series
 * (grid lines of {@link LogAxisLabels}) pass behind them instead of cutting light gaps into them.
 * Bitmaps honour it; vector output (SVG, PDF) ignores composites and draws the lines on top.
 *
 * <p>Example: {@code g.setComposite(new BehindComposite(Color.WHITE)); g.drawLine(…);}
 */
final class BehindComposite implements Composite {

    private final int background;

    BehindComposite(Color background) {
        this.background = background.getRGB() & 0xFFFFFF;
    }

    @Override
    public CompositeContext createContext(ColorModel srcModel, ColorModel dstModel,
            RenderingHints hints) {
        return new CompositeContext() {
            @Override
            public void compose(Raster src, Raster dstIn, WritableRaster dstOut) {
                int width = Math.min(src.getWidth(), dstIn.getWidth());
                int height = Math.min(src.getHeight(), dstIn.getHeight());
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        Object dst = dstIn.getDataElements(dstIn.getMinX() + x,
                                dstIn.getMinY() + y, null);
                        int under = dstModel.getRGB(dst);
                        if ((under & 0xFFFFFF) == background) {
                            int over = srcModel.getRGB(src.getDataElements(src.getMinX() + x,
                                    src.getMinY() + y, null));
                            dst = dstModel.getDataElements(blend(over, under), null);
                        }
                        dstOut.setDataElements(dstOut.getMinX() + x, dstOut.getMinY() + y, dst);
                    }
                }
            }

            @Override
            public void dispose() {}
        };
    }

    /** {@code over} (with its alpha) painted on the opaque colour {@code under}. */
    static int blend(int over, int under) {
        int alpha = over >>> 24;
        int rgb = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) {
            int o = (over >> shift) & 0xFF;
            int u = (under >> shift) & 0xFF;
            rgb |= ((o * alpha + u * (255 - alpha)) / 255) << shift;
        }
        return rgb;
    }
}
