/** The jobs of the {@code ./cs231n} command line, one class each. */
package dev.cs231n.pipelines.jobs;
