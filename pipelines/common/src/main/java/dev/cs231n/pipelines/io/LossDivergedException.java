package dev.cs231n.pipelines.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Training stopped because the loss became non-finite (NaN or infinite): typically a learning rate far too large.
 * The job records it in {@code metrics.json} ({@link #metrics()}: {@code status} {@value #STATUS}, the epoch and
 * step, the loss as text) before failing, so that the run leaves a record of what happened; the command line then
 * exits with {@value #EXIT_CODE}.
 */
public final class LossDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@code status} of a diverged run's metrics.json. */
    public static final String STATUS = "diverged";
    /** The exit code of a diverged run. */
    public static final int EXIT_CODE = 3;

    private final int epoch;
    private final long step;
    private final double loss;

    /**
     * @param epoch the epoch (1-based) in which the loss became non-finite
     * @param step  the training step (1-based over the run, iteration) at which it did
     * @param loss  the loss then (NaN or infinite)
     */
    public LossDivergedException(int epoch, long step, double loss) {
        super("the training loss became " + loss + " at step " + step + " (epoch " + epoch + "); the run stopped "
                + "there, without a checkpoint of that epoch (try a smaller --lr)");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** @return the epoch (1-based) in which the loss became non-finite */
    public int epoch() {
        return epoch;
    }

    /** @return the step (1-based over the run) at which it did */
    public long step() {
        return step;
    }

    /** @return the non-finite loss */
    public double loss() {
        return loss;
    }

    /**
     * @return {@code status}, {@code diverged_epoch}, {@code diverged_step}, {@code diverged_loss} (text) and
     *         {@code epochs} (the epochs completed before)
     */
    public Metrics metrics() {
        return new Metrics().put("status", STATUS).put("diverged_epoch", epoch).put("diverged_step", step)
                .put("diverged_loss", Double.toString(loss)).put("epochs", epoch - 1);
    }

    /**
     * Writes {@link #metrics()} plus the job's own entries as {@code dir/metrics.json}.
     *
     * @param dir   the output folder
     * @param extra the job's settings to record beside (may be null)
     * @return this, to be thrown
     * @throws IOException when metrics.json cannot be written
     */
    public LossDivergedException record(Path dir, Metrics extra) throws IOException {
        Metrics m = metrics();
        if (extra != null) {
            extra.values().forEach((k, v) -> {
                if (!m.values().containsKey(k)) {
                    if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
                        m.put(k, n.longValue());
                    } else if (v instanceof Number n) {
                        m.put(k, n.doubleValue());
                    } else {
                        m.put(k, String.valueOf(v));
                    }
                }
            });
        }
        m.write(dir);
        return this;
    }
}
