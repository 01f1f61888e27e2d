/**
 * What steers a running fit: early stopping, learning-rate schedules, checkpoints and the monitor
 * they watch. Part of {@code train} (its options configure the loop).
 *
 * <p>Example: {@code model.fit(table, epochs(100), earlyStopping(validationLoss()).patience(5))}
 */
package org.mtl4j.train.control;
