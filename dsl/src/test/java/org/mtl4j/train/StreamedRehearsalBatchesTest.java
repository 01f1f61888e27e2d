package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.data.EncoderState;
import org.mtl4j.model.ModelParts;
import org.mtl4j.source.ChunkCursor;
import org.mtl4j.source.RowSource;
import org.mtl4j.source.SourceStatistics;
import org.mtl4j.source.Sources;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A streamed epoch with rehearsal(old, f) reads every source row once and the table's drawn old
 * rows, a share f of every buffer.
 */
class StreamedRehearsalBatchesTest {

    private static final int ROWS = 1000;
    private static final long SEED = 9;

    @TempDir
    Path folder;

    /** Ids 0..999 (source) read 7 at a time; the old rows have ids 5000..5099. */
    private RowSource source() {
        return source(7);
    }

    /** Ids 0..999 read {@code chunkRows} at a time. */
    private RowSource source(int chunkRows) {
        IntColumn id = IntColumn.create("id", IntStream.range(0, ROWS).toArray());
        DoubleColumn y = DoubleColumn.create("y", IntStream.range(0, ROWS).asDoubleStream()
                .toArray());
        Table.create("ids", id, y).write().csv(folder.resolve("ids.csv").toFile());
        return Sources.csv(folder.resolve("ids.csv")).chunkRows(chunkRows);
    }

    private static Table oldRows() {
        return Table.create("old", IntColumn.create("id", IntStream.range(5000, 5100).toArray()),
                DoubleColumn.create("y", IntStream.range(0, 100).asDoubleStream().toArray()));
    }

    /** The ids of an epoch's rows, in the order its batches give them. */
    private List<Integer> epochOrder(RowSource source, Rehearsal rehearsal, int batchSize) {
        return epochOrder(source, rehearsal, batchSize, 3);
    }

    /** The ids of an epoch's rows, the epoch's random generator seeded with {@code epochSeed}. */
    private List<Integer> epochOrder(RowSource source, Rehearsal rehearsal, int batchSize,
            long epochSeed) {
        ModelSpec spec = multiTask().input(numeric("id")).trunk(dense(2))
                .task("y").head(dense(1)).loss(mse()).build().spec();
        SourceStatistics.Fitted fitted = SourceStatistics.fit(spec, source, null);
        EncoderState.Numeric state = (EncoderState.Numeric) fitted.encoder().state().get(0);
        List<Integer> ids = new ArrayList<>();
        try (ModelParts parts = ModelParts.restore(spec, fitted.encoder(), fitted.labels(),
                Device.cpu(), DataType.FLOAT32)) {
            List<String> columns = List.of("id", "y");
            Table schema;
            try (ChunkCursor cursor = source.open(columns)) {
                schema = cursor.schema();
            }
            StreamedRehearsal old = StreamedRehearsal.of(rehearsal, parts, schema,
                    source.name(), ROWS, SEED);
            int rows = (int) (ROWS + old.rows());
            try (NDManager manager = parts.manager().newSubManager();
                    StreamedBatches batches = new StreamedBatches(parts, source, columns, rows,
                            new Random(epochSeed), batchSize, old)) {
                for (int b = 0; b < batches.size(); b++) {
                    try (NDManager step = manager.newSubManager()) {
                        for (float f : batches.batch(b, step).features().toFloatArray()) {
                            ids.add((int) Math.round(f * state.scale() + state.mean()));
                        }
                    }
                }
            }
        }
        return ids;
    }

    @Test
    void theDrawnOldRowsJoinEveryBufferAtTheirRate() {
        // GIVEN 1000 source rows in a buffer of 50, and rehearsal of 100 old rows at 0.2: 250
        // old rows (every old row twice, then 50 drawn)
        Rehearsal rehearsal = new Rehearsal(oldRows(), 0.2);

        // WHEN an epoch of batches of 16 is read
        List<Integer> ids = epochOrder(source().shuffleBuffer(50), rehearsal, 16);

        // THEN every source row comes once and the old rows are the table path's draw
        assertThat(ids).hasSize(1250);
        assertThat(ids.stream().filter(id -> id < 5000).sorted().toList())
                .isEqualTo(IntStream.range(0, ROWS).boxed().toList());
        List<Integer> drawn = new ArrayList<>();
        for (int row : Rehearsal.draw(250, 100, SEED)) {
            drawn.add(5000 + row);
        }
        assertThat(ids.stream().filter(id -> id >= 5000).sorted().toList())
                .isEqualTo(drawn.stream().sorted().toList());
        // and every tenth of the epoch holds a fifth of old rows, to within a buffer's rounding
        for (int block = 0; block < 10; block++) {
            long old = ids.subList(block * 125, block * 125 + 125).stream()
                    .filter(id -> id >= 5000).count();
            assertThat(old).as("old rows in rows %d..%d", block * 125, block * 125 + 124)
                    .isBetween(15L, 35L);
        }
    }

