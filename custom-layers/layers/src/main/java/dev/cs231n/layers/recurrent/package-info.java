/**
 * The course's vanilla-RNN captioning pieces for DL4J: {@link dev.cs231n.layers.recurrent.VanillaRnnVertex} (the
 * recurrence {@code h_t = tanh(x_t Wx + h_{t-1} Wh + b)} with {@code h0} as a second input, exact gradients on every
 * DL4J release) and {@link dev.cs231n.layers.recurrent.CaptioningRnn} (the whole CaptioningRNN as a
 * ComputationGraph). The word embedding, temporal affine and temporal softmax loss are DL4J's own
 * {@code EmbeddingSequenceLayer}, {@code TimeDistributed(DenseLayer)} / {@code RnnOutputLayer} and {@code RnnOutputLayer}
 * with a label mask, which the tests prove equal to the course's definitions. Sequences are DL4J's NCW
 * {@code [N, features, T]} by default; NWC is accepted.
 */
package dev.cs231n.layers.recurrent;
