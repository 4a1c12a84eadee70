/**
 * Preprocessing fitted on the training split only, as ND4J {@code DataSetPreProcessor}s: mean-image
 * subtraction, per-channel standardisation and the bias trick, chained with
 * {@link dev.cs231n.datavec.cifar.preprocess.PreprocessorChain}; saved and restored as versioned JSON
 * ({@link dev.cs231n.datavec.cifar.preprocess.PreprocessorJson}) alone or inside a DL4J model.zip
 * ({@link dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors}).
 */
package dev.cs231n.datavec.cifar.preprocess;
