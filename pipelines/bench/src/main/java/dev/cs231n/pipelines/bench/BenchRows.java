package dev.cs231n.pipelines.bench;

import java.util.List;
import java.util.Optional;

import dev.cs231n.pipelines.bench.jmh.CaptionDecodeBench;
import dev.cs231n.pipelines.bench.jmh.CaptioningRnnBench;
import dev.cs231n.pipelines.bench.jmh.CifarBench;
import dev.cs231n.pipelines.bench.jmh.KnnBench;
import dev.cs231n.pipelines.bench.jmh.TwoLayerBench;

/**
 * Every row the {@code bench} job can measure, in print order. Later components add their rows here (and, for a
 * new shape, its PyTorch line in {@link TorchRows}).
 */
public final class BenchRows {

    /** 2 * 2048^3 floating-point operations per 2048x2048 matrix product. */
    private static final double MATMUL_2048_FLOP = 2.0 * 2048 * 2048 * 2048;

    /** The rows, in print order. */
    public static final List<BenchRow> ALL = List.of(
            new BenchRow("matmul_2048_fp32", "MatmulBench.fp32", "flop", MATMUL_2048_FLOP),
            new BenchRow("matmul_2048_fp32_f_order", "MatmulBench.fp32FOrder", "flop", MATMUL_2048_FLOP),
            new BenchRow("batchnorm_256x3072", "BatchNormBench.ours256x3072", "example", 256),
            new BenchRow("batchnorm_256x3072_builtin", "BatchNormBench.builtIn256x3072", "example", 256),
            new BenchRow("batchnorm_256x3072_builtin_onednn", "BatchNormBench.builtIn256x3072", "example", 256,
                    "helpers=true"),
            new BenchRow("spatial_batchnorm_128x64x32x32", "BatchNormBench.oursSpatial128x64x32x32", "example", 128),
            new BenchRow("spatial_batchnorm_128x64x32x32_builtin", "BatchNormBench.builtInSpatial128x64x32x32",
                    "example", 128),
            new BenchRow("spatial_batchnorm_128x64x32x32_builtin_onednn",
                    "BatchNormBench.builtInSpatial128x64x32x32", "example", 128, "helpers=true"),
            new BenchRow("batchnorm_256x3072_samediff", "BatchNormBench.ours256x3072", "example", 256,
                    "fastPath=false"),
            new BenchRow("spatial_batchnorm_128x64x32x32_samediff", "BatchNormBench.oursSpatial128x64x32x32",
                    "example", 128, "fastPath=false"),
            new BenchRow("layernorm_256x3072", "BatchNormBench.layerNorm256x3072", "example", 256),
            new BenchRow("layernorm_256x3072_samediff", "BatchNormBench.layerNorm256x3072", "example", 256,
                    "fastPath=false"),
            new BenchRow("groupnorm_128x64x32x32_g8", "BatchNormBench.groupNorm128x64x32x32", "example", 128),
            new BenchRow("groupnorm_128x64x32x32_g8_samediff", "BatchNormBench.groupNorm128x64x32x32", "example",
                    128, "fastPath=false"),
            new BenchRow("batchnorm_256x3072_inference", "BatchNormBench.oursInference256x3072", "example", 256),
            new BenchRow("batchnorm_256x3072_inference_builtin", "BatchNormBench.builtInInference256x3072",
                    "example", 256),
            new BenchRow("spatial_batchnorm_128x64x32x32_inference",
                    "BatchNormBench.oursInferenceSpatial128x64x32x32", "example", 128),
            new BenchRow("spatial_batchnorm_128x64x32x32_inference_builtin",
                    "BatchNormBench.builtInInferenceSpatial128x64x32x32", "example", 128),
            new BenchRow("spatial_batchnorm_128x64x32x32_inference_builtin_onednn",
                    "BatchNormBench.builtInInferenceSpatial128x64x32x32", "example", 128, "helpers=true"),
            new BenchRow("cifar_read_raw_train", "CifarBench.readRawTrain", "image", CifarBench.TRAIN_IMAGES),
            new BenchRow("cifar_load_train", "CifarBench.loadTrain", "image", CifarBench.TRAIN_IMAGES),
            new BenchRow("cifar_iterate_train", "CifarBench.iterateTrainStandardised", "image",
                    CifarBench.TRAIN_SPLIT_IMAGES),
            new BenchRow("cnn_step_b128", "CnnBench.step", "image", 128, "helpers=true"),
            new BenchRow("cnn_step_b128_no_onednn", "CnnBench.step", "image", 128, "helpers=false"),
            new BenchRow("cnn_deep_step_b128", "DeepCnnBench.step", "image", 128, "norm=NONE"),
            new BenchRow("cnn_deep_batchnorm_step_b128", "DeepCnnBench.step", "image", 128, "norm=BATCH"),
            new BenchRow("cnn_deep_groupnorm_step_b128", "DeepCnnBench.step", "image", 128, "norm=GROUP"),
            new BenchRow("cnn_deep_batchnorm_step_b128_samediff", "DeepCnnBench.step", "image", 128,
                    "norm=BATCH,fastPath=false"),
            new BenchRow("cnn_deep_groupnorm_step_b128_samediff", "DeepCnnBench.step", "image", 128,
                    "norm=GROUP,fastPath=false"),
            new BenchRow("knn_500x5000x3072_fp32", "KnnBench.fp32", "flop", KnnBench.FLOP),
            new BenchRow("knn_500x5000x3072_fp64", "KnnBench.fp64", "flop", KnnBench.FLOP),
            new BenchRow("two_layer_step_b200", "TwoLayerBench.step", "example", TwoLayerBench.BATCH),
            new BenchRow("two_layer_epoch_49k", "TwoLayerBench.epoch", "example", TwoLayerBench.EPOCH_EXAMPLES),
            new BenchRow("self_attention_64x17x256_h4", "AttentionBench.selfAttention64x17x256h4", "example", 64),
            new BenchRow("self_attention_64x17x256_h4_dl4j", "AttentionBench.selfAttentionDl4j64x17x256h4", "example",
                    64, "corrected=false"),
            new BenchRow("self_attention_64x17x256_h4_dl4j_corrected", "AttentionBench.selfAttentionDl4j64x17x256h4",
                    "example", 64, "corrected=true"),
            new BenchRow("decoder_layer_64x16x256_h4", "AttentionBench.decoderLayer64x16x256h4", "example", 64),
            new BenchRow("captioning_rnn_step_b25_t16", "CaptioningRnnBench.step", "caption", CaptioningRnnBench.BATCH,
                    "reference=false"),
            new BenchRow("captioning_rnn_step_b25_t16_samediff", "CaptioningRnnBench.step", "caption",
                    CaptioningRnnBench.BATCH, "reference=true"),
            new BenchRow("captioning_transformer_step_b25_t16", "CaptioningTransformerBench.step", "caption",
                    CaptioningRnnBench.BATCH),
            new BenchRow("caption_greedy_rnn_25", "CaptionDecodeBench.greedy", "caption", CaptionDecodeBench.IMAGES,
                    "model=rnn"),
            new BenchRow("caption_beam3_rnn", "CaptionDecodeBench.beam", "caption", CaptionDecodeBench.BEAM_IMAGES,
                    "model=rnn"),
            new BenchRow("caption_greedy_transformer_25", "CaptionDecodeBench.greedy", "caption",
                    CaptionDecodeBench.IMAGES, "model=transformer"),
            new BenchRow("caption_beam3_transformer", "CaptionDecodeBench.beam", "caption",
                    CaptionDecodeBench.BEAM_IMAGES, "model=transformer"),
            new BenchRow("nt_xent_256x128", "NtXentBench.forwardBackward", "pair", 256, "path=FUSED"),
            new BenchRow("nt_xent_256x128_samediff", "NtXentBench.forwardBackward", "pair", 256, "path=SAMEDIFF"),
            new BenchRow("simclr_step_128_pairs", "SimClrStepBench.step", "pair", 128),
            new BenchRow("simclr_augment_128_pairs", "SimClrAugmentBench.pairs128", "pair", 128));

    private BenchRows() {
    }

    /**
     * @param name a row name
     * @return the row, if there is one of that name
     */
    public static Optional<BenchRow> byName(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
