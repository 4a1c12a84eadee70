package dev.cs231n.datavec.cifar;

import dev.cs231n.testing.SyntheticCifar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CifarStatisticsTest {

    @Test
    void meanImageIsThePerPositionMean() {
        CifarDataset data = CifarDataset.of(SyntheticCifar.images(13), SyntheticCifar.labels(13));
        double[] mean = CifarStatistics.meanImage(data);
        assertEquals(3072, mean.length);
        for (int j = 0; j < 3072; j += 17) {
            double sum = 0;
            for (int i = 0; i < 13; i++) {
                sum += data.imageBytes(i)[j] & 0xFF;
            }
            assertEquals(sum / 13, mean[j], 1e-12);
        }
    }

    @Test
    void channelStatisticsMatchATwoPassComputation() {
        CifarDataset data = CifarDataset.of(SyntheticCifar.images(9), SyntheticCifar.labels(9));
        ChannelStatistics stats = CifarStatistics.channels(data);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < 9; i++) {
                for (int p = 0; p < 1024; p++) {
                    sum += data.imageBytes(i)[c * 1024 + p] & 0xFF;
                }
            }
            double mean = sum / (9 * 1024);
            double sq = 0;
            for (int i = 0; i < 9; i++) {
                for (int p = 0; p < 1024; p++) {
                    double d = (data.imageBytes(i)[c * 1024 + p] & 0xFF) - mean;
                    sq += d * d;
                }
            }
            assertEquals(mean, stats.mean()[c], 1e-9);
            assertEquals(Math.sqrt(sq / (9 * 1024)), stats.std()[c], 1e-9);
        }
    }

    @Test
    void statisticsOfAConstantImageSet() {
        byte[] images = new byte[2 * 3072];
        java.util.Arrays.fill(images, 0, 1024, (byte) 200);
        java.util.Arrays.fill(images, 3072, 3072 + 1024, (byte) 100);
        CifarDataset data = CifarDataset.of(images, new byte[] {0, 1});
        ChannelStatistics stats = CifarStatistics.channels(data);
        assertArrayEquals(new double[] {150, 0, 0}, stats.mean(), 0);
        assertArrayEquals(new double[] {50, 0, 0}, stats.std(), 0);
        assertEquals(200, CifarStatistics.meanImage(data.range(0, 1))[5]);
        assertThrows(IllegalArgumentException.class, () -> CifarStatistics.channels(data.range(0, 0)));
    }
}
