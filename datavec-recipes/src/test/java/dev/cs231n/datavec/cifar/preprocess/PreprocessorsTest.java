package dev.cs231n.datavec.cifar.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.CifarStatistics;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PreprocessorsTest {

    /** 60 random training images followed by 20 white "validation" images. */
    private static final CifarSplits SPLITS = CifarSplits.of(
            concat(PreprocessorTestData.random(60, 1), PreprocessorTestData.white(20)),
            PreprocessorTestData.random(5, 2), 60, 20, 5);

    private static CifarDataset concat(CifarDataset a, CifarDataset b) {
        int[] ia = new int[a.size() + b.size()];
        byte[] images = new byte[ia.length * 3072];
        byte[] labels = new byte[ia.length];
        for (int i = 0; i < ia.length; i++) {
            CifarDataset src = i < a.size() ? a : b;
            int k = i < a.size() ? i : i - a.size();
            src.copyImageBytes(k, images, i * 3072);
            labels[i] = (byte) src.label(k);
        }
        return CifarDataset.of(images, labels);
    }

    @Test
    void fittingUsesTheTrainingSplitOnly() {
        MeanImageSubtraction mean = MeanImageSubtraction.fit(SPLITS.train());
        ChannelStandardization std = ChannelStandardization.fit(SPLITS.train());
        assertArrayEquals(CifarStatistics.meanImage(SPLITS.train()), mean.meanImage(), 0);
        assertArrayEquals(CifarStatistics.channels(SPLITS.train()).mean(), std.mean(), 0);
        assertArrayEquals(CifarStatistics.channels(SPLITS.train()).std(), std.std(), 0);
        CifarDataset trainAndVal = concat(SPLITS.train(), SPLITS.val());
        assertNotEquals(CifarStatistics.channels(trainAndVal).mean()[0], std.mean()[0]);
        assertTrue(std.mean()[0] < 100, "white validation images leaked into the fit: " + std.mean()[0]);
    }

    @ParameterizedTest
    @EnumSource(FeatureLayout.class)
    void meanImageSubtractionCentresEveryPixelPosition(FeatureLayout layout) {
        MeanImageSubtraction mean = MeanImageSubtraction.fit(SPLITS.train());
        INDArray raw = CifarTensors.features(SPLITS.train(), layout, DataType.DOUBLE);
        INDArray x = mean.transform(raw.dup());
        assertArrayEquals(raw.shape(), x.shape());
        INDArray flat = x.reshape(60, 3072);
        INDArray columnMeans = flat.mean(0);
        assertEquals(0.0, columnMeans.amaxNumber().doubleValue(), 1e-9);
        double[] m = mean.meanImage();
        assertEquals(raw.reshape(60, 3072).getDouble(17, 2000) - m[2000], flat.getDouble(17, 2000), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(FeatureLayout.class)
    void standardisedTrainingSplitHasZeroMeanUnitStdPerChannel(FeatureLayout layout) {
        ChannelStandardization std = ChannelStandardization.fit(SPLITS.train());
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray x = std.transform(CifarTensors.features(SPLITS.train(), layout, type));
            assertEquals(type, x.dataType());
            INDArray planes = x.reshape(60, 3, 1024);
            for (int c = 0; c < 3; c++) {
                INDArray channel = planes.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all());
                double tol = type == DataType.FLOAT ? 1e-4 : 1e-10;
                assertEquals(0.0, channel.meanNumber().doubleValue(), tol, "channel " + c + " " + type);
                double var = channel.mul(channel).meanNumber().doubleValue();
                assertEquals(1.0, Math.sqrt(var), tol, "channel " + c + " " + type);
            }
        }
        INDArray one = CifarTensors.features(SPLITS.train().range(0, 1), layout, DataType.DOUBLE);
        double before = one.reshape(1, 3072).getDouble(0, 1024 + 5);
        double after = std.transform(one).reshape(1, 3072).getDouble(0, 1024 + 5);
        assertEquals((before - std.mean()[1]) / std.std()[1], after, 1e-12);
    }

    @ParameterizedTest
    @EnumSource(FeatureLayout.class)
    void biasTrickAppendsAColumnOfOnes(FeatureLayout layout) {
        INDArray raw = CifarTensors.features(SPLITS.train().range(0, 4), layout, DataType.FLOAT);
        INDArray x = BiasTrick.INSTANCE.transform(raw);
        assertArrayEquals(new long[] {4, 3073}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, x.getDouble(i, 3072));
        }
        assertEquals(raw.reshape(4, 3072), x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3072)));
    }

    @Test
    void chainAppliesStepsInOrderAndKeepsTheBiasTrickLast() {
        MeanImageSubtraction mean = MeanImageSubtraction.fit(SPLITS.train());
        PreprocessorChain chain = PreprocessorChain.of(mean, BiasTrick.INSTANCE);
        INDArray raw = CifarTensors.features(SPLITS.val(), FeatureLayout.FLAT, DataType.FLOAT);
        INDArray expected = BiasTrick.INSTANCE.transform(mean.transform(raw.dup()));
        assertEquals(expected, chain.transform(raw.dup()));
        assertThrows(IllegalArgumentException.class, () -> PreprocessorChain.of(BiasTrick.INSTANCE, mean));
        assertThrows(IllegalArgumentException.class, () -> new PreprocessorChain(List.of()));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> mean.transform(expected));
        assertTrue(shape.getMessage().contains("[20, 3073]"), shape.getMessage());
    }

    @Test
    void preprocessorsPlugIntoTheIterator() {
        ChannelStandardization std = ChannelStandardization.fit(SPLITS.train());
        PreprocessorChain chain = PreprocessorChain.of(std, BiasTrick.INSTANCE);
        CifarDataSetIterator it = CifarDataSetIterator.builder(SPLITS.val()).batchSize(8).preProcessor(chain).build();
        DataSet ds = it.next();
        assertArrayEquals(new long[] {8, 3073}, ds.getFeatures().shape());
        assertEquals((255 - std.mean()[2]) / std.std()[2], ds.getFeatures().getDouble(3, 2048 + 9), 1e-4);
        assertEquals(1.0, ds.getFeatures().getDouble(7, 3072));
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new MeanImageSubtraction(new double[3071]));
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelStandardization(new double[3], new double[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ChannelStandardization.fit(PreprocessorTestData.white(2)));
        ChannelStandardization std = new ChannelStandardization(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThrows(IllegalArgumentException.class,
                () -> std.transform(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 3, 16, 16)));
        assertSame(BiasTrick.INSTANCE, BiasTrick.INSTANCE);
    }
}
