package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.pipelines.cli.CommonOptions;
import org.junit.jupiter.api.Assumptions;

/** The real CIFAR-10 for tests: {@code $CS231N_DATA/cifar-10-batches-bin}, or the test is skipped with a message. */
final class RealData {

    private RealData() {
    }

    /**
     * @param what the test, for the skip message
     * @return the folder holding {@code cifar-10-batches-bin}
     */
    static String dataDirOrSkip(String what) {
        String data = System.getenv("CS231N_DATA");
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data, "cifar-10-batches-bin")),
                "CS231N_DATA is unset (or has no cifar-10-batches-bin): skipping the real-data " + what + " test; "
                        + "run with CS231N_DATA=$(dirname \"$(../shared/datasets/cifar10.sh)\")");
        return data;
    }

    /**
     * @param dataDir the folder holding {@code cifar-10-batches-bin}
     * @return the course's splits, found and loaded as every job gets them ({@link CommonOptions#courseSplits()})
     * @throws IOException when the data cannot be read
     */
    static CifarSplits courseSplits(String dataDir) throws IOException {
        return OfflineJobs.commonOptions(Path.of(dataDir)).courseSplits();
    }
}
