package dev.cs231n.spark;

import dev.cs231n.pipelines.caption.CaptionRun;
import dev.cs231n.pipelines.caption.CaptionRnnJob;
import dev.cs231n.pipelines.cli.JobPlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./cs231n spark-caption-rnn}: the {@code caption-rnn} job, every option and output the
 * same, with its main training on Spark ({@link SparkCaptionTraining}; the overfitting check and the evaluation run
 * on the driver).
 */
@Command(name = "spark-caption-rnn", mixinStandardHelpOptions = true,
        description = "caption-rnn with its training on Spark (parameter averaging or gradient sharing).")
public final class SparkCaptionRnnJob extends CaptionRnnJob implements JobPlugin {

    @Mixin
    private SparkOptions spark;

    @Mixin
    private WorkerPrefetchOption prefetch;

    private SparkOptions.Session session;

    @Override
    protected String jobName() {
        return "spark-caption-rnn";
    }

    @Override
    protected CaptionRun.Training training() {
        return new SparkCaptionTraining(spark, session, common().seed());
    }

    @Override
    public Integer call() throws Exception {
        try (SparkOptions.Session s = spark.workerPrefetch(prefetch).start("cs231n " + jobName())) {
            session = s;
            return super.call();
        }
    }
}
