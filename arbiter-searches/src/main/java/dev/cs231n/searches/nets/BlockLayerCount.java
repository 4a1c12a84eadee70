package dev.cs231n.searches.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * How many copies (0 or 1) of a layer of hidden block {@code block} a network gets: 1 when the net's depth is at
 * least {@code block} and, if a flag is given, the flag is true. Used as the {@code numLayers} of a layer in an
 * Arbiter {@code MultiLayerSpace} ({@code addLayer(layerSpace, count)}), which adds that many copies of the layer:
 * so one depth hyperparameter switches whole blocks (dense, norm, activation, dropout) on and off, and a norm flag
 * switches the norm layers. Not a leaf: its hyperparameters are the depth's and the flag's.
 */
public class BlockLayerCount implements ParameterSpace<Integer> {

    private ParameterSpace<Integer> depth;
    private int block;
    private ParameterSpace<Boolean> flag;

    /** For JSON deserialisation. */
    protected BlockLayerCount() {
    }

    /**
     * @param depth the net's number of hidden blocks
     * @param block this layer's block, from 1
     * @param flag  a further condition (e.g. "batch norm"), or null
     */
    public BlockLayerCount(ParameterSpace<Integer> depth, int block, ParameterSpace<Boolean> flag) {
        if (depth == null || block < 1) {
            throw new IllegalArgumentException("a block layer count needs a depth space and a block >= 1, got "
                    + depth + ", " + block);
        }
        this.depth = depth;
        this.block = block;
        this.flag = flag;
    }

    @Override
    public Integer getValue(double[] values) {
        boolean present = depth.getValue(values) >= block && (flag == null || flag.getValue(values));
        return present ? 1 : 0;
    }

    @Override
    public int numParameters() {
        return 0; // counted through the leaves, which the depth and flag spaces are
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>(depth.collectLeaves());
        if (flag != null) {
            leaves.addAll(flag.collectLeaves());
        }
        return leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return flag == null ? Map.of("depth", depth) : Map.of("depth", depth, "flag", flag);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("BlockLayerCount is not a leaf: its depth and flag get the indices");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockLayerCount b && block == b.block && depth.equals(b.depth)
                && java.util.Objects.equals(flag, b.flag);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(depth, block, flag);
    }

    @Override
    public String toString() {
        return "BlockLayerCount(block " + block + ", depth " + depth + (flag == null ? "" : ", flag " + flag) + ")";
    }
}
