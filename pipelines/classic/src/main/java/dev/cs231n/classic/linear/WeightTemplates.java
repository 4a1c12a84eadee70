package dev.cs231n.classic.linear;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.pipelines.plot.ImageGrid;
import dev.cs231n.pipelines.plot.WeightImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The course's picture of a linear classifier's weights: each class's column of W without the bias row (3072 values
 * over the CHW pixels of a 32x32 image), rescaled to 0..255 by its own minimum and maximum, one image per class.
 */
public final class WeightTemplates {

    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;

    private WeightTemplates() {
    }

    /**
     * @param weights    {@code [3073, C]}, last row the bias
     * @param classNames C names, one row label each
     * @param png        the PNG to write (atomically): one labelled row per class, magnified 3x
     * @throws IOException when it cannot be written
     */
    public static void write(INDArray weights, List<String> classNames, Path png) throws IOException {
        if (weights.rank() != 2 || weights.size(0) != PIXELS + 1 || weights.size(1) != classNames.size()) {
            throw new IllegalArgumentException("weights must be [" + (PIXELS + 1) + ", " + classNames.size()
                    + "] (3072 pixels + bias row), got " + Arrays.toString(weights.shape()));
        }
        INDArray pixels = weights.get(NDArrayIndex.interval(0, PIXELS), NDArrayIndex.all()).castTo(DataType.DOUBLE);
        List<List<int[]>> rows = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            double[] chw = pixels.getColumn(c).dup().toDoubleVector();
            rows.add(List.of(WeightImages.toArgb(chw, SIDE)));
        }
        ImageGrid.write(rows, classNames, SIDE, 3, png);
    }
}
