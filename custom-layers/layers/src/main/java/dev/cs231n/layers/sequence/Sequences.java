package dev.cs231n.layers.sequence;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's sequence conventions in one place: {@code RNNFormat.NCW} arrays are {@code [N, E, T]} (DL4J's default),
 * {@code NWC} arrays {@code [N, T, E]}; a sequence mask is {@code [N, T]} with 1 for a present step, 0 for padding.
 * The layers of this library compute in NWC internally ({@link #toNwc}, {@link #fromNwc}).
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * @param x      a sequence variable in {@code format}
     * @param format its layout
     * @return {@code x} as {@code [N, T, E]}
     */
    public static SDVariable toNwc(SDVariable x, RNNFormat format) {
        return format == RNNFormat.NCW ? x.permute(0, 2, 1) : x;
    }

    /**
     * @param x      a sequence variable {@code [N, T, E]}
     * @param format the layout wanted
     * @return {@code x} in {@code format}
     */
    public static SDVariable fromNwc(SDVariable x, RNNFormat format) {
        return format == RNNFormat.NCW ? x.permute(0, 2, 1) : x;
    }

    /**
     * @param x      a rank-3 sequence array
     * @param format its layout
     * @return its length {@code T}
     */
    public static long length(INDArray x, RNNFormat format) {
        return x.size(format == RNNFormat.NCW ? 2 : 1);
    }

    /**
     * @param x      a rank-3 sequence array
     * @param format its layout
     * @return its feature size {@code E}
     */
    public static long features(INDArray x, RNNFormat format) {
        return x.size(format == RNNFormat.NCW ? 1 : 2);
    }

    /**
     * @param x      a rank-3 sequence array
     * @param format its layout
     * @return a mask {@code [N, T]} of ones, in {@code x}'s data type
     */
    public static INDArray onesMask(INDArray x, RNNFormat format) {
        return Nd4j.ones(x.dataType(), x.size(0), length(x, format));
    }

    /**
     * @param type  an input type
     * @param layer the layer's description, for the message
     * @return the type as a recurrent one
     * @throws IllegalArgumentException when it is not a sequence type
     */
    public static InputType.InputTypeRecurrent recurrent(InputType type, String layer) {
        if (!(type instanceof InputType.InputTypeRecurrent)) {
            throw new IllegalArgumentException(layer + " takes sequences (InputType.recurrent(E, T, format): "
                    + "NCW [N, E, T] or NWC [N, T, E]), got input type " + type);
        }
        return (InputType.InputTypeRecurrent) type;
    }

    /**
     * Checks one sequence input array.
     *
     * @param x        the array
     * @param format   its expected layout
     * @param features its expected feature size {@code E}
     * @param layer    the layer's description and input name, for the message
     * @throws IllegalArgumentException naming the layer and the sizes
     */
    public static void check(INDArray x, RNNFormat format, long features, String layer) {
        if (x.rank() != 3 || features(x, format) != features) {
            throw new IllegalArgumentException(layer + " takes " + format + " sequences "
                    + (format == RNNFormat.NCW ? "[N, E, T]" : "[N, T, E]") + " with E = " + features
                    + ", got an array of shape " + Arrays.toString(x.shape()));
        }
    }

    /**
     * Checks a DL4J sequence mask against its sequence.
     *
     * @param mask   the mask, or null
     * @param x      the sequence
     * @param format the sequence's layout
     * @param layer  the layer's description and input name, for the message
     * @throws IllegalArgumentException naming the layer and the sizes
     */
    public static void checkMask(INDArray mask, INDArray x, RNNFormat format, String layer) {
        if (mask == null) {
            return;
        }
        long n = x.size(0);
        long t = length(x, format);
        if (mask.rank() != 2 || mask.size(0) != n || mask.size(1) != t) {
            throw new IllegalArgumentException(layer + ": the sequence mask must be [N, T] = [" + n + ", " + t
                    + "] for the input of shape " + Arrays.toString(x.shape()) + ", got a mask of shape "
                    + Arrays.toString(mask.shape()));
        }
    }
}
