/**
 * The immutable description of a model: {@link org.mtl4j.spec.ModelSpec} (inputs, sharing, tasks,
 * weighting) and {@link org.mtl4j.spec.TaskSpec} (head, loss, metrics), validated when built, with
 * its parts in sub-packages: {@code inputs}, {@code layers}, {@code losses}, {@code metrics} and
 * {@code sharing}. The parts depend on no one here; these records put them together.
 *
 * <p>Example: {@code model.spec().tasks().get(0).loss()} is e.g. {@code crossEntropy()}.
 */
package org.mtl4j.spec;
