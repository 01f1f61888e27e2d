/**
 * Layers of a trunk, an expert or a head: {@code dense(n)}, {@code relu()}, {@code tanh()}, {@code
 * sigmoid()}, {@code dropout(p)}. To add one: a record implementing the sealed {@link
 * org.mtl4j.spec.layers.Layer}, a factory in {@code Mtl4j}, its DJL block in {@code
 * org.mtl4j.model.Blocks} and its name in {@code persist.RecordJson}. Also here: how dense layers
 * start, the sealed {@link org.mtl4j.spec.layers.Initializer} ({@code pytorchDefault()}, Xavier,
 * Kaiming, {@code normal(mean, std)}), drawn in {@code org.mtl4j.model.DenseInit}.
 *
 * <p>Example: {@code .trunk(dense(64).init(xavierUniform()), relu(), dropout(0.1))}
 */
package org.mtl4j.spec.layers;
