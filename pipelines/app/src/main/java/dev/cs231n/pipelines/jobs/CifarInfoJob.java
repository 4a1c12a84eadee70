package dev.cs231n.pipelines.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.ChannelStatistics;
import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.CifarStatistics;
import dev.cs231n.datavec.cifar.Shuffles;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.ImageGrid;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n cifar-info}: finds (or downloads) CIFAR-10, verifies it, prints the image counts per split and
 * class and the per-channel statistics, and draws sample images per class.
 *
 * <p>Writes {@code OUT/metrics.json} (counts, per-channel mean/std of the training set on 0-255, load time) and
 * {@code OUT/samples.png} (a row of randomly chosen training images per class).
 */
@Command(name = "cifar-info", mixinStandardHelpOptions = true,
        description = "Find or download CIFAR-10, verify it, print counts and channel statistics, draw samples.")
public final class CifarInfoJob implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Range(min = 1, max = 100)
    @Option(names = "--per-class", defaultValue = "10",
            description = "Sample images drawn per class (default: ${DEFAULT-VALUE}).")
    private int perClass;

    @Override
    public Integer call() throws Exception {
        Path batches = common.cifarBatches();
        System.out.println("CIFAR-10 batches: " + batches);
        long t0 = System.nanoTime();
        CifarDataset train = common.cifarTrainSet();
        CifarDataset test = common.cifarTestSet();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> names = CifarClasses.readFromDirectory(batches);
        CifarSplits course = common.courseSplits();

        Metrics m = new Metrics();
        m.put("train_images", train.size()).put("test_images", test.size());
        m.put("course_train_images", course.train().size()).put("course_val_images", course.val().size())
                .put("course_test_images", course.test().size());
        System.out.printf(Locale.ROOT, "%-12s %8s %8s %10s %9s %10s%n", "class", "train", "test", "train49k",
                "val1k", "test1k");
        int[][] counts = {train.classCounts(), test.classCounts(), course.train().classCounts(),
            course.val().classCounts(), course.test().classCounts()};
        for (int c = 0; c < names.size(); c++) {
            System.out.printf(Locale.ROOT, "%d %-10s %8d %8d %10d %9d %10d%n", c, names.get(c), counts[0][c],
                    counts[1][c], counts[2][c], counts[3][c], counts[4][c]);
            m.put("train_count_" + names.get(c), counts[0][c]).put("test_count_" + names.get(c), counts[1][c]);
        }
        System.out.printf(Locale.ROOT, "%-12s %8d %8d %10d %9d %10d%n", "total", train.size(), test.size(),
                course.train().size(), course.val().size(), course.test().size());

        ChannelStatistics all = CifarStatistics.channels(train);
        ChannelStatistics split = CifarStatistics.channels(course.train());
        String[] ch = {"r", "g", "b"};
        System.out.println("per-channel statistics on 0-255 (population std):");
        for (int c = 0; c < 3; c++) {
            System.out.printf(Locale.ROOT, "  %s: train50k mean %.3f std %.3f | train49k mean %.3f std %.3f%n",
                    ch[c].toUpperCase(Locale.ROOT), all.mean()[c], all.std()[c], split.mean()[c], split.std()[c]);
            m.put("train_mean_" + ch[c], all.mean()[c]).put("train_std_" + ch[c], all.std()[c]);
            m.put("train49k_mean_" + ch[c], split.mean()[c]).put("train49k_std_" + ch[c], split.std()[c]);
        }
        m.put("first_test_label", test.label(0)).put("first_test_class", names.get(test.label(0)));
        m.put("load_seconds", loadSeconds);

        Path out = common.out();
        Path png = out.resolve("samples.png");
        ImageGrid.write(samples(train, names.size(), perClass, common.seed()), names, 32, 2, png);
        System.out.println("wrote " + m.write(out) + " and " + png);
        return 0;
    }

    /** A seeded choice of {@code perClass} training images of each class, drawn in a random order. */
    private static List<List<int[]>> samples(CifarDataset train, int classes, int perClass, long seed) {
        List<List<int[]>> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rows.add(new ArrayList<>());
        }
        int[] order = Shuffles.permutation(train.size(), seed);
        for (int i : order) {
            List<int[]> row = rows.get(train.label(i));
            if (row.size() < perClass) {
                row.add(train.argb(i));
            }
        }
        return rows;
    }
}
