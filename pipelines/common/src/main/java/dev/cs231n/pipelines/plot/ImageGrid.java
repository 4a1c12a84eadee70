package dev.cs231n.pipelines.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import dev.cs231n.pipelines.io.AtomicFiles;

/**
 * A PNG grid of small images, one labelled row per class (the course notebooks' first figure).
 */
public final class ImageGrid {

    private static final int LABEL_WIDTH = 90;
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * @param rows      one list of images per row, each image {@code side x side} packed {@code 0xFFRRGGBB}
     * @param rowLabels a label per row
     * @param side      the images' side in pixels
     * @param scale     integer magnification (nearest neighbour)
     * @param file      the PNG to write (atomically)
     * @throws IOException when it cannot be written
     */
    public static void write(List<List<int[]>> rows, List<String> rowLabels, int side, int scale, Path file)
            throws IOException {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int cell = side * scale + GAP;
        BufferedImage canvas = new BufferedImage(LABEL_WIDTH + cols * cell, rows.size() * cell,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            BufferedImage tile = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < rows.size(); r++) {
                g.setColor(Color.BLACK);
                g.drawString(rowLabels.get(r), 4, r * cell + cell / 2 + 5);
                List<int[]> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    tile.setRGB(0, 0, side, side, row.get(c), 0, side);
                    g.drawImage(tile, LABEL_WIDTH + c * cell, r * cell, side * scale, side * scale, null);
                }
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(canvas, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
