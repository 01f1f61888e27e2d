package org.mtl4j.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.EncoderState;
import org.mtl4j.data.FeatureEncoder;
import org.mtl4j.data.Levels;
import org.mtl4j.data.Split;
import org.mtl4j.data.TargetScale;
import org.mtl4j.data.TaskLabels;
import org.mtl4j.data.Tokenizer;
import org.mtl4j.spec.ModelSpec;
import org.mtl4j.spec.TaskSpec;
import org.mtl4j.spec.inputs.CategoricalEmbedding;
import org.mtl4j.spec.inputs.CategoricalInput;
import org.mtl4j.spec.inputs.ImageInput;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.inputs.NumericInput;
import org.mtl4j.spec.inputs.TextEmbeddingBag;
import org.mtl4j.spec.inputs.TextInput;
import org.mtl4j.spec.losses.LabelKind;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a first fit learns from its data, computed over a source without holding it: the same
 * encoders and labels as {@code FeatureEncoder.fit} and {@code TaskLabels.fit} on the whole
 * source as a table.
 *
 * <ul>
 *   <li>row count, means and standard deviations (numeric inputs, regression targets): one SQL
 *       query, {@code COUNT}, {@code AVG} and {@code STDDEV_POP} over {@code DOUBLE PRECISION}:
 *       exact up to the engine's summation order (DuckDB's agree with the in-memory two-pass
 *       values to about 1e-15 relative; on one DuckDB thread, so that every run sums in the same
 *       order and gives the same statistics);
 *   <li>levels and classes: {@code SELECT DISTINCT} per column, sorted as in memory (numbers
 *       numerically, else alphabetically); classes from the training and validation sources;
 *   <li>vocabularies ({@code .vocabulary(n)}, embedding bags): one pass over the text columns in
 *       Java with mtl4j's tokenizer, exact; it holds one counter per distinct token (hashed
 *       buckets, the default, need no pass and no memory).
 * </ul>
 *
 * <p>Example: {@code SourceStatistics.Fitted fitted = SourceStatistics.fit(spec, source, null);}
 */
@Internal
public final class SourceStatistics {

    private SourceStatistics() {}

    /**
     * The fitted encoder, the tasks' labels and the number of training rows.
     *
     * @param encoder the inputs' encoders
     * @param labels per task, its classes or target scale
     * @param rows the training source's rows
     */
    public record Fitted(FeatureEncoder encoder, List<TaskLabels> labels, long rows) {}

