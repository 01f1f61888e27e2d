/**
 * Training and prediction on Apache Spark DataFrames: {@link org.mtl4j.spark.SparkTraining} runs
 * data-parallel replicas of a mtl4j model in a barrier stage (gradient averaging every step, or
 * parameter averaging every k steps), {@link org.mtl4j.spark.SparkPrediction} predicts as a
 * DataFrame transformation. An optional module: Spark is a provided dependency, and nothing else
 * in mtl4j depends on this package.
 *
 * <p>Example: {@code MultiTaskModel trained = SparkTraining.of(model).fit(df, epochs(5));}
 */
package org.mtl4j.spark;
