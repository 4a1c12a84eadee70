package dev.cs231n.pipelines.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Which line of the PyTorch baseline ({@code shared/reference/torch-baseline.txt}) each bench row is compared
 * with: every row name the project uses or will use, so that a component adding its benchmark only adds the row.
 * A row measuring DL4J's own built-in counterpart carries the suffix {@value #BUILTIN_SUFFIX} and is compared
 * with the same line as the row without it; so is a row with the suffix {@value #SAMEDIFF_SUFFIX}, which measures one
 * of our layers on its SameDiff reference path ({@code -Dcs231n.norm.fast=false}).
 */
public final class TorchRows {

    /** Suffix of a row that measures DL4J's built-in counterpart of one of our components. */
    public static final String BUILTIN_SUFFIX = "_builtin";

    /** Suffix of a row that measures DL4J's built-in layer with its oneDNN helper on, beside ours. */
    public static final String BUILTIN_ONEDNN_SUFFIX = "_builtin_onednn";

    /** Suffix of a row that measures one of our layers on its SameDiff reference path instead of the fast path. */
    public static final String SAMEDIFF_SUFFIX = "_samediff";

    private static final Map<String, String> LINES = Map.ofEntries(
            Map.entry("matmul_2048_fp32", "matmul 2048x2048x2048 float32"),
            Map.entry("matmul_2048_fp32_f_order", "matmul 2048x2048x2048 float32"),
            Map.entry("batchnorm_256x3072", "(a) BatchNorm1d native fwd+bwd (256x3072)"),
            Map.entry("spatial_batchnorm_128x64x32x32", "(a) BatchNorm2d native fwd+bwd (128x64x32x32)"),
            Map.entry("self_attention_64x17x256_h4", "(b) MHA cs231n self-attn causal fwd+bwd (64x17x256,h4)"),
            // DL4J's SelfAttentionLayer has no causal mask: its rows run full attention (see AttentionBench)
            Map.entry("self_attention_64x17x256_h4_dl4j", "(b) MHA cs231n self-attn causal fwd+bwd (64x17x256,h4)"),
            Map.entry("self_attention_64x17x256_h4_dl4j_corrected",
                    "(b) MHA cs231n self-attn causal fwd+bwd (64x17x256,h4)"),
            Map.entry("decoder_layer_64x16x256_h4", "(i) course decoder layer fwd+bwd (64x16x256, h4, ff2048, mem 1)"),
            Map.entry("captioning_transformer_step_b25_t16",
                    "(j) CaptioningTransformer W256 h2 L2 Adam train step (b25, T16)"),
            Map.entry("captioning_rnn_step_b25_t16", "(k) CaptioningRNN W256 H512 Adam train step (b25, T16)"),
            Map.entry("simclr_step_128_pairs", "(l) SimCLR small-CNN encoder+head NT-Xent Adam step (128 pairs)"),
            Map.entry("nt_xent_256x128", "(c) SimCLR NT-Xent cs231n fwd+bwd (N=256 pairs, D=128)"),
            Map.entry("two_layer_step_b200", "(d) two-layer net 3072-100-10 SGD train step (batch 200)"),
            Map.entry("two_layer_epoch_49k", "(f) two-layer net epoch 49k, MEASURED (incl. batch gather)"),
            Map.entry("cnn_step_b128", "(d) small CNN c32-pool-c64-pool-fc10 SGD train step (b128)"),
            Map.entry("cnn_step_b128_no_onednn", "(d) small CNN c32-pool-c64-pool-fc10 SGD train step (b128)"),
            Map.entry("knn_500x5000x3072_fp32", "(e) kNN L2 dists no-loop 500x5000x3072 float32"),
            Map.entry("knn_500x5000x3072_fp64", "(e) kNN L2 dists no-loop 500x5000x3072 float64"),
            Map.entry("layernorm_256x3072", "(h) LayerNorm native fwd+bwd (256x3072)"),
            Map.entry("groupnorm_128x64x32x32_g8", "(h) GroupNorm(8) native fwd+bwd (128x64x32x32)"),
            Map.entry("cnn_deep_step_b128", "(g) deep CNN 32/64/128 no norm Adam train step (b128)"),
            Map.entry("cnn_deep_batchnorm_step_b128", "(g) deep CNN 32/64/128 BatchNorm2d Adam train step (b128)"),
            Map.entry("cnn_deep_groupnorm_step_b128", "(g) deep CNN 32/64/128 GroupNorm(8) Adam train step (b128)"));

    private TorchRows() {
    }

    /**
     * @param rowName a bench row name, with or without {@value #BUILTIN_SUFFIX} or {@value #BUILTIN_ONEDNN_SUFFIX}
     * @return the label of its line in the PyTorch baseline, if it has one
     */
    public static Optional<String> lineFor(String rowName) {
        String base = rowName;
        for (String suffix : new String[] {BUILTIN_ONEDNN_SUFFIX, BUILTIN_SUFFIX, SAMEDIFF_SUFFIX}) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        return Optional.ofNullable(LINES.get(base));
    }

    /** @return every mapped row name and its baseline line */
    public static Map<String, String> all() {
        return LINES;
    }
}
