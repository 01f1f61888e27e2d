package org.mtl4j.train;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link ConflictRecord}s as a Tablesaw table (see {@link TrainingHistory#conflictTable()}). */
final class ConflictTables {

    private ConflictTables() {}

    static Table of(List<ConflictRecord> records) {
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn taskA = StringColumn.create("task_a");
        StringColumn taskB = StringColumn.create("task_b");
        DoubleColumn cosine = DoubleColumn.create("cosine");
        DoubleColumn fraction = DoubleColumn.create("conflict_fraction");
        DoubleColumn ratio = DoubleColumn.create("magnitude_ratio");
        IntColumn samples = IntColumn.create("samples");
        for (ConflictRecord record : records) {
            epoch.append(record.epoch());
            taskA.append(record.taskA());
            taskB.append(record.taskB());
            cosine.append(record.cosine());
            fraction.append(record.conflictFraction());
            ratio.append(record.magnitudeRatio());
            samples.append(record.samples());
        }
        return Table.create("task gradient conflicts", epoch, taskA, taskB, cosine, fraction,
                ratio, samples);
    }
}
