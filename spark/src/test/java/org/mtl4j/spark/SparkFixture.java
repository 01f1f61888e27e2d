package org.mtl4j.spark;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mtl4j.MultiTaskModel;

/** A local[2] session and a small two-task data set in two partitions of unequal size. */
final class SparkFixture {

    private SparkFixture() {}

    static SparkSession session() {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("mtl4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    static final StructType SCHEMA = new StructType()
            .add("x1", DataTypes.DoubleType, true)
            .add("x2", DataTypes.DoubleType, true)
            .add("g", DataTypes.StringType, true)
            .add("y", DataTypes.DoubleType, true)
            .add("c", DataTypes.StringType, true);

    /**
     * {@code rows} rows in 2 partitions: y = 2·x1 − x2 + 0.5·[g = b] + noise (a regression task);
     * c = "hi" when x1 + x2 + noise > 0 else "lo" (missing on every seventh row).
     */
    static Dataset<Row> data(SparkSession spark, int rows) {
        Random random = new Random(11);
        List<Row> list = new ArrayList<>();
        String[] groups = {"a", "b", "c"};
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            String g = groups[random.nextInt(3)];
            double y = 2 * x1 - x2 + (g.equals("b") ? 0.5 : 0) + 0.1 * random.nextGaussian();
            String c = i % 7 == 3 ? null
                    : x1 + x2 + 0.3 * random.nextGaussian() > 0 ? "hi" : "lo";
            list.add(RowFactory.create(x1, x2, g, y, c));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(list, 2), SCHEMA);
    }

    static MultiTaskModel model() {
        return multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy())
                .build();
    }
}
