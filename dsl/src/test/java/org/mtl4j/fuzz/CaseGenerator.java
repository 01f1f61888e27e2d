package org.mtl4j.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.mtl4j.fuzz.ModelDraft.InputDraft;
import org.mtl4j.fuzz.ModelDraft.Sharing;
import org.mtl4j.fuzz.ModelDraft.TaskDraft;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Generates {@link FuzzCase}s from a seed: first the roles (inputs and tasks, mostly of the right
 * column kind), then a table that fills them, with odd names, wrong kinds, missing and extreme
 * values, missing or shared columns, every architecture and weighting, and fit options from one
 * row per batch to batches larger than the table.
 *
 * <p>Example: {@code CaseGenerator.generate(7, 30)} is the same case on every run: at most 30
 * rows.
 */
final class CaseGenerator {

    /** Odd column and task names: spaces, dots, unicode, names the predictions table uses. */
    static final List<String> ODD_NAMES = List.of(
            "a b", "a.b", "ü列", " x", "x ", "😀", "Y", "y1_probability", "task", "loss", "rows",
            "weight", "x1", "y1", "null", "'quoted'", "tab\there");

    private final Random random;
    private final Values values;
    private final double missing;
    private final double inputMissing;
    private final boolean oddNames;
    private final int rows;
    private final Table table;
    private int counter;

    private CaseGenerator(long seed, int maxRows) {
        random = new Random(seed);
        values = new Values(random, pick(0.0, 0.0, 0.05, 0.3));
        missing = pick(0.0, 0.0, 0.1, 0.5);
        inputMissing = chance(0.25) ? missing : 0;
        oddNames = random.nextDouble() < 0.25;
        double size = random.nextDouble();
        rows = size < 0.04 ? 0 : size < 0.12 ? 1 : 2 + random.nextInt(Math.max(1, maxRows - 1));
        table = Table.create(oddNames && chance(0.3) ? "ta ble.ü" : "data");
    }

    /** The case of {@code seed}, with at most {@code maxRows} rows. */
    static FuzzCase generate(long seed, int maxRows) {
        return new CaseGenerator(seed, maxRows).next(seed, maxRows);
    }

    private FuzzCase next(long seed, int maxRows) {
        List<InputDraft> inputs = new ArrayList<>();
        int inputCount = 1 + random.nextInt(3);
        for (int i = 0; i < inputCount; i++) {
            inputs.add(input());
        }
        List<TaskDraft> tasks = new ArrayList<>();
        int taskCount = 1 + random.nextInt(3);
        for (int t = 0; t < taskCount; t++) {
            tasks.add(task(t + 1));
        }
        mutate(inputs, tasks);
        if (chance(0.3)) {
            column(name("extra"), pickKind(), 3);
        }
        Sharing sharing = Sharing.values()[random.nextInt(Sharing.values().length)];
        int width = sharing == Sharing.TRUNK && chance(0.2) ? 0 : 2 + random.nextInt(7);
        String weighting = pick(ModelDraft.WEIGHTINGS);
        if (weighting.endsWith("onTrunkOutput()") && sharing != Sharing.TRUNK && chance(0.8)) {
            weighting = "mgda()";
        }
        ModelDraft model = new ModelDraft(inputs, sharing, width, 1 + random.nextInt(3), tasks,
                weighting);
        FitDraft fit = fit();
        return new FuzzCase(seed, maxRows, table, model, fit, chance(0.25) ? fit() : null);
    }

    private FitDraft fit() {
        return new FitDraft(
                1 + random.nextInt(2),
                pick(1, 2, 3, 8, 64, Math.max(1, rows), rows + 1, 1_000_000),
                pick(0.0, 0.0, 0.01, 0.2, 0.5, 0.99),
                random.nextInt(1000),
                FitDraft.OPTIMIZERS.get(random.nextInt(FitDraft.OPTIMIZERS.size())),
                chance(0.3) ? 1.0 : 0);
    }

    private InputDraft input() {
        double kind = random.nextDouble();
        if (kind < 0.5) {
            List<String> columns = new ArrayList<>();
            int count = 1 + random.nextInt(2);
            for (int c = 0; c < count; c++) {
                columns.add(column(name("x"), wrongKindOr(ColumnKind.DOUBLE), 0, inputMissing));
            }
            return new InputDraft("numeric", columns, false, 0);
        }
        if (kind < 0.8) {
            return new InputDraft("categorical", List.of(column(name("c"),
                    wrongKindOr(pick(ColumnKind.CATEGORY, ColumnKind.INTEGER, ColumnKind.BOOLEAN)),
                    1 + random.nextInt(4), inputMissing)), false, 0);
        }
        return new InputDraft("text", List.of(column(name("t"), wrongKindOr(ColumnKind.TEXT), 0,
                inputMissing)),
                chance(0.5), 1 + random.nextInt(16));
    }

