package dev.cs231n.pipelines.caption;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import dev.cs231n.datavec.coco.Vocabulary;

/**
 * A COCO folder in the layout of {@code shared/datasets/coco} with small synthetic images whose captions follow
 * their colours: 12 mini train images, 8 mini val images covered by the mini val file, 6 more val images (the
 * evaluation part) in {@code captions_val2017.json} with 3 references each. (Public: the Spark module's caption
 * tests use it too.)
 */
public final class SyntheticCoco {

    static final String[] COLOURS = {"red", "green", "blue", "yellow"};
    static final Color[] RGB = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
    static final String[] SHAPES = {"square", "circle"};

    private SyntheticCoco() {
    }

    static String caption(int colour, int shape, int variant) {
        return switch (variant % 3) {
            case 0 -> "A " + COLOURS[colour] + " " + SHAPES[shape] + " on a table.";
            case 1 -> "a " + SHAPES[shape] + " that is " + COLOURS[colour];
            default -> "The " + COLOURS[colour] + " " + SHAPES[shape] + " sitting on a white table";
        };
    }

    public static Path write(Path root) throws IOException {
        Path train = Files.createDirectories(root.resolve("coco-mini/train2017"));
        Path val = Files.createDirectories(root.resolve("coco-mini/val2017"));
        Files.createDirectories(root.resolve("coco-mini/annotations"));
        Files.createDirectories(root.resolve("cs231n_coco_captioning"));
        List<String> trainImgs = new ArrayList<>();
        List<String> trainAnns = new ArrayList<>();
        List<String> miniValImgs = new ArrayList<>();
        List<String> miniValAnns = new ArrayList<>();
        List<String> fullValImgs = new ArrayList<>();
        List<String> fullValAnns = new ArrayList<>();
        int ann = 1;
        for (int i = 0; i < 26; i++) {
            int colour = i % 4;
            int shape = (i / 4) % 2;
            boolean isTrain = i < 12;
            long id = isTrain ? 1000 + i : 5000 + i;
            String file = String.format("%012d.jpg", id);
            image(isTrain ? train.resolve(file) : val.resolve(file), colour, shape, i);
            String img = "{\"id\": " + id + ", \"file_name\": \"" + file + "\", \"width\": 32, \"height\": 24}";
            int refs = isTrain || i < 20 ? 2 : 3;
            List<String> anns = new ArrayList<>();
            for (int k = 0; k < refs; k++) {
                anns.add("{\"image_id\": " + id + ", \"id\": " + (ann++) + ", \"caption\": \""
                        + caption(colour, shape, k) + "\"}");
            }
            if (isTrain) {
                trainImgs.add(img);
                trainAnns.addAll(anns);
            } else {
                fullValImgs.add(img);
                fullValAnns.addAll(anns);
                if (i < 20) {
                    miniValImgs.add(img);
                    miniValAnns.addAll(anns);
                }
            }
        }
        json(root.resolve("coco-mini/annotations/captions_train2017.json"), trainImgs, trainAnns);
        json(root.resolve("coco-mini/annotations/captions_val2017.json"), miniValImgs, miniValAnns);
        json(root.resolve("captions_val2017.json"), fullValImgs, fullValAnns);
        Vocabulary.of(List.of("a", "the", "on", "table", "that", "is", "sitting", "white", "red", "green", "blue",
                "yellow", "square", "circle")).save(root.resolve("cs231n_coco_captioning/coco2014_vocab.json"));
        return root;
    }

    private static void json(Path f, List<String> images, List<String> anns) throws IOException {
        Files.writeString(f, "{\"info\": {}, \"images\": [" + String.join(",\n", images) + "],\n\"annotations\": ["
                + String.join(",\n", anns) + "]}", StandardCharsets.UTF_8);
    }

    private static void image(Path f, int colour, int shape, int i) throws IOException {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 250, 250 - 3 * i));
        g.fillRect(0, 0, 32, 24);
        g.setColor(RGB[colour]);
        if (shape == 0) {
            g.fillRect(6, 4, 20, 16);
        } else {
            g.fillOval(6, 2, 20, 20);
        }
        g.dispose();
        ImageIO.write(img, "jpg", f.toFile());
    }
}
