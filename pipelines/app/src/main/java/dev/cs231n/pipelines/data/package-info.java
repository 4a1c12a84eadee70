/** CIFAR-10 as the jobs consume it: the course's splits as whole arrays. */
package dev.cs231n.pipelines.data;
