/** Options shared by the jobs of the command line. */
package dev.cs231n.pipelines.cli;
