package dev.cs231n.layers.core;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/** How this package's feed-forward layers accept each DL4J input type. */
final class FeedForwardInputs {

    private FeedForwardInputs() {
    }

    /**
     * @param type  the input type reaching the layer
     * @param layer the layer's name, for the error message
     * @return the number of features per example once the input is flattened
     */
    static long flatSize(InputType type, String layer) {
        switch (type.getType()) {
            case FF:
                return ((InputType.InputTypeFeedForward) type).getSize();
            case CNN:
            case CNNFlat:
                return type.arrayElementsPerExample();
            default:
                throw unsupported(type, layer);
        }
    }

    /**
     * @param type  the input type reaching the layer
     * @param layer the layer's name, for the error message
     * @return the preprocessor that flattens a convolutional input (NCHW), or null
     */
    static InputPreProcessor preProcessor(InputType type, String layer) {
        switch (type.getType()) {
            case FF:
            case CNNFlat:
                return null;
            case CNN:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) type;
                return new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels(),
                        c.getFormat());
            default:
                throw unsupported(type, layer);
        }
    }

    private static IllegalArgumentException unsupported(InputType type, String layer) {
        return new IllegalArgumentException("Layer '" + layer + "' takes feed-forward [N, features] or "
                + "convolutional [N, C, H, W] input, got " + type);
    }
}
