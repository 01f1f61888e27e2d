package org.mtl4j.spec.layers;

/**
 * One layer of a trunk or a head: {@link Dense}, {@link Relu}, {@link Tanh}, {@link Sigmoid},
 * {@link Dropout}, or for images {@link Conv2d}, {@link MaxPool}, {@link AvgPool}, {@link
 * BatchNorm}, {@link Flatten} and {@link GlobalAvgPool} ({@link Unflatten} is put in by an image
 * input). Layers are immutable values; {@code toString()} prints them as written in the
 * DSL.
 *
 * <p>Example: {@code .trunk(dense(64), relu(), dropout(0.1), dense(32), relu())}
 */
public sealed interface Layer permits Dense, Relu, Tanh, Sigmoid, Dropout, Conv2d, MaxPool, AvgPool,
        BatchNorm, Flatten, GlobalAvgPool, Unflatten {}
