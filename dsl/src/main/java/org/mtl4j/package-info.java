/**
 * The DSL: static factories for notebooks and programs, and the model they build.
 *
 * <p>Example:
 *
 * <pre>{@code
 * import static org.mtl4j.Mtl4j.*;
 *
 * MultiTaskModel model = multiTask()
 *     .input(numeric("x1", "x2"))
 *     .trunk(dense(64), relu())
 *     .task("stars").head(dense(1)).loss(mse())
 *     .task("sentiment").head(dense(2)).loss(crossEntropy()).metric(accuracy())
 *     .build();
 * model.fit(table, epochs(20), adam(1e-3));
 * }</pre>
 */
package org.mtl4j;
