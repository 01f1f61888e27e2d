package org.mtl4j.train;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mtl4j.annotation.Internal;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.ModelSpec;

/**
 * The fit option {@code freeze(parts...)}: the parameters of those parts get no update in this
 * fit (Adam's moments and step counts stay as they were, AdamW's decay skips them too), their
 * gradients are set to zero before the divergence check and clipping, and with a weighting that
 * only looks at the losses ({@code equal()}, {@code weights(...)}, {@code uncertainty()}, {@code
 * dwa()}, {@code rlw()}) autograd does not compute them at all. It holds for one fit: fit again
 * without it to unfreeze. Several {@code freeze(...)} options add up.
 *
 * <p>Example: {@code extended.fit(newRows, epochs(30), freeze(trunk(), heads("species")))}
 *
 * @param parts the frozen parts, at least one
 */
public record Freeze(List<ModelPart> parts) implements FitOption {

    /** Copies the list. */
    public Freeze {
        parts = List.copyOf(parts);
    }

    @Override
    @Internal
    public void applyTo(FitSettings.Builder settings) {
        settings.freeze(parts);
    }

    /**
     * The parameters {@code parts} name in {@code block}, each once, in the block's order.
     *
     * @throws IllegalArgumentException for a part the architecture lacks, or when nothing would
     *     be left to train
     */
    static List<Parameter> parameters(List<ModelPart> parts, MultiTaskBlock block,
            ModelSpec spec) {
        Set<Parameter> frozen = new LinkedHashSet<>();
        for (ModelPart part : parts) {
            frozen.addAll(part.parameters(block, spec));
        }
        List<Parameter> ordered = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (frozen.contains(parameter)) {
                ordered.add(parameter);
            }
        }
        // batch norm's running statistics are not trained either way
        boolean nothingToTrain = block.getParameters().values().stream()
                .noneMatch(parameter -> parameter.requiresGradient() && !frozen.contains(parameter));
        if (!parts.isEmpty() && nothingToTrain) {
            throw new IllegalArgumentException("freeze(" + String.join(", ",
                    parts.stream().map(ModelPart::toString).toList()) + ") freezes every"
                    + " parameter of the model, so the fit would train nothing. Received: tasks="
                    + spec.taskNames() + ". Leave a part to train, e.g. the new task's head.");
        }
        return ordered;
    }

    @Override
    public String toString() {
        return "freeze(" + String.join(", ", parts.stream().map(ModelPart::toString).toList())
                + ")";
    }
}
