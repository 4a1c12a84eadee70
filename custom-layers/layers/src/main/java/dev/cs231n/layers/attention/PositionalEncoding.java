package dev.cs231n.layers.attention;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import dev.cs231n.layers.sequence.PassPlaceholders;
import dev.cs231n.layers.sequence.SequenceLayerImpl;
import dev.cs231n.layers.sequence.Sequences;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's sinusoidal positional encoding (CS231n 2025, assignment 3 {@code PositionalEncoding}; Vaswani et al.
 * 2017), added to the input, then dropout:
 * <pre>
 * pe[p, j]     = sin(p * 10000^(-j/E))     for even j
 * pe[p, j + 1] = cos(p * 10000^(-j/E))
 * out[n, p, :] = dropout(x[n, p, :] + pe[p, :])        (dropout only in training; drop probability, kept / (1 - p))
 * </pre>
 * Input and output {@code [N, E, T]} (NCW, DL4J's default) or {@code [N, T, E]} (NWC, from the input type), any
 * {@code T} up to {@link #getMaxLength()} (longer sequences fail with a message saying so); {@code E} must be even.
 * No parameters: the table is a constant. Defaults: {@code maxLength} {@value #DEFAULT_MAX_LENGTH} and dropout
 * {@value #DEFAULT_DROPOUT} (the course's). Dropout masks are seeded like {@link MultiHeadAttention}'s.
 */
public class PositionalEncoding extends CorrectedSameDiffLayer implements PassPlaceholders {

    private static final long serialVersionUID = 1L;

    /** The course's default maximum sequence length. */
    public static final int DEFAULT_MAX_LENGTH = 5000;
    /** The course's default drop probability. */
    public static final double DEFAULT_DROPOUT = 0.1;
    /** Name of the table placeholder (the first T rows, in the layer's layout) in the layer's graph. */
    static final String TABLE = "pe";
    /** Name of the dropout placeholder in the layer's graph. */
    static final String DROP = "peDrop";

    private long nIn;
    private int maxLength = DEFAULT_MAX_LENGTH;
    private double dropout = DEFAULT_DROPOUT;
    private RNNFormat dataFormat = RNNFormat.NCW;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected PositionalEncoding() {
        super();
    }

    private PositionalEncoding(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.maxLength = b.maxLength;
        this.dropout = b.dropout;
        this.dataFormat = b.dataFormat;
    }

    /** @return a new builder; {@code nIn} (E) is inferred from the input type when unset */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param length number of positions
     * @param e      embedding size (even)
     * @return the course's table {@code pe: [length, E]} in DOUBLE
     */
    public static INDArray table(long length, long e) {
        double[] v = new double[(int) (length * e)];
        for (int p = 0; p < length; p++) {
            for (int j = 0; j < e; j += 2) {
                double angle = p * Math.pow(10000.0, -(double) j / e);
                v[(int) (p * e + j)] = Math.sin(angle);
                if (j + 1 < e) {
                    v[(int) (p * e + j + 1)] = Math.cos(angle);
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(length, e);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable pe = sd.placeHolder(TABLE, layerInput.dataType(), -1, -1);
        SDVariable out = layerInput.add(pe);
        if (dropout > 0) {
            out = out.mul(sd.placeHolder(DROP, layerInput.dataType(), -1, -1, -1));
        }
        return out.rename("out");
    }

    @Override
    public Map<String, INDArray> placeholderValues(INDArray[] inputs, INDArray[] masks, boolean training, long seed,
            DropoutMasks gen, DataType dataType) {
        INDArray x = inputs[0];
        long t = Sequences.length(x, dataFormat);
        if (t > maxLength) {
            throw new IllegalArgumentException(describe() + ": the sequence has T = " + t + " steps, more than "
                    + "maxLength = " + maxLength + "; configure maxLength(" + t + ") or more");
        }
        INDArray pe = table(t, nIn).castTo(dataType);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(TABLE, dataFormat == RNNFormat.NCW ? pe.transpose().dup('c') : pe);
        if (dropout > 0) {
            ph.put(DROP, training ? gen.mask(x.shape(), dataType, 1.0 - dropout, seed) : Nd4j.ones(dataType, x.shape()));
        }
        return ph;
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new SequenceLayerImpl(conf, dataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent r = Sequences.recurrent(inputType, describe());
        dataFormat = r.getFormat();
        if (nIn <= 0 || override) {
            nIn = r.getSize();
            validateE(nIn, describe());
        }
        if (r.getTimeSeriesLength() > maxLength) {
            throw new IllegalArgumentException(describe() + ": the input type has T = " + r.getTimeSeriesLength()
                    + " steps, more than maxLength = " + maxLength);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = Sequences.recurrent(inputType, describe());
        if (nIn > 0 && r.getSize() != nIn) {
            throw new IllegalArgumentException(describe() + " was configured with E = " + nIn + " but its input type "
                    + inputType + " has " + r.getSize() + " features");
        }
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        Sequences.recurrent(inputType, describe());
        return null;
    }

    @Override
    public void validateInput(INDArray input) {
        Sequences.check(input, dataFormat, nIn, describe());
    }

    @Override
    public INDArray onesMaskForInput(INDArray input) {
        return Sequences.onesMask(input, dataFormat);
    }

    private static void validateE(long e, String layer) {
        if (e <= 0 || e % 2 != 0) {
            throw new IllegalArgumentException(layer + ": the embedding size E must be even and positive (sin and cos "
                    + "pairs), got E = " + e);
        }
    }

    /** @return the class and layer name, for messages */
    String describe() {
        return "PositionalEncoding" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    /** @return the embedding size {@code E} */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn the embedding size {@code E} */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return the longest sequence accepted */
    public int getMaxLength() {
        return maxLength;
    }

    /** @param maxLength the longest sequence accepted */
    public void setMaxLength(int maxLength) {
        this.maxLength = maxLength;
    }

    /** @return the drop probability in training */
    public double getDropout() {
        return dropout;
    }

    /** @param dropout the drop probability in training, in [0, 1) */
    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    /** @return the sequence layout */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    /** @param dataFormat the sequence layout */
    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = dataFormat;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PositionalEncoding) || !super.equals(o)) {
            return false;
        }
        PositionalEncoding p = (PositionalEncoding) o;
        return nIn == p.nIn && maxLength == p.maxLength && Double.compare(dropout, p.dropout) == 0
                && dataFormat == p.dataFormat;
    }

    /** Hashes the class, name and options (DL4J's SameDiff-layer hash code is not stable across copies). */
    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getLayerName(), nIn, maxLength, dropout, dataFormat);
    }

    /** Builds a validated {@link PositionalEncoding}. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private long nIn;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private double dropout = DEFAULT_DROPOUT;
        private RNNFormat dataFormat = RNNFormat.NCW;

        private Builder() {
        }

        /**
         * @param e the embedding size {@code E} (even); 0 (the default) infers it from the input type
         * @return this builder
         */
        public Builder nIn(long e) {
            this.nIn = e;
            return this;
        }

        /**
         * @param maxLength the longest sequence accepted, positive; default {@value #DEFAULT_MAX_LENGTH}
         * @return this builder
         */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * @param p the drop probability in training, in [0, 1); default {@value #DEFAULT_DROPOUT}
         * @return this builder
         */
        public Builder dropout(double p) {
            this.dropout = p;
            return this;
        }

        /**
         * @param format NCW (default) or NWC; inferred from the input type when the network sets one
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            this.dataFormat = format;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PositionalEncoding build() {
            String layer = "PositionalEncoding" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
            if (nIn != 0) {
                validateE(nIn, layer);
            }
            if (maxLength <= 0) {
                throw new IllegalArgumentException(layer + ": maxLength must be positive, got " + maxLength);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(layer + ": dropout (drop probability) must be in [0, 1), got "
                        + dropout);
            }
            if (dataFormat == null) {
                throw new IllegalArgumentException(layer + ": dataFormat must be NCW or NWC");
            }
            return new PositionalEncoding(this);
        }
    }
}
