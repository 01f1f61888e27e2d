package org.mtl4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.Mtl4j;
import org.mtl4j.train.FitOption;

/**
 * Generated {@code fit()} options as plain data, printable as the DSL code that reproduces them.
 * Learning rates stay in a sane range: a diverging rate is not bad input (see the README's
 * "Fuzzing" section).
 *
 * <p>Example: {@code new FitDraft(2, 7, 0.2, 3, "adam(1e-3)", 0)} prints as {@code epochs(2),
 * batchSize(7), validationSplit(0.2), seed(3), adam(1e-3), threads(1), quiet()}.
 *
 * @param epochs epochs
 * @param batchSize rows per step (may exceed the table)
 * @param validationSplit held-out fraction
 * @param seed the fit's seed
 * @param optimizer the optimizer as DSL code
 * @param clip the gradient-norm clip, 0 for none
 */
record FitDraft(
        int epochs, int batchSize, double validationSplit, long seed, String optimizer,
        double clip) {

    /** The optimizers tried, as DSL code. */
    static final List<String> OPTIMIZERS = List.of(
            "adam(1e-3)", "adamW(1e-3)", "sgd(0.01)", "sgd(0.01).momentum(0.9)", "adam(0.05)");

    FitOption[] options() {
        List<FitOption> options = new ArrayList<>(List.of(
                Mtl4j.epochs(epochs), Mtl4j.batchSize(batchSize),
                Mtl4j.validationSplit(validationSplit), Mtl4j.seed(seed), optimizerOption(),
                Mtl4j.threads(1), Mtl4j.quiet()));
        if (clip > 0) {
            options.add(Mtl4j.clipGradientNorm(clip));
        }
        return options.toArray(FitOption[]::new);
    }

    private FitOption optimizerOption() {
        return switch (optimizer) {
            case "adamW(1e-3)" -> Mtl4j.adamW(1e-3);
            case "sgd(0.01)" -> Mtl4j.sgd(0.01);
            case "sgd(0.01).momentum(0.9)" -> Mtl4j.sgd(0.01).momentum(0.9);
            case "adam(0.05)" -> Mtl4j.adam(0.05);
            default -> Mtl4j.adam(1e-3);
        };
    }

    @Override
    public String toString() {
        return "epochs(" + epochs + "), batchSize(" + batchSize + "), validationSplit("
                + validationSplit + "), seed(" + seed + "L), " + optimizer + ", threads(1), quiet()"
                + (clip > 0 ? ", clipGradientNorm(" + clip + ")" : "");
    }
}
