package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.layers.LossAndGradient;
import dev.cs231n.testing.Fixture;
import dev.cs231n.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SVM and softmax data losses, alone and through the linear classifier, against the PyTorch fixture {@code svm_softmax_loss} (scores x [5, 4], labels y). */
class DataLossFixtureTest {

    private final Fixture f = Fixture.load("svm_softmax_loss");
    private final INDArray scores = f.input("x");
    private final int[] y = f.input("y").toIntVector();

    @Test
    void svmLossAndScoreGradient() {
        LossAndGradient lg = DataLoss.SVM.compute(scores, y);
        assertEquals(f.output("svm_loss").getDouble(0), lg.loss(), 1e-12);
        NdAssert.assertCloseAbs("dscores svm", f.grad("x_svm"), lg.gradient(), 1e-12);
    }

    @Test
    void softmaxLossAndScoreGradient() {
        LossAndGradient lg = DataLoss.SOFTMAX.compute(scores, y);
        assertEquals(f.output("softmax_loss").getDouble(0), lg.loss(), 1e-12);
        NdAssert.assertClose("dscores softmax", f.grad("x_softmax"), lg.gradient(), 1e-10);
    }

    @Test
    void throughTheClassifierWithIdentityFeaturesTheWeightGradientIsTheScoreGradient() {
        // X = I_5 and W = scores give X W = scores and dL/dW = X^T dscores = dscores (reg 0)
        INDArray identity = Nd4j.eye(5).castTo(DataType.DOUBLE);
        LossAndGradient svm = new LinearClassifier(DataLoss.SVM, scores.dup()).lossAndGradient(identity, y,
                0.0);
        assertEquals(f.output("svm_loss").getDouble(0), svm.loss(), 1e-12);
        NdAssert.assertCloseAbs("dW svm", f.grad("x_svm"), svm.gradient(), 1e-12);
        LossAndGradient soft = new LinearClassifier(DataLoss.SOFTMAX, scores.dup()).lossAndGradient(identity, y, 0.0);
        assertEquals(f.output("softmax_loss").getDouble(0), soft.loss(), 1e-12);
        NdAssert.assertClose("dW softmax", f.grad("x_softmax"), soft.gradient(), 1e-10);
    }
}
