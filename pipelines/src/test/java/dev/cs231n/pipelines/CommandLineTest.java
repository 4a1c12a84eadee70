package dev.cs231n.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    private static String run(int expectedExit, String... args) {
        CommandLine cl = Cs231n.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(expectedExit, code, out + "\n" + err);
        return out + err.toString();
    }

    @Test
    void helpListsEveryJobWithOneLine() {
        String help = run(0, "--help");
        for (String job : new String[] {"cifar-info", "bench"}) {
            assertTrue(help.contains("  " + job + " "), job + " missing from\n" + help);
        }
    }

    @Test
    void eachJobHasHelpWithTheCommonOptions() {
        for (String job : new String[] {"cifar-info", "bench"}) {
            String help = run(0, job, "--help");
            for (String opt : new String[] {"--data-dir", "--out", "--seed"}) {
                assertTrue(help.contains(opt), job + " --help lacks " + opt + ":\n" + help);
            }
        }
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        String msg = run(2, "cifar-info", "--no-such-option");
        assertTrue(msg.contains("--no-such-option"), msg);
    }
}
