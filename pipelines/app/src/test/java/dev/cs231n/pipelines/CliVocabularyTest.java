package dev.cs231n.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's one vocabulary ({@code docs-drafts/cli-vocabulary.md}): the jobs below show only the canonical
 * name of each concept in their help, and every retired name still parses, to the value the canonical name gives.
 * Jobs join the table as they adopt the vocabulary.
 */
class CliVocabularyTest {

    /** Jobs that follow the vocabulary. */
    private static final List<String> JOBS = List.of("cifar-info", "knn", "svm", "softmax", "two-layer",
            "features", "fc-net", "cnn", "bn-weight-scale");

    /** Names that are aliases now: accepted, never shown. */
    private static final Set<String> RETIRED = Set.of("--batch", "--update", "--learning-rates", "--k");

    /**
     * An alias and its canonical option in one job, with a value that is not the default.
     *
     * @param job       the job
     * @param canonical the name shown in help
     * @param alias     the old name
     * @param value     a value to give
     */
    private record Alias(String job, String canonical, String alias, String value) {
    }

    private static final List<Alias> ALIASES = List.of(
            new Alias("svm", "--batch-size", "--batch", "17"),
            new Alias("svm", "--lrs", "--learning-rates", "1e-6,3e-6"),
            new Alias("softmax", "--batch-size", "--batch", "17"),
            new Alias("softmax", "--lrs", "--learning-rates", "1e-6,3e-6"),
            new Alias("two-layer", "--batch-size", "--batch", "17"),
            new Alias("two-layer", "--update-rule", "--update", "adam"),
            new Alias("knn", "--ks", "--k", "2,4"),
            new Alias("fc-net", "--batch-size", "--batch", "17"),
            new Alias("fc-net", "--update-rule", "--update", "sgd"),
            new Alias("cnn", "--batch-size", "--batch", "17"),
            new Alias("cnn", "--update-rule", "--update", "rmsprop"),
            new Alias("bn-weight-scale", "--batch-size", "--batch", "17"));

    private static CommandLine job(String name) {
        CommandLine job = Cs231n.commandLine().getSubcommands().get(name);
        assertNotNull(job, name);
        return job;
    }

    /** Parses {@code job args} from the top, as {@code ./cs231n} does, and reads the option's field. */
    private static Object valueAfter(String job, String option, String... args) {
        CommandLine cl = Cs231n.commandLine();
        String[] line = new String[args.length + 1];
        line[0] = job;
        System.arraycopy(args, 0, line, 1, args.length);
        cl.parseArgs(line);
        return cl.getSubcommands().get(job).getCommandSpec().findOption(option).getValue();
    }

    @Test
    void helpShowsOnlyCanonicalNames() {
        for (String name : JOBS) {
            for (OptionSpec o : job(name).getCommandSpec().options()) {
                for (String n : o.names()) {
                    assertFalse(!o.hidden() && RETIRED.contains(n), name + " shows the retired name " + n);
                }
            }
        }
    }

    @Test
    void everyAliasSetsWhatItsCanonicalNameSets() {
        for (Alias a : ALIASES) {
            OptionSpec alias = job(a.job()).getCommandSpec().findOption(a.alias());
            assertNotNull(alias, a.job() + " lacks the alias " + a.alias());
            assertTrue(alias.hidden(), a.alias() + " is an alias: hidden in " + a.job());
            assertTrue(job(a.job()).getUsageMessage().contains("alias " + a.alias()),
                    a.job() + "'s help names the alias " + a.alias());
            Object canonical = valueAfter(a.job(), a.canonical(), a.canonical(), a.value());
            Object viaAlias = valueAfter(a.job(), a.canonical(), a.alias(), a.value());
            Object unset = valueAfter(a.job(), a.canonical());
            assertTrue(Objects.deepEquals(canonical, viaAlias), a + ": " + canonical + " vs " + viaAlias);
            assertFalse(Objects.deepEquals(unset, viaAlias), a + ": the test value must differ from the default");
        }
        assertEquals(200, valueAfter("two-layer", "--batch-size"), "the default survives when no name is given");
        assertEquals(128, valueAfter("fc-net", "--batch-size"), "the default survives when no name is given");
    }
}
