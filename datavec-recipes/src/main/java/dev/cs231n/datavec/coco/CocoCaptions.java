package dev.cs231n.datavec.coco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonLocation;
import org.nd4j.shade.jackson.core.JsonParseException;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * The official COCO captions annotations file ({@code captions_train2017.json}, {@code captions_val2017.json}, ...)
 * read with Jackson's streaming {@link JsonParser}: no JSON tree is built, only the {@code images} entries
 * ({@code id}, {@code file_name}, {@code width}, {@code height}) and the {@code annotations} entries ({@code id},
 * {@code image_id}, {@code caption}); every other key is skipped unread.
 *
 * <p>Each caption is joined to its image by {@code image_id}; when {@link Options#imageDir()} is given, also to its
 * image file there. Bad items (an annotation naming an image id that {@code images} does not hold; a caption that
 * is empty or has no word; an image file missing from the image directory) fail with a
 * {@link CocoFormatException} naming the file, the annotation and its JSON line and column, or, with
 * {@link Options#skipBad()}, are left out and counted in {@link #skipped()}. Structural faults (malformed JSON, a
 * missing or mistyped field, a repeated image id) always fail. No caption is ever paired with another image.
 *
 * <p>Records come as {@link #pairs()} (one per caption, file order) or {@link #byImage()} (one per image with all
 * its captions, the {@code images} array's order). Immutable once read.
 */
public final class CocoCaptions {

    /**
     * How to read.
     *
     * @param imageDir the folder holding the images' {@code file_name}s, or null to skip the file check
     * @param skipBad  skip and count bad items instead of failing
     */
    public record Options(Path imageDir, boolean skipBad) {

        /** @return strict reading without the image-file check */
        public static Options strict() {
            return new Options(null, false);
        }

        /**
         * @param dir the image folder to check files against
         * @return these options with that folder
         */
        public Options withImageDir(Path dir) {
            return new Options(dir, skipBad);
        }

        /**
         * @param skip whether to skip and count bad items
         * @return these options with that choice
         */
        public Options withSkipBad(boolean skip) {
            return new Options(imageDir, skip);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Path imageDir;
    private final Map<Long, CocoImage> images;
    private final List<CocoCaption> captions;
    private final SkipReport skipped;

    private CocoCaptions(Path file, Path imageDir, Map<Long, CocoImage> images, List<CocoCaption> captions,
                         SkipReport skipped) {
        this.file = file;
        this.imageDir = imageDir;
        this.images = Collections.unmodifiableMap(images);
        this.captions = Collections.unmodifiableList(captions);
        this.skipped = skipped;
    }

    /**
     * Reads an annotations file strictly, without the image-file check.
     *
     * @param annotations the JSON file
     * @return the captions
     * @throws IOException as {@link #read(Path, Options)}
     */
    public static CocoCaptions read(Path annotations) throws IOException {
        return read(annotations, Options.strict());
    }

    /**
     * Reads an annotations file.
     *
     * @param annotations the JSON file
     * @param options     image folder and bad-item policy
     * @return the captions
     * @throws NoSuchFileException if the file (or the image folder) does not exist
     * @throws CocoFormatException on malformed JSON (with line and column), a missing or mistyped field, a repeated
     *                             image id, or, unless skipping, a bad item
     * @throws IOException         on read errors
     */
    public static CocoCaptions read(Path annotations, Options options) throws IOException {
        if (!Files.isRegularFile(annotations)) {
            throw new NoSuchFileException(annotations.toString(), null, "COCO annotations file not found");
        }
        if (options.imageDir() != null && !Files.isDirectory(options.imageDir())) {
            throw new NoSuchFileException(options.imageDir().toString(), null, "COCO image folder not found");
        }
        Map<Long, CocoImage> images = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        boolean sawImages = false;
        boolean sawAnnotations = false;
        try (InputStream in = Files.newInputStream(annotations); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(annotations, p, null, "a COCO annotations file holds one JSON object, found "
                        + p.currentToken());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.getCurrentName();
                JsonToken value = p.nextToken();
                if ("images".equals(key)) {
                    expectArray(annotations, p, value, key);
                    sawImages = true;
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        CocoImage image = readImage(annotations, p, index);
                        CocoImage before = images.putIfAbsent(image.id(), image);
                        if (before != null) {
                            throw error(annotations, p, "images[" + index + "] (id " + image.id() + ")",
                                    "image id repeated (first with file_name " + before.fileName() + ")");
                        }
                        index++;
                    }
                } else if ("annotations".equals(key)) {
                    expectArray(annotations, p, value, key);
                    sawAnnotations = true;
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        pending.add(readAnnotation(annotations, p, index));
                        index++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw error(annotations, p, null, "expected a field name or the end of the object, found "
                        + p.currentToken());
            }
        } catch (JsonParseException e) {
            JsonLocation loc = e.getLocation();
            throw new CocoFormatException(annotations, null, loc == null ? -1 : loc.getLineNr(),
                    loc == null ? -1 : loc.getColumnNr(), "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!sawImages) {
            throw new CocoFormatException(annotations, null, "no \"images\" array: not a COCO annotations file");
        }
        if (!sawAnnotations) {
            throw new CocoFormatException(annotations, null, "no \"annotations\" array: not a COCO annotations file");
        }
        return join(annotations, options, images, pending);
    }

    private record Pending(CocoCaption caption, int index, long line, long column) {
    }

    private static CocoCaptions join(Path file, Options options, Map<Long, CocoImage> images, List<Pending> pending)
            throws CocoFormatException {
        SkipReport skipped = new SkipReport();
        Map<Long, Boolean> fileExists = new HashMap<>();
        List<CocoCaption> captions = new ArrayList<>(pending.size());
        for (Pending pc : pending) {
            CocoCaption c = pc.caption();
            String item = "annotations[" + pc.index() + "] (id " + c.id() + ", image_id " + c.imageId() + ")";
            CocoImage image = images.get(c.imageId());
            CocoFormatException problem = null;
            SkipReport.Reason reason = null;
            if (image == null) {
                reason = SkipReport.Reason.UNKNOWN_IMAGE_ID;
                problem = new CocoFormatException(file, item, pc.line(), pc.column(),
                        "image_id " + c.imageId() + " is not in the \"images\" array", null);
            } else if (CaptionText.isEmpty(c.text())) {
                reason = SkipReport.Reason.EMPTY_CAPTION;
                problem = new CocoFormatException(file, item, pc.line(), pc.column(),
                        "caption has no word: \"" + c.text() + "\"", null);
            } else if (options.imageDir() != null && !fileExists.computeIfAbsent(image.id(),
                    id -> Files.isRegularFile(options.imageDir().resolve(image.fileName())))) {
                reason = SkipReport.Reason.MISSING_IMAGE_FILE;
                problem = new CocoFormatException(file, item, pc.line(), pc.column(), "image file "
                        + options.imageDir().resolve(image.fileName()) + " does not exist", null);
            }
            if (problem != null) {
                if (!options.skipBad()) {
                    throw problem;
                }
                skipped.add(reason, problem.getMessage());
                continue;
            }
            captions.add(c);
        }
        return new CocoCaptions(file, options.imageDir(), images, captions, skipped);
    }

    private static CocoImage readImage(Path file, JsonParser p, int index) throws IOException {
        String item = "images[" + index + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, p, item, "expected an object, found " + p.currentToken());
        }
        Long id = null;
        String fileName = null;
        int width = 0;
        int height = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "id" -> id = longValue(file, p, t, item, key);
                case "file_name" -> fileName = stringValue(file, p, t, item, key);
                case "width" -> width = (int) longValue(file, p, t, item, key);
                case "height" -> height = (int) longValue(file, p, t, item, key);
                default -> p.skipChildren();
            }
        }
        if (id == null) {
            throw error(file, p, item, "no \"id\"");
        }
        if (fileName == null || fileName.isBlank()) {
            throw error(file, p, item + " (id " + id + ")", "no \"file_name\"");
        }
        return new CocoImage(id, fileName, width, height);
    }

    private static Pending readAnnotation(Path file, JsonParser p, int index) throws IOException {
        String item = "annotations[" + index + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, p, item, "expected an object, found " + p.currentToken());
        }
        JsonLocation start = p.getTokenLocation();
        Long id = null;
        Long imageId = null;
        String caption = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "id" -> id = longValue(file, p, t, item, key);
                case "image_id" -> imageId = longValue(file, p, t, item, key);
                case "caption" -> caption = stringValue(file, p, t, item, key);
                default -> p.skipChildren();
            }
        }
        if (id == null) {
            throw error(file, p, item, "no \"id\"");
        }
        item = item + " (id " + id + ")";
        if (imageId == null) {
            throw error(file, p, item, "no \"image_id\"");
        }
        if (caption == null) {
            throw error(file, p, item, "no \"caption\"");
        }
        return new Pending(new CocoCaption(id, imageId, caption), index, start.getLineNr(), start.getColumnNr());
    }

    private static long longValue(Path file, JsonParser p, JsonToken t, String item, String key) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw error(file, p, item, "\"" + key + "\" must be an integer, found " + t + " " + p.getText());
        }
        return p.getLongValue();
    }

    private static String stringValue(Path file, JsonParser p, JsonToken t, String item, String key)
            throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw error(file, p, item, "\"" + key + "\" must be a string, found " + t + " " + p.getText());
        }
        return p.getText();
    }

    private static void expectArray(Path file, JsonParser p, JsonToken t, String key) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw error(file, p, key, "must be an array, found " + t);
        }
    }

    private static CocoFormatException error(Path file, JsonParser p, String item, String detail) {
        JsonLocation loc = p.getTokenLocation();
        return new CocoFormatException(file, item, loc.getLineNr(), loc.getColumnNr(), detail, null);
    }

    /** @return the annotations file read */
    public Path file() {
        return file;
    }

    /** @return the image folder the files were checked against, or null */
    public Path imageDir() {
        return imageDir;
    }

    /** @return every image of the {@code images} array by id, in file order (with or without captions) */
    public Map<Long, CocoImage> images() {
        return images;
    }

    /** @return the captions kept, in file order */
    public List<CocoCaption> captions() {
        return captions;
    }

    /** @return what was skipped (empty unless read with {@code skipBad}) */
    public SkipReport skipped() {
        return skipped;
    }

    /**
     * @param image an image of this file
     * @return its file in the image folder
     * @throws IllegalStateException when read without an image folder
     */
    public Path imagePath(CocoImage image) {
        if (imageDir == null) {
            throw new IllegalStateException(file + " was read without an image folder");
        }
        return imageDir.resolve(image.fileName());
    }

    /** @return one record per caption, in file order */
    public List<CaptionPair> pairs() {
        List<CaptionPair> out = new ArrayList<>(captions.size());
        for (CocoCaption c : captions) {
            out.add(new CaptionPair(images.get(c.imageId()), c));
        }
        return out;
    }

    /** @return one record per image that has a caption, in the {@code images} array's order */
    public List<ImageCaptions> byImage() {
        Map<Long, List<CocoCaption>> grouped = new LinkedHashMap<>();
        for (CocoImage image : images.values()) {
            grouped.put(image.id(), new ArrayList<>());
        }
        for (CocoCaption c : captions) {
            grouped.get(c.imageId()).add(c);
        }
        List<ImageCaptions> out = new ArrayList<>();
        for (Map.Entry<Long, List<CocoCaption>> e : grouped.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add(new ImageCaptions(images.get(e.getKey()), e.getValue()));
            }
        }
        return out;
    }

    /**
     * The subset of images accepted by a filter, with their captions (e.g. the images of an evaluation split).
     *
     * @param keep which images to keep
     * @return a new instance over the kept images; its skip report is this one's
     */
    public CocoCaptions retainImages(Predicate<CocoImage> keep) {
        Map<Long, CocoImage> kept = new LinkedHashMap<>();
        for (CocoImage image : images.values()) {
            if (keep.test(image)) {
                kept.put(image.id(), image);
            }
        }
        List<CocoCaption> caps = new ArrayList<>();
        for (CocoCaption c : captions) {
            if (kept.containsKey(c.imageId())) {
                caps.add(c);
            }
        }
        return new CocoCaptions(file, imageDir, kept, caps, skipped);
    }

    /**
     * The images of this file whose files are in a folder, with their captions, joined to that folder: e.g. the
     * full {@code captions_val2017.json} (every reference caption) against a folder holding some of its images.
     *
     * @param dir the image folder
     * @return a new instance over the images found there; its skip report is this one's
     * @throws NoSuchFileException if the folder does not exist
     */
    public CocoCaptions presentIn(Path dir) throws NoSuchFileException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "COCO image folder not found");
        }
        CocoCaptions kept = retainImages(im -> Files.isRegularFile(dir.resolve(im.fileName())));
        return new CocoCaptions(file, dir, kept.images, kept.captions, skipped);
    }

    @Override
    public String toString() {
        return "CocoCaptions[" + file + ": " + images.size() + " images, " + captions.size() + " captions, "
                + skipped + "]";
    }
}
