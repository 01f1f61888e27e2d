package org.mtl4j.train;

import java.util.List;

/**
 * A model's outputs on a split: per task, the mean loss over labelled rows (NaN when none) and the
 * raw outputs (rows × outputs, row-major: logits for classification, values for regression).
 */
record Evaluation(double[] losses, List<float[]> outputs) {}
