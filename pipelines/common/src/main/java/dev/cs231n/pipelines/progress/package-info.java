/** Progress reporting of long work: a bar on a terminal, plain periodic lines in logs. */
package dev.cs231n.pipelines.progress;
