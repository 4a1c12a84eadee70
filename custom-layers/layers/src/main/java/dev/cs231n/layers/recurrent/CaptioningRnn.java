package dev.cs231n.layers.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's {@code CaptioningRNN} (cell type {@code 'rnn'}) as a DL4J ComputationGraph built from this package's
 * and DL4J's pieces:
 * <pre>
 * features [N, F] -- "proj" DenseLayer (identity) --------------------------------+ h0 [N, H]
 * captions_in [N, T] -- "embed" EmbeddingSequenceLayer (W_embed [V, W], no bias) -- "rnn" VanillaRnnVertex
 *     -- "vocab" RnnOutputLayer (W_vocab [H, V], softmax, MCXENT) with label mask captions_out != NULL
 * </pre>
 * Inputs {@link #FEATURES} and {@link #CAPTIONS}, output {@link #OUTPUT}; sequences NCW. DL4J's score is the course's
 * loss (cross-entropy summed over the unmasked time steps, divided by N); the gradients DL4J's backward pass returns
 * are N times the course's, and its updater divides them by N before each step.
 *
 * <p>{@link #trainingData} turns {@code captions [N, T + 1]} (starting with {@code <START>}, padded with
 * {@code <NULL>}) into the graph's inputs, one-hot labels and label mask, as the course's {@code loss} does.
 */
public final class CaptioningRnn {

    /** Name of the image-feature input {@code [N, F]}. */
    public static final String FEATURES = "features";
    /** Name of the token input {@code [N, T]} (captions without their last token). */
    public static final String CAPTIONS = "captions_in";
    /** Name of the projection of the features to h0. */
    public static final String PROJECTION = "proj";
    /** Name of the word embedding. */
    public static final String EMBEDDING = "embed";
    /** Name of the RNN vertex. */
    public static final String RNN = "rnn";
    /** Name of the output layer: temporal affine to the vocabulary, softmax, masked cross-entropy. */
    public static final String OUTPUT = "vocab";
    /** The course's {@code <NULL>} token index. */
    public static final int NULL_TOKEN = 0;

    private CaptioningRnn() {
    }

    /**
     * @param inputDim   F, the size of the image features
     * @param wordVecDim W, the size of a word vector
     * @param hiddenDim  H, the RNN's hidden size
     * @param vocabSize  V, the number of tokens
     * @param updater    the updater (the course: Adam)
     * @param dtype      the network's data type
     * @param seed       the initialisation seed
     * @return the graph's configuration
     */
    public static ComputationGraphConfiguration configuration(int inputDim, int wordVecDim, int hiddenDim,
            int vocabSize, IUpdater updater, DataType dtype, long seed) {
        if (inputDim <= 0 || wordVecDim <= 0 || hiddenDim <= 0 || vocabSize < 2) {
            throw new IllegalArgumentException("CaptioningRnn: inputDim, wordVecDim and hiddenDim must be positive and "
                    + "vocabSize at least 2, got " + inputDim + ", " + wordVecDim + ", " + hiddenDim + ", "
                    + vocabSize);
        }
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(dtype)
                .updater(updater == null ? new Adam(5e-3) : updater).graphBuilder()
                .addInputs(FEATURES, CAPTIONS)
                // EmbeddingSequenceLayer takes its nIn (the vocabulary size) from the input type's size, although
                // the array is [N, T] indices
                .setInputTypes(InputType.feedForward(inputDim), InputType.recurrent(vocabSize))
                .addLayer(PROJECTION, new DenseLayer.Builder().nIn(inputDim).nOut(hiddenDim)
                        .activation(Activation.IDENTITY).build(), FEATURES)
                .addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(wordVecDim)
                        .hasBias(false).activation(Activation.IDENTITY).build(), CAPTIONS)
                .addVertex(RNN, VanillaRnnVertex.builder().nIn(wordVecDim).nOut(hiddenDim).build(), EMBEDDING,
                        PROJECTION)
                .addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hiddenDim)
                        .nOut(vocabSize).activation(Activation.SOFTMAX).build(), RNN)
                .setOutputs(OUTPUT).build();
    }

    /**
     * The course's split of captions into what the model reads and what it predicts.
     *
     * @param features  {@code [N, F]}
     * @param captions  {@code [N, T + 1]} token indices (any numeric type)
     * @param vocabSize V
     * @param dtype     the network's data type
     * @return inputs {features, captions[:, :-1]}, labels one-hot(captions[:, 1:]) as NCW {@code [N, V, T]}, no
     *         feature masks, label mask {@code captions[:, 1:] != <NULL>} {@code [N, T]}
     */
    public static MultiDataSet trainingData(INDArray features, INDArray captions, int vocabSize, DataType dtype) {
        if (captions.rank() != 2 || captions.size(1) < 2 || captions.size(0) != features.size(0)) {
            throw new IllegalArgumentException("CaptioningRnn: captions must be [N, T + 1] with T >= 1 and the "
                    + "features' N = " + features.size(0) + ", got " + java.util.Arrays.toString(captions.shape()));
        }
        long n = captions.size(0);
        long t = captions.size(1) - 1;
        INDArray in = captions.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t)).castTo(dtype).dup();
        INDArray labels = Nd4j.zeros(dtype, n, vocabSize, t);
        INDArray mask = Nd4j.zeros(dtype, n, t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                long token = captions.getLong(i, j + 1);
                if (token < 0 || token >= vocabSize) {
                    throw new IllegalArgumentException("CaptioningRnn: token " + token + " at caption " + i
                            + ", position " + (j + 1) + " is outside the vocabulary [0, " + vocabSize + ")");
                }
                labels.putScalar(new long[] {i, token, j}, 1.0);
                mask.putScalar(i, j, token == NULL_TOKEN ? 0.0 : 1.0);
            }
        }
        return new MultiDataSet(new INDArray[] {features.castTo(dtype), in}, new INDArray[] {labels}, null,
                new INDArray[] {mask});
    }

    /**
     * The course's initialisation ({@code CaptioningRNN.__init__}): {@code W_embed} from N(0, 1) / 100,
     * {@code W_proj}, {@code Wx}, {@code Wh} and {@code W_vocab} from N(0, 1) / sqrt(their fan-in), every bias 0.
     * DL4J's own initialisation (the configuration's, Xavier by default) is what {@link #configuration} gives after
     * {@code init()}.
     *
     * @param g    an initialised graph of {@link #configuration}
     * @param seed the seed of the draws
     */
    public static void initializeLikeCourse(ComputationGraph g, long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        normal(g.getLayer(EMBEDDING).getParam("W"), 0.01, rng);
        for (String layer : new String[] {PROJECTION, OUTPUT}) {
            INDArray w = g.getLayer(layer).getParam("W");
            normal(w, 1.0 / Math.sqrt(w.size(0)), rng);
            g.getLayer(layer).getParam("b").assign(0.0);
        }
        Map<String, INDArray> p = g.getVertex(RNN).paramTable(false);
        for (String k : new String[] {VanillaRnnVertex.WX_KEY, VanillaRnnVertex.WH_KEY}) {
            normal(p.get(k), 1.0 / Math.sqrt(p.get(k).size(0)), rng);
        }
        p.get(VanillaRnnVertex.B_KEY).assign(0.0);
    }

    private static void normal(INDArray w, double std, Random rng) {
        w.assign(Nd4j.randn(rng, w.shape()).muli(std));
    }
}