    private TaskDraft task(int index) {
        String name = oddNames && chance(0.3) ? pick(ODD_NAMES) : "y" + index;
        String label = chance(0.2) ? name("label") : null;
        String column = label == null ? name : label;
        int hidden = chance(0.3) ? 2 + random.nextInt(4) : 0;
        if (chance(0.45)) {
            column(column, wrongKindOr(pick(ColumnKind.DOUBLE, ColumnKind.DOUBLE,
                    ColumnKind.FLOAT, ColumnKind.INTEGER)), 0);
            List<String> metrics = new ArrayList<>();
            if (chance(0.5)) {
                metrics.add(pick("mae()", "rmse()"));
            }
            if (chance(0.05)) {
                metrics.add("accuracy()");
            }
            return new TaskDraft(name, label, hidden, chance(0.05) ? 2 : 1,
                    pick("mse()", "l1()", "huber()", "huber(0.5)"), metrics, chance(0.15));
        }
        int classes = chance(0.05) ? 1 : 2 + random.nextInt(3);
        column(column, wrongKindOr(pick(ColumnKind.CATEGORY, ColumnKind.CATEGORY,
                ColumnKind.INTEGER, ColumnKind.BOOLEAN, ColumnKind.LONG, ColumnKind.MIXED)),
                classes);
        // Tablesaw trims names: " x" names column "x", and the declaration's " x" is not found
        int distinct = table.containsColumn(column) ? distinct(table.column(column)) : 2;
        boolean binary = distinct == 2 && chance(0.5);
        List<String> metrics = new ArrayList<>();
        if (chance(0.5)) {
            metrics.add(pick("accuracy()", "macroF1()"));
        }
        int outputs = binary ? 1 : Math.max(1, distinct);
        if (chance(0.08)) {
            outputs += 1;
        }
        return new TaskDraft(name, label, hidden, outputs,
                binary ? "binaryCrossEntropy()" : "crossEntropy()", metrics, false);
    }

    /** At most one deliberate mistake in how the declaration refers to the table. */
    private void mutate(List<InputDraft> inputs, List<TaskDraft> tasks) {
        if (!chance(0.15)) {
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                // a column the declaration names is not in the table
                String gone = pick(inputs.get(0).columns());
                if (table.containsColumn(gone)) {
                    table.removeColumns(gone);
                }
            }
            case 1 -> {
                // the same column twice in one input
                InputDraft first = inputs.get(0);
                List<String> twice = new ArrayList<>(first.columns());
                twice.add(twice.get(0));
                inputs.set(0, new InputDraft(first.kind(), first.kind().equals("text")
                        ? List.of(twice.get(0)) : twice, first.vocabulary(), first.size()));
                if (!first.kind().equals("text")) {
                    return;
                }
                inputs.add(new InputDraft("categorical", List.of(twice.get(0)), false, 0));
            }
            case 2 -> {
                // a label column is also an input
                inputs.add(new InputDraft("categorical", List.of(tasks.get(0).labelColumn()),
                        false, 0));
            }
            default -> {
                // two tasks with one name
                TaskDraft first = tasks.get(0);
                tasks.add(new TaskDraft(first.name(), first.label(), 0, first.outputs(),
                        first.loss(), List.of(), false));
            }
        }
    }

    /**
     * Adds a column (unless one of that name is already there: roles then share it) and returns
     * its name.
     */
    private String column(String name, ColumnKind kind, int classes) {
        return column(name, kind, classes, missing);
    }

    private String column(String name, ColumnKind kind, int classes, double missingRate) {
        double rate = chance(0.015) ? 1.0 : missingRate;
        Column<?> column = ColumnGenerator.column(values, name, kind, rows, rate, classes);
        if (!table.containsColumn(column.name())) {
            table.addColumns(column);
        }
        return name;
    }

    private String name(String prefix) {
        counter++;
        return oddNames && chance(0.25) ? pick(ODD_NAMES) : prefix + counter;
    }

    private ColumnKind wrongKindOr(ColumnKind kind) {
        return chance(0.08) ? pickKind() : kind;
    }

    private ColumnKind pickKind() {
        return ColumnKind.values()[random.nextInt(ColumnKind.values().length)];
    }

    private static int distinct(Column<?> column) {
        Set<String> distinct = new LinkedHashSet<>();
        for (int r = 0; r < column.size(); r++) {
            if (!column.isMissing(r)) {
                distinct.add(column.getUnformattedString(r));
            }
        }
        return distinct.size();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
