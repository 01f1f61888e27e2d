package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.engine.ChunkedForward;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The mean weight every gate gives each expert over the rows of a table, for a trained model with
 * experts ({@code MultiTaskModel.gateWeights} is the usual way in).
 *
 * <p>Example: for MMoE with 8 experts and tasks y1, y2, {@code GateTable.of(parts, table)} has 16
 * rows: {@code level} 1, {@code task} y1 or y2, {@code expert} "shared 1" … "shared 8" and {@code
 * weight}, the mean gate probability; per task (and level) the weights sum to 1. A gate shared by
 * all tasks (OMoE, PLE's inner levels) has task {@code "shared"}.
 */
@Internal
public final class GateTable {

    private static final int CHUNK = 1024;

    private GateTable() {}

    /**
     * The mean gate weights over all rows of {@code table}.
     *
     * @throws IllegalArgumentException if the model has no experts, or the table no rows
     */
    public static Table of(ModelParts parts, Table table) {
        if (!(parts.block().sharing() instanceof MixtureOfExpertsBlock experts)) {
            throw new IllegalArgumentException(
                    "gateWeights() needs a model with experts and gates. Received: "
                            + parts.spec().sharing() + ". Declare e.g. .experts(8, dense(16),"
                            + " relu()).gates() instead.");
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("Table '" + table.name() + "' has no rows."
                    + " gateWeights() needs rows with the input columns.");
        }
        List<String> tasks = parts.spec().taskNames();
        GateSums sums = new GateSums();
        try (NDManager manager = parts.manager().newSubManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            ChunkedForward.over(table.rowCount(), CHUNK, manager, (chunk, from, to) -> sums.add(
                    experts.gateWeights(store, parts.block().embedInputs(store,
                            new NDList(features(parts, table, from, to, chunk)), false))));
        }
        return table(sums.layout, sums.totals, table.rowCount(), tasks);
    }

    /** Per gate, the sum over rows of its weight for each expert, and the gates' layout. */
    private static final class GateSums {
        private List<GateWeights> layout;
        private double[][] totals;

        void add(List<GateWeights> gates) {
            if (totals == null) {
                layout = gates;
                totals = new double[gates.size()][];
            }
            for (int g = 0; g < gates.size(); g++) {
                float[] total = gates.get(g).weights().sum(new int[] {0})
                        .toType(DataType.FLOAT32, false).toFloatArray();
                if (totals[g] == null) {
                    totals[g] = new double[total.length];
                }
                for (int e = 0; e < total.length; e++) {
                    totals[g][e] += total[e];
                }
            }
        }
    }

    private static NDArray features(ModelParts parts, Table table, int from, int to,
            NDManager manager) {
        int[] rows = new int[to - from];
        Arrays.setAll(rows, i -> from + i);
        float[] values = parts.encoder().encode(table, rows);
        return manager.create(values, new Shape(rows.length, parts.encoder().width()))
                .toDevice(parts.device(), false).toType(parts.dataType(), false);
    }

    private static Table table(List<GateWeights> layout, double[][] sums, int rows,
            List<String> tasks) {
        IntColumn level = IntColumn.create("level");
        StringColumn task = StringColumn.create("task");
        StringColumn expert = StringColumn.create("expert");
        DoubleColumn weight = DoubleColumn.create("weight");
        for (int g = 0; g < layout.size(); g++) {
            GateWeights gate = layout.get(g);
            for (int e = 0; e < gate.experts().size(); e++) {
                level.append(gate.level());
                task.append(gate.task() < 0 ? "shared" : tasks.get(gate.task()));
                expert.append(gate.experts().get(e).label(tasks));
                weight.append(sums[g][e] / rows);
            }
        }
        return Table.create("gate weights", level, task, expert, weight);
    }
}
