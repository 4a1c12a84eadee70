/**
 * Training the project's DL4J networks on Apache Spark with DL4J's own Spark training masters: parameter averaging
 * ({@code ParameterAveragingTrainingMaster}) and gradient sharing over Aeron ({@code SharedTrainingMaster}). The
 * {@code spark-train} job ({@link dev.cs231n.spark.SparkTrainJob}) trains fc-net or cnn with the same configurations,
 * preprocessing, evaluation, checkpoints and metrics as the single-machine jobs; {@link dev.cs231n.spark.SparkTrainer}
 * is its epoch loop, {@link dev.cs231n.spark.SparkContexts} the Spark settings (with the workarounds that DL4J
 * 1.0.0-M2's Spark modules need on Java 17 and Spark 3.5, each named where it is applied).
 */
package dev.cs231n.spark;
