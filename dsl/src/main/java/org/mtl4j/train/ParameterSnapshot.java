package org.mtl4j.train;

import org.mtl4j.engine.NoGrad;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.model.MultiTaskBlock;

/**
 * A copy of every parameter of a network, on its device, that can be written back in place (the
 * parameters stay the same tensors, so gradient handles and optimizer state stay valid). One copy
 * of the parameters' memory; taking it is one device copy per parameter.
 */
final class ParameterSnapshot implements AutoCloseable {

    private final List<Parameter> parameters;
    private final NDManager manager;
    private final List<NDArray> copies = new ArrayList<>();

    /** Copies the parameters of {@code block} into a new sub-manager of {@code parent}. */
    ParameterSnapshot(MultiTaskBlock block, NDManager parent) {
        this.parameters = new ArrayList<>(block.getParameters().values());
        this.manager = parent.newSubManager();
        try (NoGrad ignored = new NoGrad()) {
            for (Parameter parameter : parameters) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(manager);
                copies.add(copy);
            }
        }
    }

    /** Writes the copies back into the parameters. */
    void restore() {
        try (NoGrad ignored = new NoGrad()) {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().set(new NDIndex("..."), copies.get(i));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
