package dev.cs231n.layers.transformer;

import dev.cs231n.layers.attention.MultiHeadAttention;
import dev.cs231n.layers.attention.PositionalEncoding;
import dev.cs231n.layers.recurrent.CaptioningRnn;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's {@code CaptioningTransformer} (CS231n 2025, assignment 3) as a DL4J ComputationGraph built from this
 * library's and DL4J's pieces:
 * <pre>
 * features [N, F] -- "visual" DenseLayer (identity, W_visual [F, W], b_visual [W])
 *                 -- "memory" RepeatVector(1): one memory token per image              memory [N, W, 1]
 * captions_in [N, T] -- "embed" EmbeddingSequenceLayer (W_embed [V, W], no bias)      [N, W, T]
 *                    -- "pe" PositionalEncoding (x + pe[:T], dropout)
 *                    -- "dec0" .. "dec{L-1}" TransformerDecoderLayer(x, memory) (causal self-attention, post-norm)
 *                    -- "vocab" RnnOutputLayer (W_out [W, V], b_out [V], softmax, MCXENT)
 *                       with label mask captions_out != NULL
 * </pre>
 * Inputs {@link #FEATURES} and {@link #CAPTIONS}, output {@link #OUTPUT}; sequences NCW. As for {@link CaptioningRnn}
 * (same data, {@link #trainingData}): DL4J's score is the course's loss (cross-entropy summed over the unmasked time
 * steps, divided by N); the gradients DL4J's backward pass returns are N times the course's, and its updater divides
 * them by N before each step. {@code CaptioningTransformerGoldenTest} proves loss and every parameter gradient equal
 * to the course's ({@code captioning_transformer.json}).
 *
 * <p>One difference from the course's PyTorch model, which does not change the loss or any gradient of captions
 * padded at the end: the course's {@code nn.Embedding(..., padding_idx=<NULL>)} initialises the {@code <NULL>} row to
 * zeros and never updates it; DL4J's embedding has no padding index. {@code <NULL>} inputs only occur after
 * {@code <END>}, where every target is {@code <NULL>} (masked) and, the self-attention being causal, no unmasked
 * position attends to them, so their row's gradient is zero in both models; its initial value differs.
 */
public final class CaptioningTransformer {

    /** Name of the image-feature input {@code [N, F]}. */
    public static final String FEATURES = CaptioningRnn.FEATURES;
    /** Name of the token input {@code [N, T]} (captions without their last token). */
    public static final String CAPTIONS = CaptioningRnn.CAPTIONS;
    /** Name of the projection of the features to the memory's width W. */
    public static final String PROJECTION = "visual";
    /** Name of the layer turning the projection into a one-token memory sequence {@code [N, W, 1]}. */
    public static final String MEMORY = "memory";
    /** Name of the word embedding. */
    public static final String EMBEDDING = "embed";
    /** Name of the positional encoding. */
    public static final String POSITIONAL = "pe";
    /** Prefix of the decoder layers' names: {@code dec0, dec1, ...}. */
    public static final String DECODER_PREFIX = "dec";
    /** Name of the output layer: temporal affine to the vocabulary, softmax, masked cross-entropy. */
    public static final String OUTPUT = "vocab";
    /** The course's default maximum caption length. */
    public static final int DEFAULT_MAX_LENGTH = 50;

    private CaptioningTransformer() {
    }

    /**
     * @param layer a decoder layer's index, from 0
     * @return its vertex name
     */
    public static String decoder(int layer) {
        return DECODER_PREFIX + layer;
    }

    /**
     * @param inputDim       F, the size of the image features
     * @param wordVecDim     W, the width of word vectors, memory and decoder (even, divisible by {@code numHeads})
     * @param numHeads       the attention heads of every decoder layer
     * @param numLayers      L, the number of decoder layers
     * @param dimFeedforward the decoder layers' feed-forward width (the course's: 2048)
     * @param vocabSize      V, the number of tokens
     * @param maxLength      the longest input caption the positional encoding accepts (the course's: 50)
     * @param dropout        the drop probability of the positional encoding and every decoder dropout (the
     *                       course's: 0.1)
     * @param activation     the decoder layers' feed-forward activation (the course's: ReLU)
     * @param updater        the updater (the course: Adam)
     * @param dtype          the network's data type
     * @param seed           the initialisation and dropout seed
     * @return the graph's configuration
     */
    public static ComputationGraphConfiguration configuration(int inputDim, int wordVecDim, int numHeads,
            int numLayers, int dimFeedforward, int vocabSize, int maxLength, double dropout,
            FeedForwardActivation activation, IUpdater updater, DataType dtype, long seed) {
        if (inputDim <= 0 || wordVecDim <= 0 || numLayers <= 0 || vocabSize < 2) {
            throw new IllegalArgumentException("CaptioningTransformer: inputDim, wordVecDim and numLayers must be "
                    + "positive and vocabSize at least 2, got " + inputDim + ", " + wordVecDim + ", " + numLayers
                    + ", " + vocabSize);
        }
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(dtype).updater(updater == null ? new Adam(1e-3) : updater).graphBuilder()
                .addInputs(FEATURES, CAPTIONS)
                // EmbeddingSequenceLayer takes its nIn (the vocabulary size) from the input type's size, although
                // the array is [N, T] indices
                .setInputTypes(InputType.feedForward(inputDim), InputType.recurrent(vocabSize))
                .addLayer(PROJECTION, new DenseLayer.Builder().nIn(inputDim).nOut(wordVecDim)
                        .activation(Activation.IDENTITY).build(), FEATURES)
                .addLayer(MEMORY, new RepeatVector.Builder<>(1).build(), PROJECTION)
                .addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(wordVecDim)
                        .hasBias(false).activation(Activation.IDENTITY).build(), CAPTIONS)
                .addLayer(POSITIONAL, PositionalEncoding.builder().nIn(wordVecDim).maxLength(maxLength)
                        .dropout(dropout).build(), EMBEDDING);
        String previous = POSITIONAL;
        for (int i = 0; i < numLayers; i++) {
            b.addVertex(decoder(i), TransformerDecoderLayer.builder().nIn(wordVecDim).numHeads(numHeads)
                    .dimFeedforward(dimFeedforward).dropout(dropout).activation(activation).causal(true).build(),
                    previous, MEMORY);
            previous = decoder(i);
        }
        return b.addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(wordVecDim)
                .nOut(vocabSize).activation(Activation.SOFTMAX).build(), previous)
                .setOutputs(OUTPUT).build();
    }

    /**
     * The course's split of captions into what the model reads and what it predicts (the same as
     * {@link CaptioningRnn#trainingData}).
     *
     * @param features  {@code [N, F]}
     * @param captions  {@code [N, T + 1]} token indices (any numeric type)
     * @param vocabSize V
     * @param dtype     the network's data type
     * @return inputs {features, captions[:, :-1]}, labels one-hot(captions[:, 1:]) as NCW {@code [N, V, T]}, no
     *         feature masks, label mask {@code captions[:, 1:] != <NULL>} {@code [N, T]}
     */
    public static MultiDataSet trainingData(INDArray features, INDArray captions, int vocabSize, DataType dtype) {
        return CaptioningRnn.trainingData(features, captions, vocabSize, dtype);
    }

    /** The standard deviation of the course's {@code _init_weights}: every linear and embedding weight. */
    public static final double COURSE_INIT_STD = 0.02;

    /**
     * The course's initialisation ({@code CaptioningTransformer._init_weights}, applied by PyTorch after
     * construction): every linear and embedding weight drawn from N(0, 0.02²), every linear bias 0, every LayerNorm
     * gamma 1 and beta 0. DL4J's own initialisation (the configuration's, Xavier by default) draws the same shapes
     * from their fan-in and fan-out instead; that is what {@link #configuration} gives after {@code init()}.
     *
     * @param g    an initialised graph of {@link #configuration}
     * @param seed the seed of the draws
     */
    public static void initializeLikeCourse(ComputationGraph g, long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (Layer l : g.getLayers()) {
            if (l.paramTable().containsKey("W")) {
                normal(l.getParam("W"), rng);
            }
            if (l.paramTable().containsKey("b")) {
                l.getParam("b").assign(0.0);
            }
        }
        for (int layer = 0; g.getVertex(decoder(layer)) != null; layer++) {
            Map<String, INDArray> p = g.getVertex(decoder(layer)).paramTable(false);
            for (String prefix : new String[] {TransformerDecoderLayer.SELF_PREFIX,
                TransformerDecoderLayer.CROSS_PREFIX}) {
                for (int i = 0; i < 4; i++) {
                    normal(p.get(prefix + MultiHeadAttention.WEIGHT_KEYS[i]), rng);
                    p.get(prefix + MultiHeadAttention.BIAS_KEYS[i]).assign(0.0);
                }
            }
            normal(p.get(TransformerDecoderLayer.FF_W1), rng);
            normal(p.get(TransformerDecoderLayer.FF_W2), rng);
            p.get(TransformerDecoderLayer.FF_B1).assign(0.0);
            p.get(TransformerDecoderLayer.FF_B2).assign(0.0);
            for (int i = 0; i < 3; i++) {
                p.get(TransformerDecoderLayer.NORM_GAMMAS[i]).assign(1.0);
                p.get(TransformerDecoderLayer.NORM_BETAS[i]).assign(0.0);
            }
        }
    }

    private static void normal(INDArray w, Random rng) {
        w.assign(Nd4j.randn(rng, w.shape()).muli(COURSE_INIT_STD));
    }
}
