/**
 * DataVec and DL4J iteration over CIFAR-10: a {@code RecordReader} over the batch files
 * ({@link dev.cs231n.datavec.cifar.datavec.CifarRecordReader}: {@code NDArrayWritable [1,3,32,32]} +
 * {@code IntWritable} label) and a fast in-memory {@code DataSetIterator}
 * ({@link dev.cs231n.datavec.cifar.datavec.CifarDataSetIterator}: batches, seeded per-epoch shuffles,
 * FLOAT or DOUBLE, NCHW or flat, preprocessor support).
 */
package dev.cs231n.datavec.cifar.datavec;
