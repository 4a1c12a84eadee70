package dev.cs231n.searches.store;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker child process for {@link MultiProcessSqliteTest}: opens the store, adds the fixture grid (as every
 * worker of a search does), and runs a {@link SearchWorker} whose fake task sleeps a few milliseconds per epoch and
 * scores {@link StoreFixtures#score}. In {@code hang} mode it reports one epoch of its first candidate, prints
 * {@code HOLDING <index>} and blocks, to be killed with kill -9 while holding the lease.
 *
 * <p>Arguments: URL, worker id, candidates, lease milliseconds, {@code run} or {@code hang}. Prints
 * {@code READY} once the store is open and {@code SUMMARY completed failed lost released} at the end.
 */
public final class StoreWorkerProcess {

    private static final Pattern INDEX = Pattern.compile("\"i\":(\\d+)");

    private StoreWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String workerId = args[1];
        int candidates = Integer.parseInt(args[2]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        boolean hang = args[4].equals("hang");
        try (SearchStore store = SearchStore.open(url, StoreFixtures.gridSearch())) {
            store.addCandidates(StoreFixtures.grid(candidates));
            System.out.println("READY");
            System.out.flush();
            CandidateTask task = (json, context) -> {
                Matcher m = INDEX.matcher(json);
                if (!m.find()) {
                    throw new IllegalStateException("no index in " + json);
                }
                int i = Integer.parseInt(m.group(1));
                double score = StoreFixtures.score(i);
                if (hang) {
                    context.reportEpoch(1, score / 3);
                    System.out.println("HOLDING " + i);
                    System.out.flush();
                    Thread.sleep(600_000);
                }
                for (int epoch = 1; epoch <= 3; epoch++) {
                    Thread.sleep(5);
                    context.reportEpoch(epoch, score * epoch / 3);
                }
                return score;
            };
            WorkerSummary s = SearchWorker.builder(store, task).workerId(workerId).lease(lease)
                    .heartbeat(lease.dividedBy(5)).poll(Duration.ofMillis(100)).build().run();
            System.out.println("SUMMARY " + s.completed() + " " + s.failed() + " " + s.lost() + " " + s.released());
        }
    }
}
