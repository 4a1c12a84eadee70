/**
 * The report of a search, read from its store alone: {@link dev.cs231n.searches.report.SearchReport#write} writes
 * {@code report.html} (the search, counts by status, the best candidate, every candidate with its score per epoch)
 * and PNG plots (XChart) of the validation score against each hyperparameter, the best score so far over wall-clock
 * time and the validation score per epoch. {@code REPORT.md} beside the module's pom describes it.
 */
package dev.cs231n.searches.report;
