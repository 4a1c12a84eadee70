package dev.cs231n.layers.sequence;

import java.util.Map;

import dev.cs231n.layers.dropout.DropoutMasks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implemented by a layer or vertex configuration whose SameDiff graph has placeholders besides its inputs and masks
 * (dropout masks, attention biases, a positional-encoding table): it computes their values for one pass. The same
 * arguments must give the same values, because the backward pass asks again; the runtimes pass the same seed for a
 * training step's forward and backward passes.
 */
public interface PassPlaceholders {

    /**
     * @param inputs   the inputs of this pass, in the configuration's layout
     * @param masks    their DL4J sequence masks {@code [N, T]} (entries may be null)
     * @param training whether this is a training-mode pass (dropout active)
     * @param seed     the seed of this pass's dropout masks (network seed, layer index, iteration, epoch mixed)
     * @param dropout  the generator to draw dropout masks with ({@link DropoutMasks#mask})
     * @param dataType the network's data type
     * @return each extra placeholder's value
     */
    Map<String, INDArray> placeholderValues(INDArray[] inputs, INDArray[] masks, boolean training, long seed,
            DropoutMasks dropout, DataType dataType);
}
