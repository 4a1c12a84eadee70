/**
 * CIFAR-10 as the classic jobs consume it: the course's splits
 * ({@link dev.cs231n.pipelines.cli.CommonOptions#courseSplits()}) as whole arrays, with a preprocessor fitted on the
 * training split ({@link dev.cs231n.pipelines.data.CourseArrays}).
 */
package dev.cs231n.pipelines.data;
