package dev.cs231n.searches.run;

import java.util.function.Function;

import dev.cs231n.searches.store.CandidateTask;
import dev.cs231n.searches.store.TrialContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains one {@link MultiLayerNetwork} candidate: the configuration rebuilt from the stored hyperparameters, then
 * {@code epochs} epochs over a new training iterator of the {@link SearchSplits}, minibatch by minibatch (checking
 * the lease and the thread's interrupt between them), scored after each epoch by its accuracy on the validation
 * split and reported to the {@link TrialContext}; the last epoch's validation accuracy is the candidate's score. A
 * loss that becomes NaN or infinite throws {@link ArithmeticException} naming the epoch and minibatch, so the worker
 * records the candidate FAILED and goes on. A completed candidate's network goes to the {@link ModelSink}.
 *
 * <p>Not thread-safe: one task per worker thread (its iterators are its own).
 */
public final class NetworkTask implements CandidateTask {

    /** Where a completed candidate's trained network goes (e.g. a model file per candidate). */
    @FunctionalInterface
    public interface ModelSink {
        /**
         * @param candidateIndex the candidate
         * @param net            its trained network
         * @throws Exception when it cannot be kept (the candidate then fails)
         */
        void accept(int candidateIndex, MultiLayerNetwork net) throws Exception;
    }

    private final Function<String, MultiLayerConfiguration> configuration;
    private final SearchSplits data;
    private final int epochs;
    private final ModelSink sink;

    /**
     * @param configuration builds a candidate's configuration from its stored hyperparameters JSON
     * @param data          the splits (the test split is never read here)
     * @param epochs        epochs per candidate, &gt;= 1
     * @param sink          receives each completed candidate's network, or null
     */
    public NetworkTask(Function<String, MultiLayerConfiguration> configuration, SearchSplits data, int epochs,
            ModelSink sink) {
        if (configuration == null || data == null || epochs < 1) {
            throw new IllegalArgumentException("a network task needs a configuration, data and epochs >= 1, got "
                    + epochs + " epochs");
        }
        this.configuration = configuration;
        this.data = data;
        this.epochs = epochs;
        this.sink = sink;
    }

    @Override
    public double run(String hyperparametersJson, TrialContext context) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration.apply(hyperparametersJson));
        net.init();
        DataSetIterator train = data.train();
        double accuracy = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            train.reset();
            int batch = 0;
            while (train.hasNext()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("candidate " + context.candidateIndex() + " interrupted");
                }
                context.checkLease();
                net.fit(train.next());
                batch++;
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    throw new ArithmeticException("candidate " + context.candidateIndex() + ": the training loss is "
                            + loss + " at epoch " + epoch + ", minibatch " + batch);
                }
            }
            accuracy = accuracy(net, data.validation());
            context.reportEpoch(epoch, accuracy);
        }
        if (sink != null) {
            sink.accept(context.candidateIndex(), net);
        }
        return accuracy;
    }

    /**
     * @param net  a network
     * @param iter labelled data
     * @return its classification accuracy there (inference mode)
     */
    public static double accuracy(MultiLayerNetwork net, DataSetIterator iter) {
        Evaluation e = net.evaluate(iter);
        return e.accuracy();
    }
}
