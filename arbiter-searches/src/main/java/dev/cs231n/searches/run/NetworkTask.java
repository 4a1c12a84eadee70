package dev.cs231n.searches.run;

import java.util.Optional;
import java.util.function.Function;

import dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator;
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
 * records the candidate FAILED and goes on. A completed candidate's network goes to the {@link ModelSink}. The
 * network's epoch count (DL4J's, which epoch-based learning-rate schedules read) grows by one after each epoch, as
 * in DL4J's {@code fit(iterator)}.
 *
 * <p>A candidate of a successive-halving search ({@link TrainingBudget} in its JSON) is trained to its own
 * {@link TrainingBudget#epochs()} instead of the fixed {@code epochs}; one that continues a parent (rung 1 on)
 * starts from the parent's network as the {@link ModelSource} gives it (parameters, updater state, iteration and
 * epoch counts, e.g. {@link ModelFiles}) and trains only epochs {@code parentEpochs + 1 .. epochs}, reported under
 * those numbers, so the store's epoch count of each candidate is the epochs it actually trained. A
 * {@link CifarDataSetIterator} is moved to the parent's epoch count first, so the continued epochs see the same
 * shuffles as uninterrupted training; another iterator starts its own order.
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

    /**
     * Where a promoted candidate's starting network comes from: the network a {@link ModelSink} kept for its parent,
     * with the updater state and DL4J's iteration and epoch counts, so that training continues as if it had not
     * stopped (see {@link ModelFiles}).
     */
    @FunctionalInterface
    public interface ModelSource {
        /**
         * @param candidateIndex a completed candidate
         * @return its trained network, ready to train on (updater state included)
         * @throws Exception when it cannot be read (the candidate that needs it then fails)
         */
        MultiLayerNetwork load(int candidateIndex) throws Exception;
    }

    private final Function<String, MultiLayerConfiguration> configuration;
    private final SearchSplits data;
    private final int epochs;
    private final ModelSink sink;
    private final ModelSource source;

    /**
     * A task that trains every candidate from scratch.
     *
     * @param configuration builds a candidate's configuration from its stored hyperparameters JSON
     * @param data          the splits (the test split is never read here)
     * @param epochs        epochs per candidate (unless its JSON gives a {@link TrainingBudget}), &gt;= 1
     * @param sink          receives each completed candidate's network, or null
     */
    public NetworkTask(Function<String, MultiLayerConfiguration> configuration, SearchSplits data, int epochs,
            ModelSink sink) {
        this(configuration, data, epochs, sink, null);
    }

    /**
     * A task that can also continue a parent's network (successive halving).
     *
     * @param configuration builds a candidate's configuration from its stored hyperparameters JSON
     * @param data          the splits (the test split is never read here)
     * @param epochs        epochs of a candidate whose JSON gives no {@link TrainingBudget}, &gt;= 1
     * @param sink          receives each completed candidate's network, or null (a halving search needs one that
     *                      keeps the updater state, e.g. {@link ModelFiles})
     * @param source        gives a promoted candidate its parent's network, or null when no candidate continues one
     */
    public NetworkTask(Function<String, MultiLayerConfiguration> configuration, SearchSplits data, int epochs,
            ModelSink sink, ModelSource source) {
        if (configuration == null || data == null || epochs < 1) {
            throw new IllegalArgumentException("a network task needs a configuration, data and epochs >= 1, got "
                    + epochs + " epochs");
        }
        this.configuration = configuration;
        this.data = data;
        this.epochs = epochs;
        this.sink = sink;
        this.source = source;
    }

    @Override
    public double run(String hyperparametersJson, TrialContext context) throws Exception {
        Optional<TrainingBudget> budget = TrainingBudget.of(hyperparametersJson);
        int target = budget.map(TrainingBudget::epochs).orElse(epochs);
        MultiLayerNetwork net;
        if (budget.isPresent() && budget.get().continues()) {
            int parent = budget.get().parent();
            if (source == null) {
                throw new IllegalStateException("candidate " + context.candidateIndex() + " continues candidate "
                        + parent + "'s network: give the NetworkTask a ModelSource (e.g. ModelFiles)");
            }
            net = source.load(parent);
            if (net.getEpochCount() >= target) {
                throw new IllegalStateException("candidate " + context.candidateIndex() + " is to be trained to "
                        + target + " epochs, but its parent " + parent + "'s network has " + net.getEpochCount()
                        + " already (a network saved without its epoch count?)");
            }
        } else {
            net = new MultiLayerNetwork(configuration.apply(hyperparametersJson));
            net.init();
        }
        int start = net.getEpochCount();
        DataSetIterator train = data.train();
        if (train instanceof CifarDataSetIterator cifar) {
            cifar.setEpoch(start);
        }
        double accuracy = Double.NaN;
        for (int epoch = start + 1; epoch <= target; epoch++) {
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
            net.incrementEpochCount();
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
