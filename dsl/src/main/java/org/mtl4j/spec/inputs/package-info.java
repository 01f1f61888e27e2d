/**
 * The model's inputs: which table columns feed it and how they are encoded ({@code numeric},
 * {@code categorical}, {@code text}, and learnt vectors: {@code categorical(...).embedding(n)},
 * {@code text(...).embeddingBag(n)}).
 *
 * <p>Example: {@code multiTask().input(numeric("bill_length_mm"), categorical("island"))}
 */
package org.mtl4j.spec.inputs;
