package org.mtl4j.train;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link AffinityRecord}s as a Tablesaw table (see {@link TrainingHistory#affinityTable()}). */
final class AffinityTables {

    /** The table's name. */
    static final String NAME = "inter-task affinity";

    private AffinityTables() {}

    static Table of(List<AffinityRecord> records) {
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn from = StringColumn.create("from_task");
        StringColumn to = StringColumn.create("to_task");
        DoubleColumn affinity = DoubleColumn.create("affinity");
        IntColumn samples = IntColumn.create("samples");
        for (AffinityRecord record : records) {
            epoch.append(record.epoch());
            from.append(record.fromTask());
            to.append(record.toTask());
            affinity.append(record.affinity());
            samples.append(record.samples());
        }
        return Table.create(NAME, epoch, from, to, affinity, samples);
    }
}
