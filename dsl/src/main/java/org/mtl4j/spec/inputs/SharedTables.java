package org.mtl4j.spec.inputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code .sharedWith(...)} links of a model's embedded columns: each names an embedded
 * categorical column with its own table and the same dimension and hashing; and that no column is
 * embedded twice (a table belongs to one column).
 *
 * <p>Example: {@code SharedTables.check(spec.inputs())} throws for {@code
 * categorical("away").embedding(8).sharedWith("home")} when {@code home} is not embedded.
 */
public final class SharedTables {

    private SharedTables() {}

    /**
     * @throws IllegalArgumentException naming the link, what was expected and the fix
     */
    public static void check(List<Input> inputs) {
        Map<String, CategoricalEmbedding> embedded = new LinkedHashMap<>();
        for (Input input : inputs) {
            if (input instanceof CategoricalEmbedding embedding) {
                for (String column : embedding.columns()) {
                    CategoricalEmbedding before = embedded.put(column, embedding);
                    if (before != null) {
                        throw new IllegalArgumentException("Column '" + column + "' is embedded"
                                + " twice. Received: " + before + " and " + embedding
                                + ". Keep one, or copy the column under another name.");
                    }
                }
            }
        }
        for (Input input : inputs) {
            if (!(input instanceof CategoricalEmbedding embedding)
                    || embedding.sharedWith() == null) {
                continue;
            }
            String target = embedding.sharedWith();
            CategoricalEmbedding owner = embedded.get(target);
            if (owner == null) {
                throw new IllegalArgumentException(embedding + ": column '" + target
                        + "' is not an embedded categorical column. Received: embedded columns "
                        + embedded.keySet() + ". Declare it with categorical(\"" + target
                        + "\").embedding(" + embedding.dimension() + "), or remove"
                        + " .sharedWith(\"" + target + "\").");
            }
            if (owner.sharedWith() != null && !owner.sharedWith().equals(target)) {
                throw new IllegalArgumentException(embedding + ": column '" + target
                        + "' itself reads the table of '" + owner.sharedWith() + "'. Received: "
                        + owner + ". Use .sharedWith(\"" + owner.sharedWith() + "\").");
            }
            if (owner.dimension() != embedding.dimension()
                    || owner.buckets() != embedding.buckets()) {
                throw new IllegalArgumentException(embedding + " shares the table of '" + target
                        + "', which has another dimension or hashing. Received: " + owner
                        + ". Use the same .embedding(n) and .hashed(n) on both.");
            }
        }
    }
}
