package org.mtl4j.spark;

import static org.mtl4j.Mtl4j.*;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SaveMode;
import org.mtl4j.MultiTaskModel;

/**
 * The application {@link SparkSubmitTest} hands to {@code spark-submit}'s entry point, as README's
 * cluster recipe does with {@code your.Main}: the master comes from the command line. It writes
 * {@link SparkFixture}'s rows as Parquet, trains on the in-memory rows ({@link #train}, which the
 * test repeats on local[2]), saves the model as {@code model.mtl4j} and writes the predictions
 * for the Parquet rows (labels dropped) as {@code predictions.parquet}, all in {@code args[0]}.
 */
public final class SubmitApp {

    private SubmitApp() {}

    /** Rows the application trains on. */
    static final int ROWS = 120;

    /** Two epochs of exact synchronous training (k = 1), two global batches each. */
    static MultiTaskModel train(Dataset<Row> data) {
        return SparkTraining.of(SparkFixture.model()).syncEvery(1)
                .fit(data, epochs(2), batchSize(60), adam(1e-2), seed(5), quiet());
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        SparkSession spark = SparkSession.builder().appName("mtl4j-submit-test").getOrCreate();
        try {
            Dataset<Row> data = SparkFixture.data(spark, ROWS);
            String parquet = out.resolve("rows.parquet").toString();
            data.write().mode(SaveMode.Overwrite).parquet(parquet);
            MultiTaskModel trained = train(data);
            trained.save(out.resolve("model.mtl4j"));
            SparkPrediction.transform(trained, spark.read().parquet(parquet).drop("y", "c"))
                    .write().mode(SaveMode.Overwrite)
                    .parquet(out.resolve("predictions.parquet").toString());
        } finally {
            spark.stop();
        }
    }
}
