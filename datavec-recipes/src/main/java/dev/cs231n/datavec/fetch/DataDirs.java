package dev.cs231n.datavec.fetch;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where datasets live: the explicit directory (a job's {@code --data-dir}) if given, else the environment
 * variable {@value #ENV} if set and not blank, else {@code ~/.cache/cs231n-datasets}. A data directory
 * holds one folder per dataset (e.g. {@code cifar-10-batches-bin/}).
 */
public final class DataDirs {

    /** Environment variable naming the data directory. */
    public static final String ENV = "CS231N_DATA";
    /** The default data directory, relative to the user's home. */
    public static final String DEFAULT_RELATIVE = ".cache/cs231n-datasets";

    private DataDirs() {
    }

    /**
     * Resolves the data directory from the process environment and {@code user.home}.
     *
     * @param explicitDir the {@code --data-dir} argument, or null
     * @return the data directory (absolute; not necessarily existing)
     */
    public static Path resolve(Path explicitDir) {
        return resolve(explicitDir, System.getenv(), Paths.get(System.getProperty("user.home")));
    }

    /**
     * Resolves the data directory from given sources (testable without touching the real environment).
     *
     * @param explicitDir the {@code --data-dir} argument, or null
     * @param env         environment variables
     * @param home        the user's home directory
     * @return the data directory (absolute; not necessarily existing)
     */
    public static Path resolve(Path explicitDir, Map<String, String> env, Path home) {
        if (explicitDir != null) {
            return explicitDir.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Paths.get(fromEnv.strip()).toAbsolutePath().normalize();
        }
        return home.resolve(DEFAULT_RELATIVE).toAbsolutePath().normalize();
    }
}
