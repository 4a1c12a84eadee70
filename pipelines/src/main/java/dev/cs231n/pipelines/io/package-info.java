/** Output files of the jobs: atomic writes and the flat {@code metrics.json}. */
package dev.cs231n.pipelines.io;