    @Test
    void aBufferOfTheWholeSourceHoldsTheTablePathsRowsInItsOrder() {
        // GIVEN a buffer larger than the source
        Rehearsal rehearsal = new Rehearsal(oldRows(), 0.2);

        // WHEN an epoch is read
        List<Integer> ids = epochOrder(source().shuffleBuffer(5000), rehearsal, 64);

        // THEN it is the in-memory permutation of the source's rows followed by the drawn rows
        List<Integer> mixed = new ArrayList<>(IntStream.range(0, ROWS).boxed().toList());
        for (int row : Rehearsal.draw(250, 100, SEED)) {
            mixed.add(5000 + row);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i : org.mtl4j.data.Split.permutation(1250, new Random(3))) {
            expected.add(mixed.get(i));
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void everyBufferRehearsesOldRowsFromAllOfAClassSortedTable() {
        // GIVEN old rows sorted by class (ids 5000..5049 one class, 5050..5099 the other), drawn
        // 2.5 times (250 rows), and a buffer of 50 source rows that rehearses about 14 of them
        Rehearsal rehearsal = new Rehearsal(oldRows(), 0.2);

        // WHEN an epoch is read
        List<Integer> ids = epochOrder(source().shuffleBuffer(50), rehearsal, 16);

        // THEN every tenth of the epoch (two buffers) rehearses both classes, not one slice of
        // the old table after the other
        for (int block = 0; block < 10; block++) {
            List<Integer> old = ids.subList(block * 125, block * 125 + 125).stream()
                    .filter(id -> id >= 5000).toList();
            assertThat(old).as("old rows in rows %d..%d", block * 125, block * 125 + 124)
                    .anyMatch(id -> id < 5050).anyMatch(id -> id >= 5050);
        }
    }

    @Test
    void eachEpochRehearsesTheOldRowsInAnotherOrder() {
        // GIVEN a source read in its order (shuffleBuffer(0))
        Rehearsal rehearsal = new Rehearsal(oldRows(), 0.2);
        RowSource inOrder = source().shuffleBuffer(0);

        // WHEN two epochs are read, each with its own random generator
        List<Integer> first = epochOrder(inOrder, rehearsal, 16, 3);
        List<Integer> second = epochOrder(inOrder, rehearsal, 16, 4);

        // THEN both train on the same drawn old rows, but the epochs' first quarters rehearse
        // different ones
        List<Integer> firstOld = first.stream().filter(id -> id >= 5000).toList();
        List<Integer> secondOld = second.stream().filter(id -> id >= 5000).toList();
        assertThat(firstOld.stream().sorted().toList())
                .isEqualTo(secondOld.stream().sorted().toList());
        assertThat(new java.util.TreeSet<>(first.subList(0, 312)).tailSet(5000))
                .isNotEqualTo(new java.util.TreeSet<>(second.subList(0, 312)).tailSet(5000));
    }

    @Test
    void withoutAShuffleTheOldRowsAreSpreadOverTheSourcesRows() {
        // GIVEN a source read in its order 200 rows a chunk (each buffer holds 200 source rows
        // and 50 old ones)
        Rehearsal rehearsal = new Rehearsal(oldRows(), 0.2);

        // WHEN an epoch of batches of 16 is read
        List<Integer> ids = epochOrder(source(200).shuffleBuffer(0), rehearsal, 16);

        // THEN the source's rows keep their order, and no batch is only old rows
        assertThat(ids.stream().filter(id -> id < 5000).toList())
                .isEqualTo(IntStream.range(0, ROWS).boxed().toList());
        assertThat(ids.stream().filter(id -> id >= 5000).count()).isEqualTo(250);
        for (int from = 0; from < ids.size(); from += 16) {
            List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + 16));
            assertThat(batch).as("batch of rows %d..", from).anyMatch(id -> id < 5000);
        }
    }
}
