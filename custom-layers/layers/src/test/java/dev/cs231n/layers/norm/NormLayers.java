package dev.cs231n.layers.norm;

import java.util.List;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.NormNets.Kind;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.params.provider.Arguments;

/** Every layer of the norm and dropout packages, with non-default options, for tests that treat them alike. */
public final class NormLayers {

    private NormLayers() {
    }

    /** Creates a fresh configuration of the layer under test. */
    public interface Factory {
        /** @return a new layer configuration */
        Layer create();
    }

    /** @return arguments {@code (name, kind of network, factory)} for each layer */
    public static List<Arguments> all() {
        return List.of(
                Arguments.of("BatchNorm FF", Kind.FF, (Factory) () -> BatchNorm.builder().momentum(0.7).build()),
                Arguments.of("BatchNorm CNN", Kind.CNN, (Factory) () -> BatchNorm.builder().eps(1e-3).build()),
                Arguments.of("LayerNorm", Kind.FF, (Factory) () -> LayerNorm.builder().build()),
                Arguments.of("GroupNorm", Kind.CNN, (Factory) () -> GroupNorm.builder().groups(2).build()),
                Arguments.of("InvertedDropout", Kind.CNN,
                        (Factory) () -> InvertedDropout.builder().keepProbability(0.7).build()));
    }
}
