package dev.cs231n.datavec.coco;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Synthetic COCO data for the tests: small annotation files and images drawn with java.awt. */
final class CocoTestData {

    private CocoTestData() {
    }

    /**
     * A well-formed annotations file, one field per line so JSON positions are predictable: images 1 (a.png),
     * 2 (b.png), 3 (c.png, no captions); captions 10, 11 on image 1, 20 on image 2; extra keys to skip.
     */
    static String annotations() {
        return String.join("\n",
                "{",
                "\"info\": {\"description\": \"synthetic\", \"nested\": [1, {\"x\": [2, 3]}]},",
                "\"licenses\": [{\"id\": 1, \"name\": \"x\"}],",
                "\"images\": [",
                "{\"id\": 1, \"file_name\": \"a.png\", \"width\": 8, \"height\": 6, \"coco_url\": \"u\"},",
                "{\"id\": 2, \"file_name\": \"b.png\", \"width\": 8, \"height\": 6},",
                "{\"id\": 3, \"file_name\": \"c.png\", \"width\": 8, \"height\": 6}",
                "],",
                "\"type\": \"captions\",",
                "\"annotations\": [",
                "{\"image_id\": 1, \"id\": 10, \"caption\": \"A red square, on the LEFT.\"},",
                "{\"image_id\": 2, \"id\": 20, \"caption\": \"A blue square\"},",
                "{\"image_id\": 1, \"id\": 11, \"caption\": \"the red square\"}",
                "]",
                "}");
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    /** Writes an 8x6 PNG: left half {@code left}, right half {@code right}. */
    static Path png(Path dir, String name, Color left, Color right) throws IOException {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, 4, 6);
        g.setColor(right);
        g.fillRect(4, 0, 4, 6);
        g.dispose();
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    /** Writes the images of {@link #annotations()} into {@code dir}. */
    static void images(Path dir) throws IOException {
        png(dir, "a.png", Color.RED, Color.RED);
        png(dir, "b.png", Color.BLUE, Color.BLUE);
        png(dir, "c.png", Color.GREEN, Color.GREEN);
    }
}
