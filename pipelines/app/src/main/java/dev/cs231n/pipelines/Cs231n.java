package dev.cs231n.pipelines;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ServiceLoader;

import dev.cs231n.m21.M21Fixes;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.caption.CaptionRnnJob;
import dev.cs231n.pipelines.caption.CaptionTransformerJob;
import dev.cs231n.pipelines.cli.JobPlugin;
import dev.cs231n.pipelines.cli.OptionChecks;
import dev.cs231n.pipelines.cli.RunFolder;
import dev.cs231n.pipelines.io.LossDivergedException;
import dev.cs231n.pipelines.jobs.BnWeightScaleJob;
import dev.cs231n.pipelines.jobs.CifarInfoJob;
import dev.cs231n.pipelines.jobs.CnnJob;
import dev.cs231n.pipelines.jobs.FcNetJob;
import dev.cs231n.pipelines.jobs.FeaturesJob;
import dev.cs231n.pipelines.jobs.KnnJob;
import dev.cs231n.pipelines.jobs.SearchJob;
import dev.cs231n.pipelines.jobs.SoftmaxJob;
import dev.cs231n.pipelines.jobs.SvmJob;
import dev.cs231n.pipelines.jobs.TwoLayerJob;
import dev.cs231n.pipelines.simclr.SimClrEvalJob;
import dev.cs231n.pipelines.simclr.SimClrPretrainJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./cs231n} command line: one subcommand per job. {@code ./cs231n --help} lists the jobs,
 * {@code ./cs231n JOB --help} a job's options. Jobs of other artifacts on the class path (the benchmarks' {@code bench})
 * join through {@link ServiceLoader} as {@link JobPlugin}s.
 */
@Command(name = "cs231n", mixinStandardHelpOptions = true, version = "cs231n 0.1.0",
        description = "Stanford CS231n's building blocks on Deeplearning4j: batch jobs on CIFAR-10.",
        subcommands = {CifarInfoJob.class, KnnJob.class, SvmJob.class, SoftmaxJob.class, TwoLayerJob.class, FeaturesJob.class,
            FcNetJob.class, BnWeightScaleJob.class, CnnJob.class, SimClrPretrainJob.class, SimClrEvalJob.class,
            CaptionRnnJob.class, CaptionTransformerJob.class,
            SearchJob.class},
        commandListHeading = "%nJobs:%n")
public final class Cs231n {

    /** Environment variable that makes a failing job print its stack trace. */
    public static final String DEBUG_ENV = "CS231N_DEBUG";

    private Cs231n() {
    }

    /**
     * @param args the job and its options
     */
    public static void main(String[] args) {
        M21Fixes.install();
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (also used by the tests) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cs231n());
        for (JobPlugin job : ServiceLoader.load(JobPlugin.class)) {
            cl.addSubcommand(job);
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(Cs231n::reportFailure)
                .setExecutionStrategy(Cs231n::execute);
    }

    /**
     * Runs the parsed job: help if asked; else the range checks of its options ({@link OptionChecks}), then, for a
     * job with {@code --out}, its output folder opened and locked ({@link RunFolder}: {@code --resume} continues
     * what it holds, {@code --overwrite} removes it, otherwise it must hold no earlier run's outputs) for the
     * length of the run; all before the job loads anything.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandLine cmd = leaf.commandSpec().commandLine();
        CommonOptions common = null;
        for (CommandLine.Model.CommandSpec m : leaf.commandSpec().mixins().values()) {
            if (m.userObject() instanceof CommonOptions c) {
                common = c;
            }
        }
        RunFolder folder = null;
        try {
            OptionChecks.check(leaf.commandSpec());
            if (common != null) {
                CommandLine.Model.OptionSpec resume = leaf.commandSpec().findOption("--resume");
                boolean resuming = resume != null && Boolean.TRUE.equals(resume.getValue());
                if (resuming && common.overwrite()) {
                    throw new IllegalArgumentException("--resume and --overwrite exclude each other: continue the "
                            + "earlier run, or remove it");
                }
                folder = RunFolder.open(common.outOption(), cmd.getCommandName(), resuming ? RunFolder.Mode.RESUME
                        : common.overwrite() ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.FRESH, System.out);
            }
        } catch (IOException | RuntimeException e) {
            throw new CommandLine.ExecutionException(cmd, e.getMessage(), e);
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            if (folder != null) {
                try {
                    folder.close();
                } catch (IOException e) {
                    cmd.getErr().println(cmd.getCommandName() + ": cannot release " + folder.dir().resolve(
                            RunFolder.LOCK) + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * A job that fails prints what went wrong (the exception's message names the file, place or URL) and exits
     * with 1 ({@value LossDivergedException#EXIT_CODE} for a run whose loss diverged, which has written its
     * metrics.json); the stack trace only with {@value #DEBUG_ENV}=1.
     */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if ("1".equals(System.getenv(DEBUG_ENV))) {
            e.printStackTrace(err);
        } else {
            err.println("(set " + DEBUG_ENV + "=1 for the stack trace)");
        }
        err.flush();
        return e instanceof LossDivergedException ? LossDivergedException.EXIT_CODE : 1;
    }
}
