/**
 * Training: the loop (one forward of the trunk per batch, every head, the weighting's backward,
 * the optimizer), fit options, listeners and the immutable {@link
 * org.mtl4j.train.TrainingHistory}. {@link org.mtl4j.train.FitListener} is the hook for views of
 * your own. The controls that steer a running fit are fit options here too: early stopping
 * ({@link org.mtl4j.train.EarlyStopping} and the {@link org.mtl4j.train.Monitor} it watches),
 * learning-rate schedules ({@link org.mtl4j.train.LearningRateSchedule}), checkpoints ({@link
 * org.mtl4j.train.Checkpoints}) and {@link org.mtl4j.train.TrainingDivergedException}.
 *
 * <p>Example: {@code model.fit(table, epochs(20), batchSize(64), adam(1e-3), listener(myView))},
 * {@code model.fit(table, epochs(100), earlyStopping(validationLoss()).patience(5))}
 */
package org.mtl4j.train;
