package dev.cs231n.datavec.cifar.augment;

/**
 * The random choices of one SimCLR view ({@link SimClrViews#sample}); {@link SimClrViews#apply} turns an image and
 * these choices into the view, so the same choices always give the same view.
 *
 * @param cropY      top row of the crop in the 32 x 32 image
 * @param cropX      left column of the crop
 * @param cropH      crop height, 1..32
 * @param cropW      crop width, 1..32
 * @param flip       mirror left-right
 * @param jitter     whether colour jitter is applied at all
 * @param brightness brightness factor (1 = unchanged)
 * @param contrast   contrast factor (1 = unchanged)
 * @param saturation saturation factor (1 = unchanged)
 * @param hue        hue shift in turns, [-0.5, 0.5] (0 = unchanged)
 * @param order      the order of the four jitter operations: a permutation of 0 brightness, 1 contrast,
 *                   2 saturation, 3 hue
 * @param grayscale  convert to grayscale (after the jitter)
 */
public record ViewParams(int cropY, int cropX, int cropH, int cropW, boolean flip, boolean jitter, double brightness,
        double contrast, double saturation, double hue, int[] order, boolean grayscale) {

    /** @return choices that leave the image as it is (whole image, no flip, no jitter, colour) */
    public static ViewParams identity() {
        return new ViewParams(0, 0, 32, 32, false, false, 1, 1, 1, 0, new int[] {0, 1, 2, 3}, false);
    }

    /** @return the crop's area as a fraction of the image's */
    public double scale() {
        return cropH * cropW / (32.0 * 32.0);
    }

    /** @return the crop's aspect ratio, width / height */
    public double aspect() {
        return (double) cropW / cropH;
    }
}
