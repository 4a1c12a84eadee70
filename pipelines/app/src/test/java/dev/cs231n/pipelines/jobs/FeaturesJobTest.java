package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code features} end to end on synthetic CIFAR-10 ({@link OfflineData}): HOG + hue features of 3,000 training and
 * the 2,000 validation and test images, one short SVM setting and one net setting of six epochs (90 steps), every
 * documented metric.
 */
class FeaturesJobTest {

    /** The keys the job documents. */
    static final List<String> KEYS = List.of("feature_dim", "feature_seconds", "svm_val_accuracy", "svm_test_accuracy",
            "svm_best_lr", "svm_best_reg", "net_val_accuracy", "net_test_accuracy", "net_best_lr", "net_best_reg",
            "net_hidden", "num_train", "svm_iterations");

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    @Test
    void extractsTheFeaturesAndTrainsBothClassifiersOnThem() throws IOException {
        Path out = DATA.out("out");
        OfflineJobs.run(0, "features", DATA.dir(), out, "--num-train", "3000", "--svm-lrs", "1e-2", "--svm-regs",
                "1e-3", "--svm-iterations", "200", "--hidden", "20", "--net-lrs", "0.3", "--net-regs", "1e-3",
                "--net-epochs", "6");
        Map<String, Object> m = OfflineJobs.metrics(out, KEYS);
        assertEquals(154, OfflineJobs.number(m, "feature_dim"));
        assertEquals(1e-2, OfflineJobs.number(m, "svm_best_lr"));
        assertEquals(1e-3, OfflineJobs.number(m, "svm_best_reg"));
        assertEquals(0.3, OfflineJobs.number(m, "net_best_lr"));
        assertEquals(1e-3, OfflineJobs.number(m, "net_best_reg"));
        assertEquals(20, OfflineJobs.number(m, "net_hidden"));
        assertEquals(3000, OfflineJobs.number(m, "num_train"));
        assertEquals(200, OfflineJobs.number(m, "svm_iterations"));
        // hue tells the synthetic classes' colours apart and HOG their squares' places: far above chance (0.1)
        for (String k : List.of("svm_val_accuracy", "svm_test_accuracy", "net_val_accuracy", "net_test_accuracy")) {
            assertTrue(OfflineJobs.number(m, k) > 0.5, k + ": " + m);
        }
    }
}
