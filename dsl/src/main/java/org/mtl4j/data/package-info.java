/**
 * Internal: Tablesaw tables to tensors: numeric columns standardised, categorical one-hot, text
 * hashed or by vocabulary, embedded columns as table indices ({@link
 * org.mtl4j.data.EmbeddingLayout}); per task its labels and mask (a missing label does not count); the
 * training/validation split. {@code MultiTaskModel} uses it; notebooks never need it.
 *
 * <p>Example: {@code Split.random(table.rowCount(), 0.2, seed)}
 */
@Internal
package org.mtl4j.data;

import org.mtl4j.annotation.Internal;
