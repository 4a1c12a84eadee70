/** Test fixtures: synthetic CIFAR-10 files in the official format and a local HTTP server. */
package dev.cs231n.datavec.testing;
