/**
 * Persistent storage of a hyperparameter search and the protocol its workers follow, in the manner of Optuna's
 * RDB storage: the search and every candidate (hyperparameters, status, score per epoch, time, worker, device,
 * error) live in a database, an SQLite file in the job's output folder by default
 * ({@link dev.cs231n.searches.store.SearchStore#defaultUrl}) or any PostgreSQL database given by a JDBC URL, so
 * that workers in several processes or on several machines share one search.
 *
 * <p>Workers {@linkplain dev.cs231n.searches.store.SearchStore#claim claim} candidates transactionally under a
 * lease that they {@linkplain dev.cs231n.searches.store.SearchStore#heartbeat renew}; a candidate whose worker
 * died (kill -9) is claimed again once its lease has expired, and a result from a worker that no longer holds the
 * lease is rejected, so no candidate is lost and none is recorded twice.
 * {@link dev.cs231n.searches.store.SearchWorker} is the loop a search job runs; resuming a search is starting a
 * worker on the existing store. {@code STORE.md} beside the module's pom describes the schema and the guarantees.
 */
package dev.cs231n.searches.store;
