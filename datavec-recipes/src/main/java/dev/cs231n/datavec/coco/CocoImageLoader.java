package dev.cs231n.datavec.coco;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.transform.ColorConversionTransform;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decodes COCO JPEGs with DataVec's {@link NativeImageLoader} (OpenCV): resized to {@code height x width}
 * (stretched, as NativeImageLoader does), converted from OpenCV's BGR to RGB, NCHW {@code [1, 3, H, W]} FLOAT,
 * then scaled as {@link Scaling} says.
 *
 * <p>A file that does not decode fails with a {@link CocoFormatException} naming it. Not thread-safe (one loader
 * per thread).
 */
public final class CocoImageLoader {

    /** Pixel normalisation. */
    public enum Scaling {
        /** Raw 0..255. */
        RAW,
        /** Divided by 255: 0..1. */
        UNIT,
        /** 0..1, then per channel (x - mean) / std with ImageNet's RGB mean (0.485, 0.456, 0.406) and std
         *  (0.229, 0.224, 0.225), as torchvision's pretrained CNNs expect. */
        IMAGENET
    }

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final int height;
    private final int width;
    private final Scaling scaling;
    private final NativeImageLoader loader;

    /**
     * @param height  output height in pixels
     * @param width   output width in pixels
     * @param scaling pixel normalisation
     */
    public CocoImageLoader(int height, int width, Scaling scaling) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.scaling = scaling;
        this.loader = new NativeImageLoader(height, width, 3,
                new ColorConversionTransform(opencv_imgproc.COLOR_BGR2RGB));
    }

    /** @return the output height */
    public int height() {
        return height;
    }

    /** @return the output width */
    public int width() {
        return width;
    }

    /** @return the pixel normalisation */
    public Scaling scaling() {
        return scaling;
    }

    /**
     * @param file an image file
     * @return {@code [1, 3, H, W]} FLOAT, RGB, scaled
     * @throws CocoFormatException if the file is missing or does not decode (the message names it)
     * @throws IOException         on read errors
     */
    public INDArray load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MissingImageException(file, null, null);
        }
        INDArray image;
        try {
            image = loader.asMatrix(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CocoFormatException(file, null, -1, -1, "image does not decode: " + e.getMessage(), e);
        }
        if (image == null || image.rank() != 4 || image.size(1) != 3 || image.size(2) != height
                || image.size(3) != width) {
            throw new CocoFormatException(file, null, "image does not decode to [1, 3, " + height + ", " + width + "]"
                    + (image == null ? "" : " (got shape " + java.util.Arrays.toString(image.shape()) + ")"));
        }
        if (scaling == Scaling.RAW) {
            return image.castTo(DataType.FLOAT);
        }
        // scaled on the Java array: one pass, cheaper than nd4j's element-wise ops on one small image
        float[] v = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = height * width;
        for (int c = 0; c < 3; c++) {
            float mul = scaling == Scaling.UNIT ? 1f / 255f : 1f / (255f * IMAGENET_STD[c]);
            float add = scaling == Scaling.UNIT ? 0f : -IMAGENET_MEAN[c] / IMAGENET_STD[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                v[i] = v[i] * mul + add;
            }
        }
        return Nd4j.create(v, new long[] {1, 3, height, width}, 'c');
    }

    /** A missing image file: counted as {@link SkipReport.Reason#MISSING_IMAGE_FILE} when skipped. */
    static final class MissingImageException extends CocoFormatException {

        private static final long serialVersionUID = 1L;

        MissingImageException(Path file, String item, Throwable cause) {
            super(file, item, -1, -1, "image file does not exist", cause);
        }
    }

    /**
     * The image input of one or more COCO annotations files read with an image folder (e.g. the mini train2017 and
     * val2017 parts of a training set), keyed by COCO image id (ids are unique across COCO's splits).
     *
     * @param parts annotations, each read with {@link CocoCaptions.Options#imageDir()}
     * @return the image input
     * @throws IllegalArgumentException if a part has no image folder, or two parts hold one image id
     */
    public ImageInput forCaptions(CocoCaptions... parts) {
        Map<Long, Path> files = new HashMap<>();
        Map<Long, Path> sources = new HashMap<>();
        for (CocoCaptions part : parts) {
            if (part.imageDir() == null) {
                throw new IllegalArgumentException(part.file() + " was read without an image folder");
            }
            for (CocoImage image : part.images().values()) {
                Path before = sources.putIfAbsent(image.id(), part.file());
                if (before != null) {
                    throw new IllegalArgumentException("image id " + image.id() + " is in both " + before + " and "
                            + part.file());
                }
                files.put(image.id(), part.imagePath(image));
            }
        }
        return new ImageInput() {
            @Override
            public long[] exampleShape() {
                return new long[] {3, height, width};
            }

            @Override
            public INDArray load(long key) throws IOException {
                Path file = files.get(key);
                if (file == null) {
                    throw new CocoFormatException(sources.isEmpty() ? null : sources.values().iterator().next(),
                            "image id " + key, "no such image in " + List.copyOf(new java.util.LinkedHashSet<>(
                                    sources.values())));
                }
                try {
                    return CocoImageLoader.this.load(file);
                } catch (MissingImageException e) {
                    throw new MissingImageException(file, "image id " + key, e);
                } catch (CocoFormatException e) {
                    throw new CocoFormatException(file, "image id " + key, -1, -1, e.detail(), e);
                }
            }

            @Override
            public String describe(long key) {
                Path file = files.get(key);
                return file == null ? "image id " + key : file.toString();
            }

            @Override
            public SkipReport.Reason failureReason(IOException failure) {
                return failure instanceof MissingImageException ? SkipReport.Reason.MISSING_IMAGE_FILE
                        : SkipReport.Reason.UNDECODABLE_IMAGE;
            }
        };
    }
}
