package dev.cs231n.layers.globalconfig;

import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertInvertedDropout;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.assertRejected;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.conf;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.net;
import static dev.cs231n.layers.globalconfig.GlobalConfigNets.positive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.OneNativeThread;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * InvertedDropout takes the network builder's dropout exactly as DL4J's DropoutLayer does
 * ({@link BuiltInGlobalConfigTest}): its own keep probability wins, else the global {@code dropOut(p)}, else the
 * default; a global dropout it cannot express is rejected unless it has its own.
 */
@ExtendWith(OneNativeThread.class)
class InvertedDropoutGlobalConfigTest {

    private static final InputType FF = InputType.feedForward(GlobalConfigNets.FEATURES);

    private static InvertedDropout layer(MultiLayerConfiguration c, int i) {
        return (InvertedDropout) c.getConf(i).getLayer();
    }

    @Test
    void withoutItsOwnKeepProbabilityItTakesTheGlobalDropout() {
        INDArray x = positive();
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().dropOut(0.8), FF,
                InvertedDropout.builder().build());
        MultiLayerConfiguration c = net.getLayerWiseConfigurations();
        assertEquals(0.8, layer(c, 0).getKeepProbability());
        assertNull(layer(c, 0).getIDropout(), "applied once, as the keep probability");
        assertFalse(c.toJson().contains(Dropout.class.getName()), "no DL4J dropout stored besides it");
        assertInvertedDropout("training output", x, net.output(x, true), 0.8);
        assertEquals(x, net.output(x, false), "inference: identity");
    }

    @Test
    void itsOwnKeepProbabilityWinsAndTheGlobalDropoutIsNotAppliedOnTop() {
        INDArray x = positive();
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().dropOut(0.5), FF,
                InvertedDropout.builder().keepProbability(0.7).build());
        assertEquals(0.7, layer(net.getLayerWiseConfigurations(), 0).getKeepProbability());
        assertInvertedDropout("0.7 only", x, net.output(x, true), 0.7);
        assertEquals(0.7, layer(conf(new NeuralNetConfiguration.Builder().dropOut(new GaussianDropout(0.1)), FF,
                InvertedDropout.builder().keepProbability(0.7).build()), 0).getKeepProbability(),
                "any global dropout is then fine");
    }

    @Test
    void withoutEitherItKeepsHalf() {
        assertEquals(InvertedDropout.DEFAULT_KEEP_PROBABILITY, layer(conf(new NeuralNetConfiguration.Builder(), FF,
                InvertedDropout.builder().build()), 0).getKeepProbability());
        assertInvertedDropout("default", positive(), net(new NeuralNetConfiguration.Builder(), FF,
                InvertedDropout.builder().build()).output(positive(), true), 0.5);
    }

    @Test
    void theOtherLayersStillTakeTheGlobalDropout() {
        MultiLayerConfiguration c = conf(new NeuralNetConfiguration.Builder().dropOut(0.6), FF,
                new DenseLayer.Builder().nOut(5).build(), InvertedDropout.builder().keepProbability(0.9).build(),
                new DenseLayer.Builder().nOut(5).build());
        assertEquals(new Dropout(0.6), c.getConf(0).getLayer().getIDropout());
        assertEquals(new Dropout(0.6), c.getConf(2).getLayer().getIDropout());
        assertEquals(0.9, layer(c, 1).getKeepProbability());
    }

    @Test
    void aGlobalDropoutItCannotExpressIsRejectedWithWhatToDo() {
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().dropOut(new GaussianDropout(0.1)), FF,
                InvertedDropout.builder().name("drop").build()), "InvertedDropout 'drop'", "GaussianDropout",
                "keepProbability(p)", "DropoutLayer");
        assertRejected(() -> conf(new NeuralNetConfiguration.Builder().dropOut(new Dropout(
                new ExponentialSchedule(ScheduleType.ITERATION, 0.9, 0.99))), FF, InvertedDropout.builder().build()),
                "schedule", "keepProbability(p)");
        assertRejected(() -> InvertedDropout.builder().build().setIDropout(new Dropout(0.5)), "keepProbability(p)");
    }

    @Test
    void aConfigurationReadFromJsonKeepsItsStoredKeepProbability() {
        MultiLayerConfiguration c = conf(new NeuralNetConfiguration.Builder().dropOut(0.8), FF,
                InvertedDropout.builder().build());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(c.toJson());
        assertEquals(layer(c, 0), layer(back, 0));
        assertEquals(0.8, layer(conf(new NeuralNetConfiguration.Builder().dropOut(0.3), FF,
                layer(back, 0).clone()), 0).getKeepProbability(), "built again under another global dropout");
    }
}
