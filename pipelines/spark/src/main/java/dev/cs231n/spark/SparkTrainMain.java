package dev.cs231n.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.m21.M21Fixes;
import dev.cs231n.pipelines.Cs231n;

/**
 * The main class of the shaded jar for {@code spark-submit}: runs {@code spark-train} with the arguments given (the
 * master comes from {@code spark-submit --master} unless {@code --spark} is given).
 */
public final class SparkTrainMain {

    private SparkTrainMain() {
    }

    /**
     * @param args the options of {@code spark-train}
     */
    public static void main(String[] args) {
        M21Fixes.install();
        List<String> a = new ArrayList<>();
        a.add("spark-train");
        a.addAll(Arrays.asList(args));
        System.exit(Cs231n.commandLine().execute(a.toArray(String[]::new)));
    }
}
