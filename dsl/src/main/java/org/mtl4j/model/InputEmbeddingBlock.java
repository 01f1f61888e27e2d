package org.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.annotation.Internal;
import org.mtl4j.data.EmbeddingLayout;

/**
 * The network's input block for embedded columns: reads a feature row laid out as {@link
 * EmbeddingLayout} says (numbers, then table indices as exact integers), looks every index up in
 * its table and gives {@code [numbers | vectors]}, one row per input row, to the shared part.
 * The tables are parameters named {@code table0}, {@code table1}, … (in the layout's order): rows
 * start as N(0, 1) except row 0, the reserved row (unseen level, missing value, padding), which
 * starts at zero. A bag of tokens is the sum of its token vectors (index 0 masked out), divided
 * for {@code "mean"} by its number of tokens (at least 1). Only the batch's indices become
 * vectors: memory grows with the batch and the tables.
 *
 * <p>Example: {@code new InputEmbeddingBlock(encoder.embeddingLayout())}, initialised with the
 * shape {@code (1, encoder.width())}, outputs {@code (batch, encoder.networkWidth())}.
 */
@Internal
public final class InputEmbeddingBlock extends AbstractBlock {

    private final EmbeddingLayout layout;
    private final List<Parameter> tables = new ArrayList<>();

    /** @param layout where the indices are, and the tables' sizes (not empty) */
    public InputEmbeddingBlock(EmbeddingLayout layout) {
        this.layout = layout;
        for (int t = 0; t < layout.tables().size(); t++) {
            EmbeddingLayout.TableSize size = layout.tables().get(t);
            tables.add(addParameter(Parameter.builder()
                    .setName("table" + t)
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(size.rows(), size.dimension()))
                    .optInitializer(RESERVED_ROW_AT_ZERO)
                    .build()));
        }
    }

    /** N(0, 1) for every row but row 0, which is zero (the engine's seeded generator draws). */
    private static final Initializer RESERVED_ROW_AT_ZERO = (manager, shape, type) -> {
        NDArray reserved = manager.zeros(new Shape(1, shape.get(1)), type, manager.getDevice());
        if (shape.get(0) == 1) {
            return reserved;
        }
        NDArray drawn = manager.randomNormal(0f, 1f, new Shape(shape.get(0) - 1, shape.get(1)),
                type, manager.getDevice());
        return reserved.concat(drawn, 0);
    };

    /** The layout this block reads. */
    public EmbeddingLayout layout() {
        return layout;
    }

    /** The tables, in the layout's order. */
    public List<Parameter> tables() {
        return List.copyOf(tables);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        long batch = features.getShape().get(0);
        NDList parts = new NDList();
        if (layout.denseWidth() > 0) {
            parts.add(features.get(new NDIndex(":, 0:" + layout.denseWidth())));
        }
        for (EmbeddingLayout.Lookup lookup : layout.lookups()) {
            NDArray table = store.getValue(tables.get(lookup.table()), features.getDevice(),
                    training);
            long dimension = table.getShape().get(1);
            NDArray indices = features.get(new NDIndex(":, " + lookup.offset() + ":"
                    + (lookup.offset() + lookup.length()))).toType(DataType.INT64, false);
            NDArray vectors = table.get(new NDIndex("{}", indices.reshape(-1)));
            if ("one".equals(lookup.mode())) {
                parts.add(vectors.reshape(batch, lookup.length() * dimension));
                continue;
            }
            NDArray mask = indices.toType(DataType.BOOLEAN, false).toType(table.getDataType(),
                    false);
            NDArray sum = vectors.reshape(batch, lookup.length(), dimension)
                    .mul(mask.expandDims(2)).sum(new int[] {1});
            if ("mean".equals(lookup.mode())) {
                NDArray count = mask.sum(new int[] {1}, true);
                sum = sum.div(count.maximum(count.onesLike()));
            }
            parts.add(sum);
        }
        return new NDList(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), layout.outputWidth())};
    }
}
