/**
 * Saving and loading models: one zip file with the spec, parameters, preprocessing, optimizer and
 * weighting state and history. {@link org.mtl4j.persist.SavedModel} is what {@code
 * model.save(path)} returns; {@link org.mtl4j.persist.ModelFile} (the format) is internal.
 *
 * <p>Example: {@code SavedModel saved = model.save(Path.of("penguins.mtl4j"));}
 */
package org.mtl4j.persist;
