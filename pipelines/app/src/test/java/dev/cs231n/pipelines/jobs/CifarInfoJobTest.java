package dev.cs231n.pipelines.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cs231n.testing.SyntheticCifar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code cifar-info} end to end on synthetic CIFAR-10 of the official sizes ({@link OfflineData}). */
class CifarInfoJobTest {

    @RegisterExtension
    static final OfflineData DATA = new OfflineData();

    /** The keys the job documents. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("train_images", "test_images", "course_train_images",
                "course_val_images", "course_test_images", "first_test_label", "first_test_class", "load_seconds"));
        for (String c : SyntheticCifar.CLASS_NAMES) {
            keys.add("train_count_" + c);
            keys.add("test_count_" + c);
        }
        for (String ch : List.of("r", "g", "b")) {
            keys.addAll(List.of("train_mean_" + ch, "train_std_" + ch, "train49k_mean_" + ch, "train49k_std_" + ch));
        }
        return keys;
    }

    @Test
    void countsTheSplitsAndClassesAndDrawsTheSamples() throws IOException {
        Path out = DATA.out("out");
        String printed = OfflineJobs.run(0, "cifar-info", DATA.dir(), out, "--per-class", "3");
        Map<String, Object> m = OfflineJobs.metrics(out, keys());
        assertEquals(50_000, OfflineJobs.number(m, "train_images"));
        assertEquals(10_000, OfflineJobs.number(m, "test_images"));
        assertEquals(49_000, OfflineJobs.number(m, "course_train_images"));
        assertEquals(1_000, OfflineJobs.number(m, "course_val_images"));
        assertEquals(1_000, OfflineJobs.number(m, "course_test_images"));
        // the synthetic label of image i of file f is (7 i + f) % 10: 1,000 of each class per file
        for (String c : SyntheticCifar.CLASS_NAMES) {
            assertEquals(5_000, OfflineJobs.number(m, "train_count_" + c), c);
            assertEquals(1_000, OfflineJobs.number(m, "test_count_" + c), c);
        }
        assertEquals(5, OfflineJobs.number(m, "first_test_label"));
        assertEquals("dog", m.get("first_test_class"));
        for (String ch : List.of("r", "g", "b")) {
            double mean = OfflineJobs.number(m, "train_mean_" + ch);
            double std = OfflineJobs.number(m, "train_std_" + ch);
            assertTrue(mean > 20 && mean < 235 && std > 10 && std < 128, ch + ": mean " + mean + ", std " + std);
        }
        assertTrue(printed.contains("total"), printed);
        // one row of 3 images per class, magnified 2x
        OfflineJobs.assertPng(out.resolve("samples.png"), 3 * 64, 10 * 64);
    }
}
