package dev.cs231n.spark;

import dev.cs231n.pipelines.cli.JobPlugin;
import dev.cs231n.pipelines.simclr.SimClrPretrainJob;
import dev.cs231n.pipelines.simclr.SimClrTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./cs231n spark-simclr-pretrain}: the {@code simclr-pretrain} job, every option and output the same, with its
 * training on Spark ({@link SparkSimClrTraining}; the views are rendered and the kNN monitor runs on the driver).
 * Its {@code --prefetch} stays the job's (views rendered ahead); the workers prefetch 2 minibatches.
 */
@Command(name = "spark-simclr-pretrain", mixinStandardHelpOptions = true,
        description = "simclr-pretrain with its training on Spark (parameter averaging or gradient sharing).")
public final class SparkSimClrPretrainJob extends SimClrPretrainJob implements JobPlugin {

    @Mixin
    private SparkOptions spark;

    private SparkOptions.Session session;

    @Override
    protected String jobName() {
        return "spark-simclr-pretrain";
    }

    @Override
    protected SimClrTraining training() {
        return new SparkSimClrTraining(spark, session, common().seed());
    }

    @Override
    public Integer call() throws Exception {
        try (SparkOptions.Session s = spark.start("cs231n " + jobName())) {
            session = s;
            return super.call();
        }
    }
}
