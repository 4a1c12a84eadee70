package dev.cs231n.pipelines.features;

import java.util.function.IntBinaryOperator;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;

/** One-image datasets whose pixels the tests define. */
final class SyntheticImages {

    private SyntheticImages() {
    }

    /**
     * @param r red at (y, x)
     * @param g green at (y, x)
     * @param b blue at (y, x)
     * @return a one-image dataset, label 0
     */
    static CifarDataset of(IntBinaryOperator r, IntBinaryOperator g, IntBinaryOperator b) {
        byte[] img = new byte[CifarFormat.IMAGE_BYTES];
        IntBinaryOperator[] ch = {r, g, b};
        int plane = CifarFormat.PIXELS_PER_CHANNEL;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < CifarFormat.HEIGHT; y++) {
                for (int x = 0; x < CifarFormat.WIDTH; x++) {
                    img[c * plane + y * CifarFormat.WIDTH + x] = (byte) ch[c].applyAsInt(y, x);
                }
            }
        }
        return CifarDataset.of(img, new byte[] {0});
    }

    /** @return a grey image whose three channels all equal {@code v(y, x)} */
    static CifarDataset grey(IntBinaryOperator v) {
        return of(v, v, v);
    }
}
