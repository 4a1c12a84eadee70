/**
 * Hyperparameter-search machinery on Arbiter 1.0.0-beta7, which runs on DL4J 1.0.0-M2.1 once its own beta7
 * DL4J/ND4J/DataVec artifacts are excluded (the parent pom does this). Candidates are scored on validation
 * data; the test split is used once, at the end, by the jobs.
 */
package dev.cs231n.searches;
