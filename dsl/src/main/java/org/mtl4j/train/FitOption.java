package org.mtl4j.train;

import org.mtl4j.annotation.Internal;

/**
 * One setting of {@code model.fit(table, options...)}: {@code epochs(20)}, {@code batchSize(64)},
 * an optimizer such as {@code adam(1e-3)}, {@code validationSplit(0.2)}, {@code seed(42)}, {@code
 * device(Device.cpu())}, {@code devices(2)}, {@code threads(1)}, {@code clipGradientNorm(1.0)},
 * {@code quiet()}, a {@code listener(...)}, or a training control: {@code
 * earlyStopping(...)}, a learning-rate schedule ({@code cosineDecay()}, {@code stepDecay(10,
 * 0.5)}, {@code reduceOnPlateau()}), {@code checkpoint(folder)}, {@code skipNonFiniteSteps()}.
 * Later options override earlier ones, except {@code device(...)} and {@code devices(...)}: both
 * in one fit are refused, whatever their order. See {@link FitSettings} for the defaults.
 *
 * <p>Example: {@code model.fit(table, epochs(20), batchSize(64), adam(1e-3), seed(42))}
 */
@FunctionalInterface
public interface FitOption {

    /** Applies this option to the settings being assembled. */
    @Internal
    void applyTo(FitSettings.Builder settings);
}
