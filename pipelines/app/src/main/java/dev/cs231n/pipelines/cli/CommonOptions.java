package dev.cs231n.pipelines.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every job takes: where the data is, where outputs go, and the seed.
 */
public final class CommonOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding cifar-10-batches-bin/ (default: env CS231N_DATA, else "
                    + "~/.cache/cs231n-datasets; downloaded there when missing).")
    private Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "runs/${COMMAND-NAME}")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    /** @return the --data-dir given, or null to use the environment's default */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @return the output folder, created if missing
     * @throws IOException when it cannot be created
     */
    public Path out() throws IOException {
        Files.createDirectories(out);
        return out;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }
}
