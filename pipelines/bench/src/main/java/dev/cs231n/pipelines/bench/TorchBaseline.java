package dev.cs231n.pipelines.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch CPU baseline ({@code shared/reference/torch-baseline.txt} and {@code torch-baseline-wave2.txt}, copies
 * of which ship as resources): per benchmark line, the median milliseconds per call of each BLAS setting. The
 * project quotes the {@code openblas-haswell} column, the machine's default OpenBLAS kernel; the wave-2 file has that
 * setting only (one column). {@link #measured} holds lines measured in the same run instead ({@link TorchRun}).
 */
public final class TorchBaseline {

    /** The column quoted by default. */
    public static final String DEFAULT_COLUMN = "openblas-haswell";

    /** One measurement: {@code ms  (rate unit) xSpread}. */
    private static final Pattern CELL = Pattern.compile("([0-9.]+)\\s+\\(\\s*([0-9.]+)\\s*([^)]*)\\)\\s+x([0-9.]+)");
    /** One line of the single-column format: {@code label  ms  samples/s  xSpread}. */
    private static final Pattern SINGLE = Pattern.compile("^(\\(.*?)\\s+([0-9.]+)\\s+([0-9.]+)\\s+x([0-9.]+)\\s*$");
    /** The bundled files: the first has the BLAS columns, the second the one (OpenBLAS, Haswell) column. */
    private static final String[] BUNDLED = {"/torch-baseline.txt", "/torch-baseline-wave2.txt"};

    private final String header;
    private final Map<String, double[]> msByLabel;
    private final int column;

    private TorchBaseline(String header, Map<String, double[]> msByLabel, int column) {
        this.header = header;
        this.msByLabel = msByLabel;
        this.column = column;
    }

    /**
     * @return the copy of the baseline shipped with the pipelines jar
     * @throws IOException when it cannot be read
     */
    public static TorchBaseline bundled() throws IOException {
        TorchBaseline all = null;
        for (String name : BUNDLED) {
            try (InputStream in = TorchBaseline.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException(name.substring(1) + " is missing from the bench jar");
                }
                TorchBaseline t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + name);
                all = all == null ? t : all.with(t);
            }
        }
        return all;
    }

    /**
     * @param header   what was measured, how and when
     * @param msByLabel median ms per call of each line
     * @return a baseline of those values
     */
    public static TorchBaseline measured(String header, Map<String, Double> msByLabel) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        msByLabel.forEach((k, v) -> rows.put(k, new double[] {v}));
        return new TorchBaseline(header, rows, 0);
    }

    /**
     * @param other another baseline
     * @return this baseline's lines, and the other's where this has none (headers joined)
     */
    public TorchBaseline with(TorchBaseline other) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        msByLabel.forEach((k, v) -> rows.put(k, v.length > column ? new double[] {v[column]} : new double[0]));
        other.msByLabel.forEach((k, v) -> {
            if (!rows.containsKey(k) && v.length > other.column) {
                rows.put(k, new double[] {v[other.column]});
            }
        });
        return new TorchBaseline(header + "; " + other.header, rows, 0);
    }

    /**
     * @param file a baseline file in the format of {@code shared/reference/torch-baseline.txt}
     * @return the parsed baseline
     * @throws IOException when it cannot be read or parsed
     */
    public static TorchBaseline read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @param text   the baseline text
     * @param source where it came from, for messages
     * @return the parsed baseline, quoting {@link #DEFAULT_COLUMN}
     * @throws IOException when the text has no column header or no measurement lines
     */
    static TorchBaseline parse(String text, String source) throws IOException {
        String header = null;
        int column = -1;
        Map<String, double[]> rows = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    header = line.trim();
                    continue;
                }
                if (column < 0 && line.contains(DEFAULT_COLUMN)) {
                    String[] cols = line.trim().split("\\s+");
                    for (int i = 0; i < cols.length; i++) {
                        if (cols[i].equals(DEFAULT_COLUMN)) {
                            column = i - 1; // first token is the "benchmark" heading
                        }
                    }
                    continue;
                }
                Matcher single = SINGLE.matcher(line);
                if (column < 0 && single.matches()) {
                    rows.put(single.group(1).trim(), new double[] {Double.parseDouble(single.group(2))});
                    continue;
                }
                Matcher m = CELL.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String label = line.substring(0, m.start()).trim();
                java.util.List<Double> ms = new java.util.ArrayList<>();
                do {
                    ms.add(Double.parseDouble(m.group(1)));
                } while (m.find());
                rows.put(label, ms.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        boolean singleColumn = column < 0 && !rows.isEmpty() && header != null && header.contains("OpenBLAS")
                && header.contains("Haswell");
        if ((column < 0 && !singleColumn) || rows.isEmpty()) {
            throw new IOException(source + ": not a torch baseline (no '" + DEFAULT_COLUMN
                    + "' column header or single OpenBLAS Haswell column, or no measurement lines)");
        }
        return new TorchBaseline(header, rows, Math.max(column, 0));
    }

    /** @return the file's first line (torch version, threads, how values were taken) */
    public String header() {
        return header;
    }

    /**
     * @param label a benchmark line's label, e.g. {@code "matmul 2048x2048x2048 float32"}
     * @return its median ms per call in the quoted column, if the line exists
     */
    public Optional<Double> ms(String label) {
        double[] v = label == null ? null : msByLabel.get(label);
        return v == null || v.length <= column ? Optional.empty() : Optional.of(v[column]);
    }

    /** @return every label in file order */
    public java.util.Set<String> labels() {
        return msByLabel.keySet();
    }
}
