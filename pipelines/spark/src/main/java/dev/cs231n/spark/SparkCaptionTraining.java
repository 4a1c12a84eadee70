package dev.cs231n.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cs231n.datavec.coco.CaptionDataSetIterator;
import dev.cs231n.pipelines.caption.CaptionRun;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The caption jobs' main training on Spark ({@link CaptionRun.Training}): each epoch's minibatches, in the
 * single-JVM job's order (the iterator's seeded shuffle of that epoch), as an RDD of MultiDataSets with one partition
 * per worker, trained by the chosen DL4J training master through {@link SparkTrainer#fitGraph}; the evaluation,
 * checkpoints, {@code --resume} and model.zip as the single-JVM job. The epoch's training loss is measured on the
 * driver: the network's mean loss over that epoch's minibatches after the epoch (dropout off), since gradient sharing
 * reports none; the single-JVM job reports the mean of the minibatch losses during the epoch.
 */
final class SparkCaptionTraining implements CaptionRun.Training {

    private final SparkOptions options;
    private final SparkOptions.Session session;
    private final long seed;
    /** The minibatches of the epoch last sent to the workers. */
    private List<MultiDataSet> current = List.of();

    SparkCaptionTraining(SparkOptions options, SparkOptions.Session session, long seed) {
        this.options = options;
        this.session = session;
        this.seed = seed;
    }

    @Override
    public Trainer.Result<ComputationGraph> fit(ComputationGraph net, CaptionDataSetIterator train,
                                                CaptionRun.Spec spec) throws IOException {
        int w = session.workers();
        Map<String, Object> settings = new LinkedHashMap<>(spec.settings());
        settings.putAll(options.settings(spec.batchSize()));
        System.out.printf("on Spark %s: %s, %d workers x batch %d%n", session.master(), options.trainingMaster(), w,
                spec.batchSize());
        SparkTrainer.Builder b = session.timeouts(SparkTrainer.builder().epochs(spec.epochs()).out(spec.out())
                .resume(spec.resume()).settings(settings).evaluator(spec.evaluator()).selectOn(spec.selectOn(), true)
                .modelWriter(spec.writer()).loss(n -> meanLoss((ComputationGraph) n)));
        if (options.batchNormBatches() > 0) {
            b.graphBatchNormStatistics(epoch -> new IteratorMultiDataSetIterator(current.iterator(),
                    spec.batchSize()), options.batchNormBatches());
        }
        SparkTrainer trainer = b.build();
        try {
            return trainer.fitGraph(session.context(), net, session.trainingMaster(spec.batchSize(), seed),
                    epoch -> rdd(train, epoch, w), session.hint());
        } catch (RuntimeException e) {
            throw session.explain(e);
        }
    }

    private JavaRDD<MultiDataSet> rdd(CaptionDataSetIterator train, int epoch, int partitions) {
        if (train.epoch() > epoch) {
            throw new IllegalStateException("epoch " + epoch + " asked for after epoch " + train.epoch());
        }
        while (train.epoch() < epoch) {
            train.reset(); // the next epoch's shuffle
        }
        List<MultiDataSet> batches = new ArrayList<>();
        while (train.hasNext()) {
            batches.add(train.next());
        }
        current = batches;
        return session.context().parallelize(batches, Math.max(1, Math.min(partitions, batches.size())));
    }

    private double meanLoss(ComputationGraph g) {
        double sum = 0;
        long n = 0;
        for (MultiDataSet d : current) {
            long size = d.getFeatures(0).size(0);
            sum += g.score(d, false) * size;
            n += size;
        }
        return sum / n;
    }
}
