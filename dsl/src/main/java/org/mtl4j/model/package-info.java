/**
 * Internal: a {@code ModelSpec} turned into DJL blocks: the sharing (hard trunk, experts with
 * gates, cross-stitch units) run once per batch, then every task's head; {@link
 * org.mtl4j.model.ModelParts} holds the network, encoders and optimizer of one model. Add a new
 * sharing architecture here (a {@link org.mtl4j.model.SharingBlock}) beside its spec in {@code
 * org.mtl4j.spec.sharing}.
 *
 * <p>Example: {@code ModelParts.create(spec, table, rows, Device.cpu(), DataType.FLOAT32)}
 */
@Internal
package org.mtl4j.model;

import org.mtl4j.annotation.Internal;
