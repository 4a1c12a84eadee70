package dev.cs231n.spark;

import dev.cs231n.pipelines.caption.CaptionRun;
import dev.cs231n.pipelines.caption.CaptionTransformerJob;
import dev.cs231n.pipelines.cli.JobPlugin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./cs231n spark-caption-transformer}: the {@code caption-transformer} job, every option and output the
 * same, with its main training on Spark ({@link SparkCaptionTraining}; the overfitting check and the evaluation run
 * on the driver).
 */
@Command(name = "spark-caption-transformer", mixinStandardHelpOptions = true,
        description = "caption-transformer with its training on Spark (parameter averaging or gradient sharing).")
public final class SparkCaptionTransformerJob extends CaptionTransformerJob implements JobPlugin {

    @Mixin
    private SparkOptions spark;

    @Mixin
    private WorkerPrefetchOption prefetch;

    private SparkOptions.Session session;

    @Override
    protected String jobName() {
        return "spark-caption-transformer";
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
