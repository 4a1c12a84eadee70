/** The command line ({@link dev.cs231n.pipelines.Cs231n}) that runs the project's jobs. */
package dev.cs231n.pipelines;
