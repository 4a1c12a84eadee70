package dev.cs231n.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cs231n.datavec.cifar.augment.SimClrPairIterator;
import dev.cs231n.pipelines.simclr.SimClrTraining;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code simclr-pretrain}'s training on Spark ({@link SimClrTraining}): each epoch's minibatches of view pairs,
 * rendered on the driver in the single-JVM job's order (the iterator's seeded shuffle and views of that epoch), as an
 * RDD with one partition per worker, trained by the chosen training master through {@link SparkTrainer#fit}. A
 * minibatch must reach the network whole (NT-Xent pairs view i with view i + N of the same minibatch): the training
 * master's minibatch size per worker is the minibatch's 2N views, so DL4J's workers take each DataSet as it is
 * ({@code SparkSimClrTest} checks that one worker reproduces the single-JVM training). The epoch's loss is the
 * driver's network's mean NT-Xent over the first {@value #LOSS_BATCHES} minibatches of the epoch after it (inference
 * mode), since gradient sharing reports none; the single-JVM job reports the mean minibatch loss during the epoch.
 */
final class SparkSimClrTraining implements SimClrTraining {

    /** Minibatches of the driver's loss after each epoch. */
    static final int LOSS_BATCHES = 10;

    private final SparkOptions options;
    private final SparkOptions.Session session;
    private final long seed;
    /** The minibatches of the epoch last sent to the workers. */
    private List<DataSet> current = List.of();

    SparkSimClrTraining(SparkOptions options, SparkOptions.Session session, long seed) {
        this.options = options;
        this.session = session;
        this.seed = seed;
    }

    @Override
    public Trainer.Result<MultiLayerNetwork> fit(MultiLayerNetwork net, SimClrPairIterator views, Spec spec)
            throws IOException {
        int w = session.workers();
        int batch = views.batch(); // 2N views
        Map<String, Object> settings = new LinkedHashMap<>(spec.settings());
        settings.putAll(options.settings(batch));
        System.out.printf("on Spark %s: %s, %d workers x %d views (%d pairs)%n", session.master(),
                options.trainingMaster(), w, batch, batch / 2);
        SparkTrainer.Builder b = session.timeouts(SparkTrainer.builder().epochs(spec.epochs()).out(spec.out())
                .resume(spec.resume()).settings(settings).evaluator(spec.evaluator()).selectOn(spec.selectOn(), true)
                .loss(n -> meanLoss((MultiLayerNetwork) n)));
        if (options.batchNormBatches() > 0) {
            b.batchNormStatistics(epoch -> new ListDataSetIterator<>(current, 1), options.batchNormBatches());
        }
        SparkTrainer trainer = b.build();
        try {
            return trainer.fit(session.context(), net, session.trainingMaster(batch, seed),
                    epoch -> rdd(views, epoch, w), session.hint());
        } catch (RuntimeException e) {
            throw session.explain(e);
        }
    }

    private JavaRDD<DataSet> rdd(SimClrPairIterator views, int epoch, int partitions) {
        views.setEpoch(epoch);
        List<DataSet> batches = new ArrayList<>();
        while (views.hasNext()) {
            DataSet d = views.next();
            // features and labels only (label names do not survive Kryo, see SparkCifarData)
            batches.add(new DataSet(d.getFeatures(), d.getLabels()));
        }
        current = batches;
        return session.context().parallelize(batches, Math.max(1, Math.min(partitions, batches.size())));
    }

    private double meanLoss(MultiLayerNetwork net) {
        double sum = 0;
        int n = Math.min(LOSS_BATCHES, current.size());
        for (int i = 0; i < n; i++) {
            sum += net.score(current.get(i), false);
        }
        return sum / n;
    }
}
