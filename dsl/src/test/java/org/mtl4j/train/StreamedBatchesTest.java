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
import org.mtl4j.source.RowSource;
import org.mtl4j.source.SourceStatistics;
import org.mtl4j.source.Sources;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** A streamed epoch reads every row once, shuffled only within the buffer. */
class StreamedBatchesTest {

    private static final int ROWS = 1000;

    @TempDir
    Path folder;

    /** The source rows' ids (0..999) in the order an epoch's batches give them. */
    private List<Integer> epochOrder(RowSource source, int batchSize, List<Integer> sizes) {
        ModelSpec spec = multiTask().input(numeric("id")).trunk(dense(2))
                .task("y").head(dense(1)).loss(mse()).build().spec();
        SourceStatistics.Fitted fitted = SourceStatistics.fit(spec, source, null);
        EncoderState.Numeric state = (EncoderState.Numeric) fitted.encoder().state().get(0);
        List<Integer> ids = new ArrayList<>();
        try (ModelParts parts = ModelParts.restore(spec, fitted.encoder(), fitted.labels(),
                Device.cpu(), DataType.FLOAT32);
                NDManager manager = parts.manager().newSubManager();
                StreamedBatches batches = new StreamedBatches(parts, source,
                        List.of("id", "y"), ROWS, new Random(3), batchSize, null)) {
            for (int b = 0; b < batches.size(); b++) {
                try (NDManager step = manager.newSubManager()) {
                    float[] features = batches.batch(b, step).features().toFloatArray();
                    sizes.add(features.length);
                    for (float f : features) {
                        ids.add((int) Math.round(f * state.scale() + state.mean()));
                    }
                }
            }
        }
        return ids;
    }

    private RowSource source() {
        IntColumn id = IntColumn.create("id", IntStream.range(0, ROWS).toArray());
        DoubleColumn y = DoubleColumn.create("y", IntStream.range(0, ROWS).asDoubleStream()
                .toArray());
        Table.create("ids", id, y).write().csv(folder.resolve("ids.csv").toFile());
        return Sources.csv(folder.resolve("ids.csv")).chunkRows(7);
    }

    @Test
    void everyRowOnceShuffledWithinTheBuffer() {
        // GIVEN 1000 rows with ids in order, read 7 at a time, shuffled in a buffer of 50
        RowSource source = source().shuffleBuffer(50);

        // WHEN an epoch of batches of 16 is read
        List<Integer> sizes = new ArrayList<>();
        List<Integer> ids = epochOrder(source, 16, sizes);

        // THEN there are 63 batches (62 of 16, then 8), every id comes once, not in order, and
        // no row moves further than buffer + chunk + batch from its place in the source
        assertThat(sizes).hasSize(63);
        assertThat(sizes.subList(0, 62)).containsOnly(16);
        assertThat(sizes.get(62)).isEqualTo(8);
        assertThat(ids.stream().sorted().toList())
                .isEqualTo(IntStream.range(0, ROWS).boxed().toList());
        assertThat(ids).isNotEqualTo(IntStream.range(0, ROWS).boxed().toList());
        for (int p = 0; p < ids.size(); p++) {
            assertThat(Math.abs(ids.get(p) - p)).as("row %d at %d", ids.get(p), p)
                    .isLessThan(50 + 7 + 16);
        }
    }

    @Test
    void noBufferKeepsTheSourceOrder() {
        // GIVEN the same source with shuffleBuffer(0)
        // WHEN an epoch of batches of 64 is read
        List<Integer> ids = epochOrder(source().shuffleBuffer(0), 64, new ArrayList<>());

        // THEN the rows come in the source's order
        assertThat(ids).isEqualTo(IntStream.range(0, ROWS).boxed().toList());
    }

    @Test
    void aBufferOfTheWholeSourceIsTheInMemoryPermutation() {
        // GIVEN a buffer larger than the source
        // WHEN an epoch is read
        List<Integer> ids = epochOrder(source().shuffleBuffer(5000), 64, new ArrayList<>());

        // THEN the order is the in-memory fit's permutation from the same generator
        int[] expected = org.mtl4j.data.Split.permutation(ROWS, new Random(3));
        assertThat(ids).isEqualTo(IntStream.of(expected).boxed().toList());
    }
}
