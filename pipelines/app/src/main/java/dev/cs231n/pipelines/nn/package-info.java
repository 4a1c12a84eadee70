/** DL4J networks of the pipelines and the switch that puts DL4J's built-in CNN layers on oneDNN. */
package dev.cs231n.pipelines.nn;
