package org.mtl4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.api.java.JavaSparkContext;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code model.predict(table)} as a DataFrame transformation: the model file's bytes are
 * broadcast, every partition loads one model and predicts its rows as one table.
 *
 * <p>Example: {@code Dataset<Row> scored = SparkPrediction.transform(model, df.drop("stars"));}
 * gives df's columns followed by {@code model.predict}'s (per classification task {@code <task>}
 * and {@code <task>_probability}, or {@code <task>_probability_<positive class>} for a binary
 * one; per regression task {@code <task>}), with the same names and values.
 *
 * <p>Defaults: no prefix; {@link #transform(MultiTaskModel, Dataset, String)} prefixes the
 * prediction columns (e.g. {@code "predicted_"}) to keep the label columns beside them.
 */
public final class SparkPrediction implements Serializable {

    private static final long serialVersionUID = 1L;

    private SparkPrediction() {}

    /** {@code data}'s columns followed by the model's predictions of its rows. */
    public static Dataset<Row> transform(MultiTaskModel model, Dataset<Row> data) {
        return transform(model, data, "");
    }

    /**
     * {@code data}'s columns followed by the model's predictions, each named {@code prefix} +
     * {@code model.predict}'s name.
     *
     * @throws IllegalArgumentException when a prediction column's name is already a column of
     *     {@code data}, naming it and the fix
     */
    public static Dataset<Row> transform(MultiTaskModel model, Dataset<Row> data,
            String prefix) {
        if (model == null) {
            throw new IllegalArgumentException("SparkPrediction.transform() needs a model."
                    + " Received: null. Pass a trained model, e.g. SparkTraining.of(model)"
                    + ".fit(df, ...) or MultiTaskModel.load(path).");
        }
        if (model.history().isEmpty()) {
            throw new IllegalStateException("SparkPrediction.transform() needs a trained model."
                    + " Received: an untrained model. Train"
                    + " it first with SparkTraining.of(model).fit(df, ...) or model.fit(table).");
        }
        StructType input = data.schema();
        Dataset<Row> columns = SparkTables.modelColumns(data, model.spec());
        Table probe = SparkTables.toTable(columns.schema(),
                columns.limit(1).collectAsList().iterator(), "probe");
        Table predicted = model.predict(probe);
        StructType schema = input;
        for (Column<?> column : predicted.columns()) {
            String name = prefix + column.name();
            for (String existing : input.fieldNames()) {
                if (existing.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("The prediction column '" + name + "' is"
                            + " already a column of the DataFrame. Received: columns "
                            + List.of(input.fieldNames()) + ". Drop it, e.g. df.drop(\"" + existing
                            + "\"), or name the predictions with a prefix:"
                            + " SparkPrediction.transform(model, df, \"predicted_\").");
                }
            }
            schema = schema.add(name, SparkTables.sparkType(column.type(), name), true);
        }
        JavaSparkContext context =
                JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<byte[]> bytes = context.broadcast(ModelBytes.of(model));
        return data.mapPartitions(new Predict(bytes, columns.schema(), input),
                Encoders.row(schema));
    }

    /** One partition: one model, one table, one predict. */
    private static final class Predict implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final StructType modelColumns;
        private final StructType input;

        Predict(Broadcast<byte[]> model, StructType modelColumns, StructType input) {
            this.model = model;
            this.modelColumns = modelColumns;
            this.input = input;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Row> kept = new ArrayList<>();
            rows.forEachRemaining(kept::add);
            if (kept.isEmpty()) {
                return kept.iterator();
            }
            int[] positions = new int[modelColumns.fields().length];
            for (int c = 0; c < positions.length; c++) {
                positions[c] = input.fieldIndex(modelColumns.fields()[c].name());
            }
            List<Row> selected = new ArrayList<>(kept.size());
            for (Row row : kept) {
                Object[] values = new Object[positions.length];
                for (int c = 0; c < positions.length; c++) {
                    values[c] = row.get(positions[c]);
                }
                selected.add(RowFactory.create(values));
            }
            Table table = SparkTables.toTable(modelColumns, selected.iterator(), "partition");
            Table predicted;
            try (MultiTaskModel loaded = ModelBytes.load(model.value())) {
                predicted = loaded.predict(table);
            }
            List<Row> out = new ArrayList<>(kept.size());
            int width = input.fields().length;
            for (int r = 0; r < kept.size(); r++) {
                Object[] values = new Object[width + predicted.columnCount()];
                for (int c = 0; c < width; c++) {
                    values[c] = kept.get(r).get(c);
                }
                for (int c = 0; c < predicted.columnCount(); c++) {
                    values[width + c] = SparkTables.value(predicted.column(c), r);
                }
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        }
    }
}
