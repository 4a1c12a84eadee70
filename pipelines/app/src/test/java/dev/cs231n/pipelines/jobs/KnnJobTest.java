package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code knn} end to end on synthetic CIFAR-10 ({@link OfflineData}), on small subsets and a short list of k. */
class KnnJobTest {

    private static final int[] KS = {1, 3, 5};

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    /** The keys the job documents, for the candidate k given. */
    static List<String> keys(int... ks) {
        List<String> keys = new ArrayList<>(List.of("test_accuracy_k1", "test_accuracy_k5", "best_k",
                "test_accuracy_best_k", "distance", "num_train", "num_test", "folds", "seconds"));
        for (int k : ks) {
            keys.add("cv_accuracy_k" + k);
            keys.add("cv_std_k" + k);
        }
        return keys;
    }

    @Test
    void crossValidatesKAndTestsTheBestWithBothDistances() throws IOException {
        for (String distance : List.of("l2", "l1")) {
            Path out = DATA.out(distance);
            List<String> options = new ArrayList<>(List.of("--num-train", "600", "--num-test", "100", "--ks", "1,3,5",
                    "--folds", "3"));
            if (distance.equals("l1")) {
                options.add("--l1");
            }
            OfflineJobs.run(0, "knn", DATA.dir(), out, options.toArray(new String[0]));
            Map<String, Object> m = OfflineJobs.metrics(out, keys(KS));
            assertEquals(distance, m.get("distance"));
            assertEquals(600, OfflineJobs.number(m, "num_train"));
            assertEquals(100, OfflineJobs.number(m, "num_test"));
            assertEquals(3, OfflineJobs.number(m, "folds"));
            int best = (int) OfflineJobs.number(m, "best_k");
            assertTrue(best == 1 || best == 3 || best == 5, "best k " + best);
            for (int k : KS) {
                assertTrue(OfflineJobs.number(m, "cv_accuracy_k" + k) <= OfflineJobs.number(m, "cv_accuracy_k" + best));
            }
            // the synthetic classes differ in colour and in where their bright square is: far above chance (0.1)
            assertTrue(OfflineJobs.number(m, "test_accuracy_k1") > 0.5, distance + ": " + m);
            assertTrue(OfflineJobs.number(m, "test_accuracy_best_k") > 0.5, distance + ": " + m);
            OfflineJobs.assertPng(out.resolve("cv_accuracy.png"), 400, 300);
        }
    }

    @Test
    void aSubsetLargerThanTheDataIsRefusedWithTheOption() {
        String printed = OfflineJobs.run(1, "knn", DATA.dir(), DATA.out("too-many"), "--num-test", "10001");
        assertTrue(printed.contains("--num-test must be in 1..10000"), printed);
    }
}
