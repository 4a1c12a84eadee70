package dev.cs231n.layers.norm;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/** How the normalisation layers read DL4J input types: feed-forward {@code [N, D]} and NCHW {@code [N, C, H, W]}. */
final class NormInputs {

    private NormInputs() {
    }

    /**
     * @param type  a feed-forward input type
     * @param layer the layer's description, for the message
     * @param what  what the layer accepts, for the message
     * @return its size {@code D}
     */
    static long featureSize(InputType type, String layer, String what) {
        if (type.getType() != InputType.Type.FF) {
            throw unsupported(type, layer, what);
        }
        return ((InputType.InputTypeFeedForward) type).getSize();
    }

    /**
     * @param type  a convolutional (NCHW) or flattened convolutional input type
     * @param layer the layer's description, for the message
     * @param what  what the layer accepts, for the message
     * @return its channel count {@code C}
     */
    static long channels(InputType type, String layer, String what) {
        switch (type.getType()) {
            case CNN:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) type;
                if (c.getFormat() != CNN2DFormat.NCHW) {
                    throw new IllegalArgumentException(layer + " supports channels-first NCHW activations only, got "
                            + type + "; use NCHW (DL4J's default) for the layers before it");
                }
                return c.getChannels();
            case CNNFlat:
                return ((InputType.InputTypeConvolutionalFlat) type).getDepth();
            default:
                throw unsupported(type, layer, what);
        }
    }

    /**
     * @param type the input type reaching the layer
     * @return the type the layer outputs (its input, with a flattened image restored to NCHW)
     */
    static InputType sameShape(InputType type) {
        if (type.getType() == InputType.Type.CNNFlat) {
            InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) type;
            return InputType.convolutional(f.getHeight(), f.getWidth(), f.getDepth());
        }
        return type;
    }

    /**
     * @param type the input type reaching the layer
     * @return the preprocessor that restores a flattened image to NCHW, or null
     */
    static InputPreProcessor preProcessor(InputType type) {
        if (type.getType() == InputType.Type.CNNFlat) {
            InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) type;
            return new FeedForwardToCnnPreProcessor(f.getHeight(), f.getWidth(), f.getDepth());
        }
        return null;
    }

    static IllegalArgumentException unsupported(InputType type, String layer, String what) {
        return new IllegalArgumentException(layer + " takes " + what + ", got input type " + type);
    }
}
