package dev.cs231n.datavec.cifar;

import dev.cs231n.testing.SyntheticCifar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class CifarTensorsTest {

    private final CifarDataset data = CifarDataset.of(SyntheticCifar.images(2100), SyntheticCifar.labels(2100));

    @Test
    void wholeSetFeaturesHoldEveryPixelAtItsNchwPosition() {
        INDArray nchw = CifarTensors.features(data, FeatureLayout.NCHW, DataType.FLOAT);
        assertArrayEquals(new long[] {2100, 3, 32, 32}, nchw.shape());
        assertEquals(DataType.FLOAT, nchw.dataType());
        float[] all = nchw.data().asFloat();
        for (int i = 0; i < 2100; i++) {
            byte[] image = data.imageBytes(i);
            for (int j = 0; j < 3072; j++) {
                if ((image[j] & 0xFF) != all[i * 3072 + j]) {
                    throw new AssertionError("image " + i + " value " + j + ": " + all[i * 3072 + j]);
                }
            }
        }
        assertEquals(data.pixel(2099, 2, 31, 5), nchw.getDouble(2099, 2, 31, 5));
        assertEquals(data.pixel(1000, 1, 4, 9), nchw.getDouble(1000, 1, 4, 9));
    }

    @Test
    void flatAndDoubleLayouts() {
        CifarDataset small = data.range(0, 40);
        INDArray flat = CifarTensors.features(small, FeatureLayout.FLAT, DataType.DOUBLE);
        assertArrayEquals(new long[] {40, 3072}, flat.shape());
        assertEquals(DataType.DOUBLE, flat.dataType());
        assertEquals(small.pixel(39, 1, 2, 3), flat.getDouble(39, 1024 + 2 * 32 + 3));
        INDArray nchw = CifarTensors.features(small, FeatureLayout.NCHW, DataType.FLOAT);
        assertEquals(flat.castTo(DataType.FLOAT), nchw.reshape(40, 3072));
    }

    @Test
    void minibatchInAGivenOrder() {
        int[] order = {7, 3, 1999, 3};
        INDArray x = CifarTensors.features(data, order, 1, 3, FeatureLayout.NCHW, DataType.DOUBLE);
        assertArrayEquals(new long[] {3, 3, 32, 32}, x.shape());
        assertEquals(DataType.DOUBLE, x.dataType());
        assertEquals(data.pixel(3, 0, 1, 2), x.getDouble(0, 0, 1, 2));
        assertEquals(data.pixel(1999, 2, 30, 31), x.getDouble(1, 2, 30, 31));
        INDArray y = CifarTensors.oneHotLabels(data, order, 1, 3, DataType.FLOAT);
        assertArrayEquals(new long[] {3, 10}, y.shape());
        assertEquals(1.0, y.getDouble(1, data.label(1999)));
        assertEquals(3.0, y.sumNumber().doubleValue());
        assertThrows(IndexOutOfBoundsException.class,
                () -> CifarTensors.features(data, order, 2, 3, FeatureLayout.FLAT, DataType.FLOAT));
    }

    @Test
    void oneHotLabelsAndDataSet() {
        CifarDataset small = data.range(10, 30);
        DataSet ds = CifarTensors.dataSet(small, FeatureLayout.FLAT, DataType.FLOAT);
        INDArray y = ds.getLabels();
        assertArrayEquals(new long[] {20, 10}, y.shape());
        for (int i = 0; i < 20; i++) {
            for (int k = 0; k < 10; k++) {
                assertEquals(k == small.label(i) ? 1.0 : 0.0, y.getDouble(i, k));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CifarTensors.oneHotLabels(small, DataType.INT32));
    }

    @Test
    void arraysAllocatedInsideAWorkspaceHoldTheRightValues() {
        INDArray a = CifarTensors.features(data, null, 0, 5, FeatureLayout.NCHW, DataType.FLOAT);
        INDArray b = CifarTensors.features(data, null, 5, 7, FeatureLayout.FLAT, DataType.DOUBLE);
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(8L << 20)
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "CIFAR_TENSORS_TEST")) {
            INDArray wa = CifarTensors.features(data, null, 0, 5, FeatureLayout.NCHW, DataType.FLOAT);
            INDArray wb = CifarTensors.features(data, null, 5, 7, FeatureLayout.FLAT, DataType.DOUBLE);
            assertTrue(wa.isAttached() && wb.isAttached());
            assertEquals(a, wa);
            assertEquals(b, wb);
        }
    }
}
