package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.Table;

/**
 * README's cluster recipe, run: {@code spark-submit}'s entry point ({@code
 * org.apache.spark.deploy.SparkSubmit}, which the {@code spark-submit} script starts) with
 * {@code --master local-cluster[2,1,1024]}: a standalone master, two workers and two executors,
 * each its own JVM, started from a Spark home whose {@code jars/} holds Spark's class path
 * without mtl4j, DJL, libtorch, Tablesaw or XChart. Those come only through {@code --jars}: the
 * module's jar and {@code target/lib}, which the build fills with README's {@code
 * copy-dependencies} command. The application is {@link SubmitApp}.
 */
class SparkSubmitTest {

    /** What a cluster's Spark does not have: these come through {@code --jars}. */
    private static final List<String> SHIPPED_PACKAGES =
            List.of("org/mtl4j/", "ai/djl/", "tech/tablesaw/", "org/knowm/xchart/");

    @Test
    void submittedApplicationTrainsOnTwoExecutorJvmsAsLocalModeDoes(@TempDir Path dir)
            throws Exception {
        // GIVEN a Spark home without mtl4j and an application jar
        Path home = sparkHome(dir.resolve("spark-home"));
        Path app = applicationJar(dir.resolve("app.jar"));
        Path out = Files.createDirectories(dir.resolve("out"));

        // WHEN spark-submit runs it on a local cluster of two executor JVMs
        Path log = dir.resolve("submit.log");
        ProcessBuilder builder = new ProcessBuilder(submitCommand(home, app, out))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(dir.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        // the workers build executors' class path from SPARK_HOME/jars; without this variable
        // Spark's launcher looks for a Spark source tree's build folders to learn Scala's version
        builder.environment().put("SPARK_SCALA_VERSION", property("mtl4j.scala.binary"));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process submit = builder.start();
        boolean ended;
        try {
            submit.getOutputStream().close();
            ended = submit.waitFor(8, TimeUnit.MINUTES);
        } finally {
            // the executors are the driver's descendants (forked by its in-process workers)
            submit.descendants().forEach(ProcessHandle::destroyForcibly);
            submit.destroyForcibly();
            submit.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);

        // THEN it ends well, both executors (separate JVMs, mtl4j added from --jars) ran tasks
        // with the libtorch they unpacked
        assertThat(ended).as("spark-submit ended within 8 minutes:\n" + tail(output)).isTrue();
        assertThat(submit.exitValue()).as("exit status; output:\n" + tail(output)).isZero();
        List<String> executorLogs = executorLogs(home);
        assertThat(executorLogs).hasSize(2);
        for (String executor : executorLogs) {
            assertThat(executor).contains("Finished task");
            assertThat(executor).containsPattern("Adding file:\\S*mtl4j-dsl-\\S*\\.jar to class"
                    + " loader");
        }

        try (Stream<Path> cache = Files.walk(home.resolve("executor-djl"))) {
            assertThat(cache.map(file -> file.getFileName().toString()))
                    .as("libtorch unpacked by the executors into their own DJL cache")
                    .contains("libtorch.so");
        }

        // AND the model equals the one local[2] trains from the same rows and settings
        MultiTaskModel submitted = MultiTaskModel.load(out.resolve("model.mtl4j"));
        SparkSession spark = SparkFixture.session();
        try {
            Dataset<Row> data = SparkFixture.data(spark, SubmitApp.ROWS);
            MultiTaskModel local = SubmitApp.train(data);
            Table rows = SparkTables.toTable(data.schema(), data.collectAsList().iterator(),
                    "rows");
            assertThat(submitted.history().epochs()).hasSize(2);
            assertSamePredictions(submitted.predict(rows), local.predict(rows));

            // AND the predictions written from the Parquet rows cover every row
            Dataset<Row> predictions = spark.read().parquet(
                    out.resolve("predictions.parquet").toString());
            assertThat(predictions.count()).isEqualTo(SubmitApp.ROWS);
            assertThat(predictions.columns()).contains("x1", "y", "c");
        } finally {
            spark.stop();
        }
    }

    private static void assertSamePredictions(Table submitted, Table local) {
        assertThat(submitted.columnNames()).isEqualTo(local.columnNames());
        for (String column : local.columnNames()) {
            if (local.column(column).type().name().equals("DOUBLE")) {
                double[] a = submitted.doubleColumn(column).asDoubleArray();
                double[] b = local.doubleColumn(column).asDoubleArray();
                for (int i = 0; i < b.length; i++) {
                    assertThat(a[i]).as(column + " row " + i).isCloseTo(b[i],
                            org.assertj.core.data.Offset.offset(1e-6));
                }
            } else {
                assertThat(submitted.column(column).asList()).as(column)
                        .isEqualTo(local.column(column).asList());
            }
        }
    }

    /** {@code SPARK_HOME} with {@code jars/}: this JVM's class path less what mtl4j ships. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(link)
                    && !shipped(jar)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        return home;
    }

    private static boolean shipped(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> SHIPPED_PACKAGES.stream()
                    .anyMatch(entry.getName()::startsWith));
        }
    }

    /** {@link SubmitApp} and {@link SparkFixture}, from the test classes. */
    private static Path applicationJar(Path jar) throws IOException {
        Path classes = Path.of(SubmitApp.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes.resolve("org/mtl4j/spark"))) {
            for (Path file : files.filter(SparkSubmitTest::applicationClass).toList()) {
                out.putNextEntry(new ZipEntry("org/mtl4j/spark/" + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static boolean applicationClass(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("SubmitApp") || name.startsWith("SparkFixture");
    }

    private static List<String> submitCommand(Path home, Path app, Path out) throws IOException {
        List<String> shipped = new ArrayList<>();
        shipped.add(property("mtl4j.spark.jar"));
        try (Stream<Path> lib = Files.list(Path.of(property("mtl4j.spark.lib")))) {
            lib.map(Path::toString).filter(name -> name.endsWith(".jar")).sorted()
                    .forEach(shipped::add);
        }
        String opens = property("mtl4j.spark.opens");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(opens.trim().split("\\s+")));
        command.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "false"));
        command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master", "local-cluster[2,1,1024]",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.local.dir=" + home.resolve("local"),
                // the executors share a cache of their own: both unpack libtorch from the
                // shipped jar on their first task, as on a fresh cluster (the driver keeps
                // this JVM's cache)
                "--conf", "spark.executorEnv.DJL_CACHE_DIR=" + home.resolve("executor-djl"),
                "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline="
                        + System.getProperty("ai.djl.offline", "false"),
                "--class", SubmitApp.class.getName(),
                "--jars", String.join(",", shipped),
                app.toString(), out.toString()));
        return command;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by spark/pom.xml's failsafe"
                + " configuration)").isNotBlank();
        return value;
    }

    /** Each executor's stderr, from the workers' work folder under the Spark home. */
    private static List<String> executorLogs(Path home) throws IOException {
        List<String> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("stderr"))
                    .toList()) {
                logs.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return logs;
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
