/**
 * Task weighting strategies: how the tasks' losses (or gradients) combine into one update, from
 * fixed weights to uncertainty, DWA, GradNorm, PCGrad, MGDA, CAGrad, IMTL (and IMTL-L, {@code
 * imtlL()}), Nash-MTL, FAMO ({@code famo()}), UPGrad ({@code upgrad()}), Aligned-MTL ({@code
 * alignedMtl()}), DB-MTL ({@code dbMtl()}), GradVac ({@code gradVac()}), STCH ({@code stch()}),
 * FairGrad ({@code fairGrad()}) and GLS ({@code gls()}). To add one: a record implementing {@link org.mtl4j.weighting.Weighting} whose {@code start} returns a {@link
 * org.mtl4j.weighting.TaskWeigher}, a factory in {@code Mtl4j} and its name in {@code
 * persist.RecordJson}.
 *
 * <p>Example: {@code multiTask().input(numeric("x")).trunk(dense(16)) ... .weighting(gradNorm(1.5))}
 */
package org.mtl4j.weighting;
