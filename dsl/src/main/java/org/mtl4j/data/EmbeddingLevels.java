package org.mtl4j.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mtl4j.spec.inputs.CategoricalEmbedding;
import org.mtl4j.spec.inputs.Input;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The level map of an embedding table: the training split's levels of every column that reads the
 * table, in sorted order (numeric when all those columns are numbers, else alphabetical); empty
 * for a hashed table.
 */
final class EmbeddingLevels {

    private EmbeddingLevels() {}

    static List<String> of(List<Input> inputs, CategoricalEmbedding embedding, String column,
            Table table, int[] trainRows) {
        if (embedding.isHashed()) {
            return List.of();
        }
        String owner = embedding.table(column);
        Set<String> distinct = new LinkedHashSet<>();
        boolean numbers = true;
        for (Input input : inputs) {
            if (input instanceof CategoricalEmbedding other) {
                for (String name : other.columns()) {
                    if (other.table(name).equals(owner)) {
                        Column<?> values = Columns.find(table, name, other.toString());
                        numbers &= values instanceof NumberColumn<?, ?>;
                        distinct.addAll(Levels.of(values, trainRows));
                    }
                }
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException(embedding + " has no level to learn: column '"
                    + column + "' is missing in all " + trainRows.length + " training rows."
                    + " Fill the column, use .hashed(n), or remove it from .input(...).");
        }
        List<String> levels = new ArrayList<>(distinct);
        levels.sort(numbers ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder());
        return levels;
    }
}
