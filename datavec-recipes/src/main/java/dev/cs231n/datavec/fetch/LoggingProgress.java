package dev.cs231n.datavec.fetch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs download progress at INFO about every 5 seconds: percentage, rate (MB/s) and ETA. Not thread-safe;
 * one instance per download.
 */
public final class LoggingProgress implements DownloadProgress {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingProgress.class);
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String what;
    private final long startNanos = System.nanoTime();
    private long startBytes = -1;
    private long lastNanos = startNanos;
    private boolean finishedLogged;

    /**
     * @param what the name of what is downloaded, for the log lines
     */
    public LoggingProgress(String what) {
        this.what = what;
    }

    @Override
    public void update(long bytesDone, long bytesTotal) {
        long now = System.nanoTime();
        if (startBytes < 0) {
            startBytes = bytesDone;
        }
        boolean finished = bytesTotal >= 0 && bytesDone >= bytesTotal;
        if (finishedLogged || (!finished && now - lastNanos < INTERVAL_NANOS)) {
            return;
        }
        lastNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = (bytesDone - startBytes) / seconds;
        if (finished) {
            finishedLogged = true;
            LOG.info(String.format("%s: complete, %.1f MB (%.1f MB transferred in %.1f s)", what, bytesDone / 1e6,
                    (bytesDone - startBytes) / 1e6, seconds));
        } else if (bytesTotal > 0) {
            double eta = rate > 0 ? (bytesTotal - bytesDone) / rate : Double.NaN;
            LOG.info(String.format("%s: %.1f of %.1f MB (%.0f%%), %.2f MB/s, ETA %.0f s", what, bytesDone / 1e6,
                    bytesTotal / 1e6, 100.0 * bytesDone / bytesTotal, rate / 1e6, eta));
        } else {
            LOG.info(String.format("%s: %.1f MB, %.2f MB/s", what, bytesDone / 1e6, rate / 1e6));
        }
    }
}
