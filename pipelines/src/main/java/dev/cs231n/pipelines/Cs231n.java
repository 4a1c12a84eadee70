package dev.cs231n.pipelines;

import dev.cs231n.pipelines.jobs.BenchJob;
import dev.cs231n.pipelines.jobs.CifarInfoJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./cs231n} command line: one subcommand per job. {@code ./cs231n --help} lists the jobs,
 * {@code ./cs231n JOB --help} a job's options.
 */
@Command(name = "cs231n", mixinStandardHelpOptions = true, version = "cs231n 0.1.0",
        description = "Stanford CS231n's building blocks on Deeplearning4j: batch jobs on CIFAR-10.",
        subcommands = {CifarInfoJob.class, BenchJob.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nJobs:%n")
public final class Cs231n {

    private Cs231n() {
    }

    /**
     * @param args the job and its options
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (also used by the tests) */
    public static CommandLine commandLine() {
        return new CommandLine(new Cs231n()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
