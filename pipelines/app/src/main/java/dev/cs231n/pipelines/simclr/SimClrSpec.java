package dev.cs231n.pipelines.simclr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.nn.NormKind;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The architecture of a SimCLR network, stored beside its model as {@value #FILE} so that {@code simclr-eval} can
 * rebuild the encoder around the pretrained parameters.
 *
 * @param norm       normalisation after each convolution of the encoder (NONE, BATCH or GROUP)
 * @param groups     channel groups of GROUP
 * @param hidden     the head's hidden width (the course: 512)
 * @param projection the head's output width D of the NT-Xent loss (the course: 128)
 * @param tau        the NT-Xent temperature
 * @param l2         L2 regularisation of the convolution and dense weights
 */
public record SimClrSpec(NormKind norm, int groups, int hidden, int projection, double tau, double l2) {

    /** File name of the stored specification. */
    public static final String FILE = "simclr.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Validates. */
    public SimClrSpec {
        if (norm == null || norm == NormKind.LAYER) {
            throw new IllegalArgumentException("simclr: norm must be none, batch or group, got " + norm);
        }
        if (groups < 1 || hidden < 1 || projection < 1 || !(tau > 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("simclr: groups, hidden and projection must be >= 1, tau > 0 and "
                    + "l2 >= 0; got " + groups + ", " + hidden + ", " + projection + ", " + tau + ", " + l2);
        }
    }

    /** @return the course's settings: BatchNorm encoder, head 512 -> 128, tau 0.5, L2 1e-6 */
    public static SimClrSpec course() {
        return new SimClrSpec(NormKind.BATCH, 8, 512, 128, 0.5, 1e-6);
    }

    /**
     * @param dir folder to write {@value #FILE} into
     * @throws IOException when it cannot be written
     */
    public void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                Map.of("norm", norm.name(), "groups", groups, "hidden", hidden, "projection", projection, "tau", tau,
                        "l2", l2)) + "\n");
    }

    /**
     * @param dir a {@code simclr-pretrain} output folder
     * @return its specification
     * @throws IOException when {@value #FILE} is missing or malformed
     */
    public static SimClrSpec read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + " is missing: --encoder must be the --out folder of a simclr-pretrain run");
        }
        try {
            Map<?, ?> m = MAPPER.readValue(f.toFile(), Map.class);
            return new SimClrSpec(NormKind.valueOf(String.valueOf(m.get("norm"))), ((Number) m.get("groups")).intValue(),
                    ((Number) m.get("hidden")).intValue(), ((Number) m.get("projection")).intValue(),
                    ((Number) m.get("tau")).doubleValue(), ((Number) m.get("l2")).doubleValue());
        } catch (RuntimeException e) {
            throw new IOException(f + " is malformed: " + e.getMessage(), e);
        }
    }
}
