package dev.cs231n.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cs231n.pipelines.Cs231n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/** The bench job end to end, in this JVM (JMH without forks), on its cheapest row. */
class BenchJobTest {

    @Test
    @SuppressWarnings("unchecked")
    void writesBenchJsonWithTheAgreedFieldsAndTheTorchFigure(@TempDir Path out) throws Exception {
        // Another JMH run on the machine (a developer's bench) holds /tmp/jmh.lock; this in-process run needs none.
        System.setProperty("jmh.ignoreLock", "true");
        int code = Cs231n.commandLine().execute("bench", "--only", "matmul_2048_fp32", "--forks", "0",
                "--repeats", "2", "--warmups", "0", "--iteration-ms", "100", "--out", out.toString());
        assertEquals(0, code);
        Map<String, Object> root = new ObjectMapper().readValue(out.resolve("bench.json").toFile(), Map.class);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) root.get("rows");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("matmul_2048_fp32", row.get("name"));
        double median = ((Number) row.get("median_ms")).doubleValue();
        double min = ((Number) row.get("min_ms")).doubleValue();
        assertTrue(min > 0 && min <= median, "min " + min + " median " + median);
        assertEquals(2, ((Number) row.get("repeats")).intValue());
        double flops = ((Number) row.get("items_per_s")).doubleValue();
        assertEquals(2.0 * 2048 * 2048 * 2048 / (median / 1000), flops, flops * 1e-9);
        assertEquals(71.01, ((Number) row.get("torch_ms")).doubleValue(), 1e-9);
        assertTrue(String.valueOf(root.get("backend")).startsWith("CpuBackend"), String.valueOf(root.get("backend")));
    }

    @Test
    void theCommandLineListsBenchBesideTheBuiltInJobsWithItsOptions() {
        CommandLine cl = Cs231n.commandLine();
        StringWriter help = new StringWriter();
        cl.setOut(new PrintWriter(help));
        assertEquals(0, cl.execute("--help"));
        String line = help.toString().lines().filter(l -> l.startsWith("  bench ")).findFirst().orElse("");
        String description = cl.getSubcommands().get("bench").getCommandSpec().usageMessage().description()[0];
        assertTrue(line.contains(description.substring(0, 20)), help.toString());
        assertTrue(help.toString().contains("  two-layer "), "the built-in jobs too:\n" + help);
        String usage = cl.getSubcommands().get("bench").getUsageMessage();
        for (String opt : new String[] {"--data-dir", "--out", "--seed", "--only"}) {
            assertTrue(usage.contains(opt), "bench --help lacks " + opt);
        }
    }

    @Test
    void anUnknownRowIsAUsageErrorNamingTheRows(@TempDir Path out) {
        assertEquals(2, Cs231n.commandLine().execute("bench", "--only", "no_such_row", "--out", out.toString()));
    }
}
