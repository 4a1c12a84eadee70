/**
 * What the jobs of the command line share: the common options and the one place that finds CIFAR-10 and builds the
 * course's splits ({@link dev.cs231n.pipelines.cli.CommonOptions}), and the interface through which jobs of other
 * artifacts join the command line ({@link dev.cs231n.pipelines.cli.JobPlugin}).
 */
package dev.cs231n.pipelines.cli;
