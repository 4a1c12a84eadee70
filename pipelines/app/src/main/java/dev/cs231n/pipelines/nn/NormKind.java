package dev.cs231n.pipelines.nn;

import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.GroupNorm;
import dev.cs231n.layers.norm.LayerNorm;
import org.deeplearning4j.nn.conf.layers.Layer;

/** The normalisation a job puts after each hidden affine or convolution layer (our custom-layers). */
public enum NormKind {
    /** No normalisation. */
    NONE,
    /** {@link BatchNorm} (spatial on NCHW). */
    BATCH,
    /** {@link LayerNorm} (feed-forward only). */
    LAYER,
    /** {@link GroupNorm} (NCHW only). */
    GROUP;

    /**
     * @param groups channel groups, for {@link #GROUP}
     * @return a new layer configuration (sizes inferred from the input type), or null for {@link #NONE}
     */
    public Layer layer(int groups) {
        return switch (this) {
            case BATCH -> BatchNorm.builder().build();
            case LAYER -> LayerNorm.builder().build();
            case GROUP -> GroupNorm.builder().groups(groups).build();
            case NONE -> null;
        };
    }
}
