package dev.cs231n.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.m21.M21Fixes;
import dev.cs231n.pipelines.Cs231n;

/**
 * The main class of the shaded jar for {@code spark-submit}: runs the Spark job named first ({@code spark-train},
 * {@code spark-caption-rnn}, {@code spark-caption-transformer}), or {@code spark-train} when the first argument is an
 * option, with the arguments given (the master comes from {@code spark-submit --master} unless {@code --spark} is
 * given).
 */
public final class SparkTrainMain {

    private SparkTrainMain() {
    }

    /**
     * @param args a Spark job's name and its options, or the options of {@code spark-train}
     */
    public static void main(String[] args) {
        M21Fixes.install();
        List<String> a = new ArrayList<>();
        if (args.length == 0 || !args[0].startsWith("spark-")) {
            a.add("spark-train");
        }
        a.addAll(Arrays.asList(args));
        System.exit(Cs231n.commandLine().execute(a.toArray(String[]::new)));
    }
}