    /**
     * Fits encoders and labels on {@code train} (classes also on {@code validation}, may be null).
     *
     * @throws IllegalArgumentException for a missing or mistyped column, a numeric input with
     *     missing values, a task without labels, or a failed query
     */
    public static Fitted fit(ModelSpec spec, RowSource train, RowSource validation) {
        Table schema = checkedSchema(spec, train);
        if (validation != null) {
            checkedSchema(spec, validation);
        }
        Map<String, double[]> moments = new LinkedHashMap<>();
        long rows = moments(spec, train, schema, moments);
        if (rows == 0) {
            throw new IllegalArgumentException("Source '" + train.name() + "' has no rows."
                    + " Received: " + train.query() + ". fit() needs rows with the input and"
                    + " label columns.");
        }
        List<EncoderState> states = new ArrayList<>();
        Map<String, Map<String, Long>> tokenCounts = tokenCounts(spec, train, schema);
        for (Input input : spec.inputs()) {
            for (String column : input.columns()) {
                states.add(state(spec, input, column, train, schema, moments, rows,
                        tokenCounts));
            }
        }
        FeatureEncoder encoder = FeatureEncoder.restore(spec.inputs(), states);
        List<TaskLabels> labels = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            labels.add(labels(task, train, validation, schema, moments, rows));
        }
        return new Fitted(encoder, labels, rows);
    }

    /**
     * Before a continued fit: the checks of a first fit's statistics pass, so that a source the
     * trained model cannot read is refused before any step changes the parameters. One query of
     * counts finds missing numeric inputs, and one {@code SELECT DISTINCT} per classification
     * task finds classes the model never saw.
     *
     * <p>Example: {@code long rows = SourceStatistics.checkContinued(spec, source, labels);}
     *
     * @param labels the trained model's labels (their classes are the known ones)
     * @return the source's row count
     * @throws IllegalArgumentException naming the column and the filter to add to the query
     */
    public static long checkContinued(ModelSpec spec, RowSource source,
            List<TaskLabels> labels) {
        return checkContinued(spec, source, labels, new LinkedHashMap<>());
    }

    /**
     * The statistics of the first fit of a model made by {@code withTask()}: the trained model's
     * encoders and labels are kept (checked as a continued fit checks them, on {@code train} and
     * {@code validation}, which may be null), and the new tasks' labels are learnt as a first
     * fit learns them (classes from both sources, a target scale from {@code train}).
     *
     * <p>Example: {@code SourceStatistics.extend(spec, source, null, encoder, keptLabels)}
     *
     * @param kept the trained model's tasks' labels (the first tasks of {@code spec})
     * @throws IllegalArgumentException as {@link #checkContinued} and {@link #fit}
     */
    public static Fitted extend(ModelSpec spec, RowSource train, RowSource validation,
            FeatureEncoder encoder, List<TaskLabels> kept) {
        Map<String, double[]> moments = new LinkedHashMap<>();
        long rows = checkContinued(spec, train, kept, moments);
        if (validation != null) {
            checkContinued(spec, validation, kept);
        }
        if (rows == 0) {
            throw new IllegalArgumentException("Source '" + train.name() + "' has no rows."
                    + " Received: " + train.query() + ". fit() needs rows with the input and"
                    + " label columns.");
        }
        Table schema = schemaOf(train);
        List<TaskLabels> labels = new ArrayList<>(kept);
        for (TaskSpec task : spec.tasks().subList(kept.size(), spec.tasks().size())) {
            labels.add(labels(task, train, validation, schema, moments, rows));
        }
        return new Fitted(encoder, labels, rows);
    }

    private static long checkContinued(ModelSpec spec, RowSource source,
            List<TaskLabels> labels, Map<String, double[]> moments) {
        Table schema = checkedSchema(spec, source);
        long rows = moments(spec, source, schema, moments);
        for (Input input : spec.inputs()) {
            if (input instanceof NumericInput) {
                for (String column : input.columns()) {
                    requireFinite(column, source, moments.get(real(schema, column)), rows);
                }
            }
        }
        for (TaskLabels task : labels) {
            if (task.classes().isEmpty()) {
                continue;
            }
            String column = real(schema, task.task().labelColumn());
            Column<?> values = distinct(source, schema, column);
            Set<String> unseen = new java.util.TreeSet<>();
            for (int row = 0; row < values.size(); row++) {
                String label = values.getUnformattedString(row);
                if (!task.classes().contains(label)) {
                    unseen.add(label);
                }
            }
            if (!unseen.isEmpty()) {
                String known = String.join(", ",
                        task.classes().stream().map(SqlNames::literal).toList());
                throw new IllegalArgumentException("Task '" + task.task().name() + "' has "
                        + (unseen.size() == 1 ? "a class" : "classes") + " in source '"
                        + source.name() + "' that the trained model never saw. Received: "
                        + column + " " + unseen + "; known classes: " + task.classes()
                        + ". Filter those rows in the query (WHERE " + column + " IN (" + known
                        + ")), or train a new model on data that includes them. The model is"
                        + " unchanged.");
            }
        }
        return rows;
    }

    /** Refuses a numeric input column with missing or non-finite values. */
    private static void requireFinite(String column, RowSource source, double[] m, long rows) {
        long missing = rows - (long) m[0];
        if (missing > 0 || rows > 0 && (!Double.isFinite(m[1]) || !Double.isFinite(m[2]))) {
            throw new IllegalArgumentException("Column '" + column + "' of source '"
                    + source.name() + "' has " + (missing > 0 ? missing + " missing value"
                    + (missing == 1 ? "" : "s") : "non-finite values") + " in its " + rows
                    + " rows. numeric() inputs must be finite numbers. Filter those rows"
                    + " in the query (WHERE " + column + " IS NOT NULL) or fill them"
                    + " (COALESCE(" + column + ", 0)).");
        }
    }

    /** The source's columns (an empty table), checked against the inputs and label columns. */
    public static Table checkedSchema(ModelSpec spec, RowSource source) {
        Table schema = schemaOf(source);
        FeatureEncoder.checkColumns(spec.inputs(), schema);
        for (TaskSpec task : spec.tasks()) {
            TaskLabels.checkColumn(task, schema);
        }
        return schema;
    }

    /**
     * Runs one query of counts, means and standard deviations of the numeric inputs and the
     * tasks' label columns; fills {@code moments} (column → count, mean, std) and returns the
     * row count.
     */
    private static long moments(ModelSpec spec, RowSource source, Table schema,
            Map<String, double[]> moments) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> counted = new LinkedHashSet<>();
        for (Input input : spec.inputs()) {
            if (input instanceof NumericInput) {
                input.columns().forEach(c -> numbers.add(real(schema, c)));
            }
        }
        for (TaskSpec task : spec.tasks()) {
            String column = real(schema, task.labelColumn());
            if (task.loss().labelKind() == LabelKind.NUMBER) {
                numbers.add(column);
            } else {
                counted.add(column);
            }
        }
        StringBuilder select = new StringBuilder("COUNT(*)");
        for (String column : numbers) {
            String value = "CAST(" + SqlNames.identifier(column) + " AS DOUBLE PRECISION)";
            select.append(", COUNT(").append(value).append("), AVG(").append(value)
                    .append("), STDDEV_POP(").append(value).append(')');
        }
        for (String column : counted) {
            select.append(", COUNT(").append(SqlNames.identifier(column)).append(')');
        }
        String sql = SqlNames.over(select.toString(), source.query());
        try (Connection connection = source.connect();
                Statement statement = connection.createStatement()) {
            if (source.isDuckDb()) {
                // one thread sums in one order: the same statistics, and so the same fit, every
                // run; SET is database-wide, so a file-backed database gets its default back
                statement.execute("SET threads TO 1");
                try (ResultSet result = statement.executeQuery(sql)) {
                    return read(result, numbers, counted, moments);
                } finally {
                    statement.execute("RESET threads");
                }
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                return read(result, numbers, counted, moments);
            }
        } catch (SQLException e) {
            throw source.failed(sql, e);
        }
    }

    /** Reads the moments query's one row into {@code moments}; the row count. */
    private static long read(ResultSet result, Set<String> numbers, Set<String> counted,
            Map<String, double[]> moments) throws SQLException {
        result.next();
        int at = 2;
        for (String column : numbers) {
            long count = result.getLong(at);
            double mean = result.getDouble(at + 1);
            mean = result.wasNull() ? Double.NaN : mean;
            double std = result.getDouble(at + 2);
            std = result.wasNull() ? Double.NaN : std;
            moments.put(column, new double[] {count, mean, std});
            at += 3;
        }
        for (String column : counted) {
            moments.put(column, new double[] {result.getLong(at++), Double.NaN, Double.NaN});
        }
        return result.getLong(1);
    }

    private static EncoderState state(ModelSpec spec, Input input, String column,
            RowSource source, Table schema, Map<String, double[]> moments, long rows,
            Map<String, Map<String, Long>> tokenCounts) {
        if (input instanceof NumericInput) {
            double[] m = moments.get(real(schema, column));
            requireFinite(column, source, m, rows);
            return new EncoderState.Numeric(column, m[1], m[2] > 0 ? m[2] : 1);
        }
        if (input instanceof CategoricalInput) {
            List<String> levels = levels(source, schema, column);
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("categorical(\"" + column + "\") has no level"
                        + " to learn: column '" + column + "' is missing in all " + rows
                        + " rows of source '" + source.name() + "'. Fill the column, or remove"
                        + " it from .input(...).");
            }
            return new EncoderState.OneHot(column, levels);
        }
        if (input instanceof CategoricalEmbedding embedding) {
            return new EncoderState.Indexed(column,
                    embeddingLevels(spec, embedding, column, source, schema, rows));
        }
        if (input instanceof TextInput text) {
            return new EncoderState.Text(column, text.vocabulary()
                    ? vocabulary(text, tokenCounts.get(column), rows, source) : List.of());
        }
        if (input instanceof TextEmbeddingBag bag) {
            List<String> vocabulary = bag.vocabulary()
                    ? vocabulary(bag.text(), tokenCounts.get(column), rows, source) : List.of();
            return new EncoderState.Tokens(column, vocabulary,
                    longestBag(bag, vocabulary, source, schema));
        }
        if (input instanceof ImageInput) {
            return new EncoderState.Image(column);
        }
        throw new IllegalArgumentException("Input " + input + " cannot be read from a source."
                + " Received: " + input.getClass().getSimpleName() + ". Use numeric, categorical"
                + " or text inputs.");
    }

    /** The sorted levels of a column (its distinct non-missing values). */
    private static List<String> levels(RowSource source, Table schema, String column) {
        Column<?> values = distinct(source, schema, column);
        return Levels.of(values, Split.allRows(values.size()));
    }

    /** The distinct non-missing values of a column, as the column's Tablesaw type. */
    private static Column<?> distinct(RowSource source, Table schema, String column) {
        String name = SqlNames.identifier(real(schema, column));
        String sql = SqlNames.over("DISTINCT " + name, source.query()) + " WHERE " + name
                + " IS NOT NULL";
        try (ChunkCursor cursor = source.open(sql)) {
            return cursor.readAll().column(0);
        }
    }

    /** As {@code EmbeddingLevels}: the levels of every column sharing the embedding's table. */
    private static List<String> embeddingLevels(ModelSpec spec, CategoricalEmbedding embedding,
            String column, RowSource source, Table schema, long rows) {
        if (embedding.isHashed()) {
            return List.of();
        }
        String owner = embedding.table(column);
        Set<String> distinct = new LinkedHashSet<>();
        boolean numbers = true;
        for (Input input : spec.inputs()) {
            if (input instanceof CategoricalEmbedding other) {
                for (String name : other.columns()) {
                    if (other.table(name).equals(owner)) {
                        numbers &= schema.column(name) instanceof NumberColumn<?, ?>;
                        distinct.addAll(levels(source, schema, name));
                    }
                }
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException(embedding + " has no level to learn: column '"
                    + column + "' is missing in all " + rows + " rows of source '"
                    + source.name() + "'. Fill the column, use .hashed(n), or remove it from"
                    + " .input(...).");
        }
        List<String> levels = new ArrayList<>(distinct);
        levels.sort(numbers ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder());
        return levels;
    }

    /** Token counts of the text columns that learn a vocabulary, in one pass over them. */
    private static Map<String, Map<String, Long>> tokenCounts(ModelSpec spec, RowSource source,
            Table schema) {
        List<String> columns = new ArrayList<>();
        for (Input input : spec.inputs()) {
            if (input instanceof TextInput text && text.vocabulary()
                    || input instanceof TextEmbeddingBag bag && bag.vocabulary()) {
                columns.add(input.columns().get(0));
            }
        }
        Map<String, Map<String, Long>> counts = new HashMap<>();
        if (columns.isEmpty()) {
            return counts;
        }
        columns.forEach(c -> counts.put(c, new HashMap<>()));
        forEachChunk(source, schema, columns, chunk -> {
            for (String column : columns) {
                StringColumn texts = chunk.stringColumn(real(schema, column));
                Map<String, Long> count = counts.get(column);
                for (int row = 0; row < texts.size(); row++) {
                    for (String token : Tokenizer.tokens(texts.get(row))) {
                        count.merge(token, 1L, Long::sum);
                    }
                }
            }
        });
        return counts;
    }

    /** As {@code TextEncoder.fit}: the most frequent tokens, ties alphabetically. */
    private static List<String> vocabulary(TextInput input, Map<String, Long> counts, long rows,
            RowSource source) {
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException(input + " has no word to learn: column '"
                    + input.column() + "' has no token in the " + rows + " rows of source '"
                    + source.name() + "'. Use .buckets(n), fill the column, or remove it from"
                    + " .input(...).");
        }
        return ranked.subList(0, Math.min(input.size(), ranked.size())).stream()
                .map(Map.Entry::getKey).toList();
    }

    /** As {@code TokenIndexEncoder.fit}: the most token slots of a row, at most maxTokens. */
    private static int longestBag(TextEmbeddingBag bag, List<String> vocabulary,
            RowSource source, Table schema) {
        Set<String> known = Set.copyOf(vocabulary);
        int[] longest = {1};
        forEachChunk(source, schema, List.of(bag.column()), chunk -> {
            StringColumn texts = chunk.stringColumn(0);
            for (int row = 0; row < texts.size(); row++) {
                int slots = 0;
                for (String token : Tokenizer.tokens(texts.get(row))) {
                    slots += !bag.vocabulary() || known.contains(token) ? 1 : 0;
                }
                longest[0] = Math.max(longest[0], slots);
            }
        });
        return Math.min(longest[0], bag.maxTokens());
    }

    private static void forEachChunk(RowSource source, Table schema, List<String> columns,
            java.util.function.Consumer<Table> action) {
        String select = String.join(", ",
                columns.stream().map(c -> SqlNames.identifier(real(schema, c))).toList());
        try (ChunkCursor cursor = source.open(SqlNames.over(select, source.query()))) {
            for (Table chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                action.accept(chunk);
            }
        }
    }

    private static TaskLabels labels(TaskSpec task, RowSource train, RowSource validation,
            Table schema, Map<String, double[]> moments, long rows) {
        String column = real(schema, task.labelColumn());
        double[] m = moments.get(column);
        if (m[0] == 0) {
            throw new IllegalArgumentException("Task '" + task.name() + "' has no labels: column '"
                    + column + "' is missing in all " + rows + " rows of source '" + train.name()
                    + "'. Fill the column or remove the task.");
        }
        if (task.loss().labelKind() == LabelKind.NUMBER) {
            TargetScale scale = !task.scaleTarget() || !Double.isFinite(m[1]) ? TargetScale.NONE
                    : m[2] > 0 && Double.isFinite(m[2]) ? new TargetScale(m[1], m[2])
                    : new TargetScale(m[1], 1);
            return TaskLabels.restore(task, List.of(), scale);
        }
        Column<?> classes = distinct(train, schema, column);
        if (validation != null) {
            Column<?> more = distinct(validation, schemaOf(validation), column);
            classes = union(classes, more);
        }
        Table distinct = Table.create(train.name(), classes);
        return TaskLabels.fit(task, distinct);
    }

    /** The distinct values of both columns (as strings when their types differ). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Column<?> union(Column<?> a, Column<?> b) {
        if (a.type() == b.type()) {
            Column copy = a.copy();
            copy.append((Column) b);
            return copy.unique();
        }
        StringColumn strings = StringColumn.create(a.name());
        for (Column<?> column : List.of(a, b)) {
            for (int row = 0; row < column.size(); row++) {
                strings.append(column.getUnformattedString(row));
            }
        }
        return strings.unique();
    }

    private static Table schemaOf(RowSource source) {
        try (ChunkCursor cursor = source.open()) {
            return cursor.schema();
        }
    }

    /** The column's name as the source spells it (tables find columns ignoring case). */
    private static String real(Table schema, String column) {
        return schema.column(column).name();
    }
}
