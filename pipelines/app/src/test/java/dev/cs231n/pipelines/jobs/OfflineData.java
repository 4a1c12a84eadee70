package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.cs231n.testing.SyntheticCifar;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A job test class's data: before its tests, a temporary folder with synthetic CIFAR-10 in the official format and
 * sizes (50,000 training and 10,000 test images, which the course's splits need; learnable, so that every
 * classifier beats chance; about 180 MB), deleted with everything the jobs wrote there after the class. Register it
 * as {@code @RegisterExtension static final OfflineData DATA = new OfflineData();}.
 */
final class OfflineData implements BeforeAllCallback, AfterAllCallback {

    /** Seed of the synthetic images. */
    static final long SEED = 8;

    private Path root;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("cs231n-jobs-");
        SyntheticCifar.writeLearnableBatches(dir().resolve(SyntheticCifar.DIRECTORY_NAME),
                SyntheticCifar.OFFICIAL_PER_FILE, 10_000, SEED);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** @return the value of {@code --data-dir} */
    Path dir() {
        return root.resolve("data");
    }

    /**
     * @param name a name for one run's outputs
     * @return a folder beside the data for {@code --out} (created by the job)
     */
    Path out(String name) {
        return root.resolve(name);
    }
}
