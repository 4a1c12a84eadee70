package dev.cs231n.datavec.coco;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private INDArray mean;
    private INDArray std;

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
            throw new CocoFormatException(file, null, "image file does not exist");
        }
        INDArray image;
        try {
            image = loader.asMatrix(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CocoFormatException(file, null, -1, -1, "image does not decode: " + e.getMessage(), e);
        }
        if (image == null || image.rank() != 4 || image.size(1) != 3) {
            throw new CocoFormatException(file, null, "image does not decode to 3 channels"
                    + (image == null ? "" : " (got shape " + java.util.Arrays.toString(image.shape()) + ")"));
        }
        image = image.castTo(DataType.FLOAT);
        switch (scaling) {
            case RAW -> { }
            case UNIT -> image.divi(255f);
            case IMAGENET -> {
                if (mean == null) {
                    mean = Nd4j.create(IMAGENET_MEAN, new long[] {1, 3, 1, 1});
                    std = Nd4j.create(IMAGENET_STD, new long[] {1, 3, 1, 1});
                }
                image.divi(255f).subi(mean).divi(std);
            }
            default -> throw new IllegalStateException(scaling.toString());
        }
        return image;
    }

    /**
     * The image input of a COCO annotations file read with an image folder, keyed by COCO image id.
     *
     * @param captions the annotations, read with {@link CocoCaptions.Options#imageDir()}
     * @return the image input
     */
    public ImageInput forCaptions(CocoCaptions captions) {
        return new ImageInput() {
            @Override
            public long[] exampleShape() {
                return new long[] {3, height, width};
            }

            @Override
            public INDArray load(long key) throws IOException {
                CocoImage image = captions.images().get(key);
                if (image == null) {
                    throw new CocoFormatException(captions.file(), "image id " + key, "no such image");
                }
                try {
                    return CocoImageLoader.this.load(captions.imagePath(image));
                } catch (CocoFormatException e) {
                    throw new CocoFormatException(captions.imagePath(image), "image id " + key, -1, -1,
                            e.getMessage(), e);
                }
            }

            @Override
            public String describe(long key) {
                CocoImage image = captions.images().get(key);
                return image == null ? "image id " + key : captions.imagePath(image).toString();
            }

            @Override
            public SkipReport.Reason failureReason() {
                return SkipReport.Reason.UNDECODABLE_IMAGE;
            }
        };
    }
}
