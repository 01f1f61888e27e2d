package org.mtl4j.train;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtl4j.annotation.Internal;
import org.mtl4j.model.HardSharingBlock;
import org.mtl4j.model.MixtureOfExpertsBlock;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.model.TrainedValues;
import org.mtl4j.spec.ModelSpec;

/**
 * A part of a model's network that {@code freeze(...)} keeps as it is during a fit: {@code
 * trunk()} (hard sharing), {@code experts()} and {@code gates()} (a mixture of experts), {@code
 * shared()} (everything before the heads, in every architecture: trunk, experts and gates, or
 * cross-stitch columns and units) or {@code heads("species", ...)} ({@code heads()}: every
 * head). Asking for a part the architecture lacks is an error at {@code fit()}.
 *
 * <p>Example: {@code model.fit(table, epochs(20), freeze(trunk(), heads("species")))}
 *
 * @param kind which part
 * @param tasks for {@code heads}, the tasks whose heads (empty: all)
 */
public record ModelPart(Kind kind, List<String> tasks) {

    /** The parts there are. */
    public enum Kind {
        /** The trunk of a hard-sharing model. */
        TRUNK,
        /** The experts (shared and task-specific) of a mixture of experts. */
        EXPERTS,
        /** The gates of a mixture of experts. */
        GATES,
        /** Everything that is not a head. */
        SHARED,
        /** Heads. */
        HEADS
    }

    /** Copies the task list. */
    public ModelPart {
        tasks = List.copyOf(tasks);
    }

    /**
     * This part's parameters in {@code block} (the network of {@code spec}).
     *
     * @throws IllegalArgumentException when the architecture lacks the part or it has no
     *     parameters, or for a task the model does not have
     */
    @Internal
    public List<Parameter> parameters(MultiTaskBlock block, ModelSpec spec) {
        List<Parameter> found = switch (kind) {
            case TRUNK -> trunk(block, spec);
            case EXPERTS -> mixture(block, spec, "expert", "experts()");
            case GATES -> mixture(block, spec, "gate", "gates()");
            case SHARED -> new ArrayList<>(block.sharedParameters());
            case HEADS -> heads(block, spec);
        };
        if (found.isEmpty()) {
            throw new IllegalArgumentException("freeze(" + this + ") found no parameters: the"
                    + " model's trunk is empty"
                    + ". Received: " + spec.sharing() + ". Leave it out of freeze(...).");
        }
        return found;
    }

    private List<Parameter> trunk(MultiTaskBlock block, ModelSpec spec) {
        if (!(block.sharing() instanceof HardSharingBlock)) {
            throw lacks(spec, "a trunk");
        }
        return new ArrayList<>(block.trunk().getParameters().values());
    }

    private List<Parameter> mixture(MultiTaskBlock block, ModelSpec spec, String kindWord,
            String call) {
        if (!(block.sharing() instanceof MixtureOfExpertsBlock)) {
            throw lacks(spec, kindWord.equals("gate") ? "gates" : "experts");
        }
        List<Parameter> found = new ArrayList<>();
        for (Map.Entry<String, Parameter> place : TrainedValues.places(block).entrySet()) {
            String[] path = place.getKey().split("/");
            if (!path[0].equals("sharing") || path.length < 4) {
                continue;
            }
            String owner = path[2];   // sharing/levelN/<gateK|sharedGate|taskTexpertE|sharedE>
            boolean gate = owner.startsWith("gate") || owner.equals("sharedGate");
            if (gate == kindWord.equals("gate")) {
                found.add(place.getValue());
            }
        }
        return found;
    }

    private List<Parameter> heads(MultiTaskBlock block, ModelSpec spec) {
        List<String> names = spec.taskNames();
        List<Parameter> found = new ArrayList<>();
        for (String task : tasks) {
            if (!names.contains(task)) {
                throw new IllegalArgumentException("freeze(heads(...)) names a task the model"
                        + " does not have. Received: heads(\"" + task + "\"), tasks=" + names
                        + ". Use one of those names.");
            }
        }
        for (int t = 0; t < names.size(); t++) {
            if (tasks.isEmpty() || tasks.contains(names.get(t))) {
                found.addAll(block.heads().get(t).getParameters().values());
            }
        }
        return found;
    }

    private IllegalArgumentException lacks(ModelSpec spec, String what) {
        String fix = block(spec);
        return new IllegalArgumentException("freeze(" + this + ") needs a model with " + what
                + ", but this one shares " + spec.sharing().kind() + ". Received: "
                + spec.sharing() + ". " + fix);
    }

    private static String block(ModelSpec spec) {
        return switch (spec.sharing().kind()) {
            case "hard sharing" -> "Use freeze(trunk()) or freeze(shared()).";
            case "cross-stitch" -> "Use freeze(shared()) for its columns and units.";
            default -> "Use freeze(experts()), freeze(gates()) or freeze(shared()).";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TRUNK -> "trunk()";
            case EXPERTS -> "experts()";
            case GATES -> "gates()";
            case SHARED -> "shared()";
            case HEADS -> "heads(" + String.join(", ",
                    tasks.stream().map(t -> "\"" + t + "\"").toList()) + ")";
        };
    }
}
