package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.cs231n.pipelines.io.AtomicFiles;
import org.deeplearning4j.nn.api.Model;

/**
 * The best epoch's network and the resume checks that every epoch loop shares (the {@link Trainer}, and the Spark
 * module's trainer): a new best network is written beside model.zip as {@code .model.zip.epoch-N.pending} and
 * replaces model.zip only once the checkpoint naming epoch N the best is published, so that a run killed in between
 * leaves model.zip matching its checkpoint ({@link #settle}).
 */
public final class BestModelFiles {

    private BestModelFiles() {
    }

    /**
     * @param state          the history so far
     * @param metrics        this epoch's metrics
     * @param selectOn       the metric that picks the best epoch
     * @param higherIsBetter true for accuracies, false for losses
     * @return whether this epoch is the best so far
     * @throws IllegalStateException when the metrics lack {@code selectOn}
     */
    public static boolean isBest(TrainState state, Map<String, Double> metrics, String selectOn,
                                 boolean higherIsBetter) {
        Double v = metrics.get(selectOn);
        if (v == null) {
            throw new IllegalStateException("the evaluator reports " + metrics.keySet() + ", not the selection metric "
                    + selectOn);
        }
        if (state.bestEpoch == 0 || Double.isNaN(state.bestValue)) {
            return !Double.isNaN(v);
        }
        return higherIsBetter ? v > state.bestValue : v < state.bestValue;
    }

    /**
     * @param out    the output folder
     * @param epoch  the epoch, from 1
     * @param net    its network
     * @param writer how model.zip is written
     * @return the pending file, to move to model.zip once the checkpoint is published
     * @throws IOException when it cannot be written
     */
    public static Path writePending(Path out, int epoch, Model net, Trainer.ModelWriter writer) throws IOException {
        Path pending = pending(out, epoch);
        Files.createDirectories(pending.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(pending.toAbsolutePath().getParent(), "." + Trainer.BEST_MODEL, ".tmp");
        try {
            writer.write(net, tmp);
            AtomicFiles.move(tmp, pending);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return pending;
    }

    private static Path pending(Path out, int epoch) {
        return out.resolve("." + Trainer.BEST_MODEL + ".epoch-" + epoch + ".pending");
    }

    /**
     * A run killed between a best epoch's checkpoint and its model.zip leaves the pending network: it is published
     * when the checkpoint resumed from names its epoch the best (and the last), else removed (its epoch never got a
     * checkpoint, or a fresh run starts).
     *
     * @param out   the output folder
     * @param state the state resumed from (a fresh one for a new run)
     * @param log   where a publication is reported
     * @throws IOException when a file cannot be moved or deleted
     */
    public static void settle(Path out, TrainState state, PrintStream log) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<Path> pending;
        try (Stream<Path> s = Files.list(out)) {
            pending = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("." + Trainer.BEST_MODEL + ".epoch-") && n.endsWith(".pending");
            }).toList();
        }
        for (Path p : pending) {
            if (state.bestEpoch > 0 && state.bestEpoch == state.epochsDone && p.equals(pending(out,
                    state.bestEpoch))) {
                AtomicFiles.move(p, out.resolve(Trainer.BEST_MODEL));
                log.println("published the best network of epoch " + state.bestEpoch + " as " + Trainer.BEST_MODEL
                        + " (the interrupted run had checkpointed it)");
            } else {
                Files.delete(p);
            }
        }
    }

    /**
     * @param out    the output folder
     * @param stored the checkpoint's state
     * @param now    this run's settings
     * @param log    where a checkpoint without settings is reported
     * @throws IllegalArgumentException when a setting differs, naming both values
     */
    public static void checkSettings(Path out, TrainState stored, Map<String, String> now, PrintStream log) {
        if (stored.settings.isEmpty()) {
            log.println("--resume: the checkpoint in " + out + " records no settings (written before they were "
                    + "recorded); they cannot be checked");
            return;
        }
        TreeSet<String> keys = new TreeSet<>(stored.settings.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String was = stored.settings.get(key);
            String is = now.get(key);
            if (!Objects.equals(was, is)) {
                throw new IllegalArgumentException("--resume: the checkpoint in " + out + " was made with " + key
                        + " = " + was + ", this run has " + key + " = " + is + "; every setting but the number of "
                        + "epochs must match (use the same options, or another --out for a new run)");
            }
        }
    }
}
