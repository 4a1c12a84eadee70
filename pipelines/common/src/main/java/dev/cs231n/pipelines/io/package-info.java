/** Output files of the jobs: atomic writes, the flat {@code metrics.json}, NumPy {@code .npy} arrays. */
package dev.cs231n.pipelines.io;
