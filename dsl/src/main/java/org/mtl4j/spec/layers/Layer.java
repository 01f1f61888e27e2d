package org.mtl4j.spec.layers;

/**
 * One layer of a trunk or a head: {@link Dense}, {@link Relu}, {@link Tanh}, {@link Sigmoid} or
 * {@link Dropout}. Layers are immutable values; {@code toString()} prints them as written in the
 * DSL.
 *
 * <p>Example: {@code .trunk(dense(64), relu(), dropout(0.1), dense(32), relu())}
 */
public sealed interface Layer permits Dense, Relu, Tanh, Sigmoid, Dropout {}
