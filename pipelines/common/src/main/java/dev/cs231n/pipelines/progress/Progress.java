package dev.cs231n.pipelines.progress;

import java.io.PrintStream;
import java.util.Locale;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work (epochs, feature extraction), with rate and ETA, in the form that suits where the output
 * goes: on a terminal a bar redrawn in place (progressbar's console renderer); elsewhere (a log file, nohup, CI) a
 * plain line every {@value #DEFAULT_LINE_INTERVAL_MS} ms and one at the end, never a redrawn bar.
 *
 * <p>{@code -Dcs231n.progress=bar|lines} overrides the choice; {@code -Dcs231n.progress.intervalMs=N} sets the line
 * interval.
 */
public final class Progress {

    /** System property choosing {@code bar} or {@code lines}; unset: bar on a terminal, else lines. */
    public static final String MODE_PROPERTY = "cs231n.progress";
    /** System property: milliseconds between two progress lines in line mode. */
    public static final String INTERVAL_PROPERTY = "cs231n.progress.intervalMs";
    /** Default milliseconds between two progress lines in line mode. */
    public static final int DEFAULT_LINE_INTERVAL_MS = 10_000;

    private Progress() {
    }

    /**
     * @param task what is being done, e.g. {@code epoch 3/10}
     * @param max  the number of steps
     * @return a progress bar to {@link ProgressBar#step() step} and close
     */
    public static ProgressBar start(String task, long max) {
        return start(task, max, System.out, lineMode());
    }

    /**
     * @param task  what is being done
     * @param max   the number of steps
     * @param out   where lines go in line mode
     * @param lines line mode (else a redrawn bar on the console)
     * @return a progress bar to step and close
     */
    public static ProgressBar start(String task, long max, PrintStream out, boolean lines) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).showSpeed();
        if (lines) {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(Integer.getInteger(INTERVAL_PROPERTY,
                    DEFAULT_LINE_INTERVAL_MS)).setConsumer(new DelegatingProgressBarConsumer(out::println, 100));
        }
        return b.build();
    }

    /** @return true when progress is printed as lines (not a terminal, or {@code -Dcs231n.progress=lines}) */
    public static boolean lineMode() {
        String mode = System.getProperty(MODE_PROPERTY, "").toLowerCase(Locale.ROOT);
        if (mode.equals("lines")) {
            return true;
        }
        if (mode.equals("bar")) {
            return false;
        }
        return System.console() == null;
    }
}
