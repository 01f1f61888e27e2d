package org.mtl4j.fuzz;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mtl4j.ExpertsBuilder;
import org.mtl4j.ModelBuilder;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.TaskBuilder;
import org.mtl4j.spec.inputs.Input;
import org.mtl4j.spec.layers.Layer;
import org.mtl4j.spec.losses.Loss;
import org.mtl4j.spec.metrics.Metric;
import org.mtl4j.weighting.Weighting;

/**
 * A generated model declaration as plain data, so that a failing case prints as the DSL code
 * that reproduces it ({@link #toString()}) and builds through the real DSL ({@link #build()}).
 *
 * <p>Example: {@code new ModelDraft(inputs, Sharing.TRUNK, 8, 0, tasks, "equal()")} prints as
 * {@code multiTask().input(numeric("x1")).trunk(dense(8), relu()).task("y")...weighting(equal())}.
 *
 * @param inputs the inputs
 * @param sharing the architecture
 * @param width units of the shared dense layers (0: an empty trunk)
 * @param expertCount expert count for {@link Sharing#experts() experts} architectures
 * @param tasks the tasks
 * @param weighting the weighting strategy as DSL code, one of {@link #WEIGHTINGS} or a map
 */
record ModelDraft(
        List<InputDraft> inputs,
        Sharing sharing,
        int width,
        int expertCount,
        List<TaskDraft> tasks,
        String weighting) {

    /** Every weighting strategy the DSL offers, as DSL code. */
    static final List<String> WEIGHTINGS = List.of(
            "equal()", "uncertainty()", "dwa()", "rlw()", "gradNorm(1.5)", "pcgrad()", "mgda()",
            "cagrad(0.4)", "imtl()", "nashMtl()", "mgda().onTrunkOutput()", "weights",
            "famo()", "upgrad()", "alignedMtl()", "dbMtl()", "gradVac()", "stch()",
            "fairGrad()", "gls()");

    /** The shared architectures. */
    enum Sharing {
        TRUNK, MMOE, OMOE, CGC, PLE, CROSS_STITCH;

        boolean experts() {
            return this == MMOE || this == OMOE || this == CGC || this == PLE;
        }
    }

    /** An input: kind "numeric", "categorical" or "text", its columns, text slots. */
    record InputDraft(String kind, List<String> columns, boolean vocabulary, int size) {

        Input input() {
            String[] names = columns.toArray(String[]::new);
            return switch (kind) {
                case "numeric" -> numeric(names);
                case "categorical" -> categorical(names);
                default -> vocabulary ? text(names[0]).vocabulary(size)
                        : text(names[0]).buckets(size);
            };
        }

        @Override
        public String toString() {
            String list = columns.stream().map(ModelDraft::quote)
                    .collect(Collectors.joining(", "));
            String base = kind + "(" + list + ")";
            return kind.equals("text")
                    ? base + (vocabulary ? ".vocabulary(" : ".buckets(") + size + ")" : base;
        }
    }

    /**
     * A task.
     *
     * @param label the label column if it differs from the name, else null
     * @param hidden units of a hidden head layer (0: none)
     * @param outputs units of the head's last dense layer
     * @param loss the loss as DSL code, e.g. {@code mse()}
     * @param metrics metrics as DSL code
     * @param unscaled true for {@code .scaleTarget(false)}
     */
    record TaskDraft(
            String name, String label, int hidden, int outputs, String loss,
            List<String> metrics, boolean unscaled) {

        String labelColumn() {
            return label == null ? name : label;
        }

        @Override
        public String toString() {
            StringBuilder code = new StringBuilder(".task(" + quote(name) + ")");
            if (label != null) {
                code.append(".label(").append(quote(label)).append(")");
            }
            code.append(".head(").append(hidden > 0 ? "dense(" + hidden + "), relu(), " : "")
                    .append("dense(").append(outputs).append("))")
                    .append(".loss(").append(loss).append(")");
            for (String metric : metrics) {
                code.append(".metric(").append(metric).append(")");
            }
            return unscaled ? code.append(".scaleTarget(false)").toString() : code.toString();
        }
    }

    /** Builds the model through the DSL; throws what the DSL throws. */
    MultiTaskModel build() {
        ModelBuilder model = multiTask().input(inputs.stream().map(InputDraft::input)
                .toArray(Input[]::new));
        Layer[] layers = width > 0 ? new Layer[] {dense(width), relu()} : new Layer[0];
        switch (sharing) {
            case TRUNK -> model.trunk(layers);
            case CROSS_STITCH -> model.crossStitch(width > 0 ? layers
                    : new Layer[] {dense(2), relu()});
            default -> {
                ExpertsBuilder experts = model.experts(expertsOrOne(), width > 0 ? layers
                        : new Layer[] {dense(2), relu()});
                switch (sharing) {
                    case OMOE -> experts.sharedGate();
                    case CGC -> experts.taskExperts(1).gates();
                    case PLE -> experts.taskExperts(1).levels(2).gates();
                    default -> experts.gates();
                }
            }
        }
        for (TaskDraft draft : tasks) {
            TaskBuilder task = model.task(draft.name());
            if (draft.label() != null) {
                task.label(draft.label());
            }
            task.head(draft.hidden() > 0
                    ? new Layer[] {dense(draft.hidden()), relu(), dense(draft.outputs())}
                    : new Layer[] {dense(draft.outputs())});
            task.loss(loss(draft.loss()));
            for (String metric : draft.metrics()) {
                task.metric(metric(metric));
            }
            if (draft.unscaled()) {
                task.scaleTarget(false);
            }
        }
        return model.weighting(strategy()).build();
    }

    private Weighting strategy() {
        return switch (weighting) {
            case "equal()" -> equal();
            case "uncertainty()" -> uncertainty();
            case "dwa()" -> dwa();
            case "rlw()" -> rlw();
            case "gradNorm(1.5)" -> gradNorm(1.5);
            case "pcgrad()" -> pcgrad();
            case "mgda()" -> mgda();
            case "cagrad(0.4)" -> cagrad(0.4);
            case "imtl()" -> imtl();
            case "nashMtl()" -> nashMtl();
            case "mgda().onTrunkOutput()" -> mgda().onTrunkOutput();
            case "famo()" -> famo();
            case "upgrad()" -> upgrad();
            case "alignedMtl()" -> alignedMtl();
            case "dbMtl()" -> dbMtl();
            case "gradVac()" -> gradVac();
            case "stch()" -> stch();
            case "fairGrad()" -> fairGrad();
            case "gls()" -> gls();
            default -> weights(fixedWeights());
        };
    }

    /** Weight 1.5 for the first task and 0.5 for the others, by task name. */
    Map<String, Double> fixedWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            weights.put(tasks.get(t).name(), t == 0 ? 1.5 : 0.5);
        }
        return weights;
    }

    private static Loss loss(String code) {
        return switch (code) {
            case "mse()" -> mse();
            case "l1()" -> l1();
            case "huber()" -> huber();
            case "huber(0.5)" -> huber(0.5);
            case "crossEntropy()" -> crossEntropy();
            default -> binaryCrossEntropy();
        };
    }

    private static Metric metric(String code) {
        return switch (code) {
            case "accuracy()" -> accuracy();
            case "macroF1()" -> macroF1();
            case "mae()" -> mae();
            default -> rmse();
        };
    }

    private int expertsOrOne() {
        return Math.max(1, expertCount);
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** The DSL code of the declaration. */
    @Override
    public String toString() {
        StringBuilder code = new StringBuilder("multiTask().input(");
        code.append(inputs.stream().map(InputDraft::toString).collect(Collectors.joining(", ")))
                .append(")");
        String layers = width > 0 ? "dense(" + width + "), relu()" : "dense(2), relu()";
        code.append(switch (sharing) {
            case TRUNK -> ".trunk(" + (width > 0 ? layers : "") + ")";
            case CROSS_STITCH -> ".crossStitch(" + layers + ")";
            case OMOE -> ".experts(" + expertsOrOne() + ", " + layers + ").sharedGate()";
            case CGC -> ".experts(" + expertsOrOne() + ", " + layers + ").taskExperts(1).gates()";
            case PLE -> ".experts(" + expertsOrOne() + ", " + layers
                    + ").taskExperts(1).levels(2).gates()";
            default -> ".experts(" + expertsOrOne() + ", " + layers + ").gates()";
        });
        tasks.forEach(code::append);
        code.append(".weighting(").append(weighting.equals("weights")
                ? "weights(" + fixedWeights() + ")" : weighting).append(").build()");
        return code.toString();
    }

    /** Every column name the declaration mentions. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        inputs.forEach(i -> names.addAll(i.columns()));
        tasks.forEach(t -> names.add(t.labelColumn()));
        return names;
    }
}
