package org.mtl4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TaskGroups}' search over the splits of n tasks into k groups (a split: one group number
 * per task), keeping the best two seen: every split (restricted growth strings), or a greedy
 * merge-then-improve search.
 */
final class SplitSearch {

    private final double[][] z;
    private final int k;
    private final int n;
    int[] best;
    double bestScore = Double.NEGATIVE_INFINITY;
    int[] second;
    double secondScore = Double.NEGATIVE_INFINITY;
    long scored;

    SplitSearch(double[][] z, int k) {
        this.z = z;
        this.k = k;
        this.n = z.length;
    }

    /** Every split into exactly k groups, as restricted growth strings. */
    void exhaustive(int task, int used, int[] labels) {
        if (task == n) {
            if (used == k) {
                consider(labels.clone(), TaskGroups.score(z, labels));
            }
            return;
        }
        if (n - task < k - used) {
            return;
        }
        for (int g = 0; g < used; g++) {
            labels[task] = g;
            exhaustive(task + 1, used, labels);
        }
        if (used < k) {
            labels[task] = used;
            exhaustive(task + 1, used + 1, labels);
        }
    }

    private void consider(int[] labels, double score) {
        scored++;
        if (score > bestScore) {
            second = best;
            secondScore = bestScore;
            best = labels;
            bestScore = score;
        } else if (score > secondScore) {
            second = labels;
            secondScore = score;
        }
    }

    /** Agglomerative merges down to k groups, then single moves and swaps while they help. */
    void greedy() {
        int[] labels = new int[n];
        for (int t = 0; t < n; t++) {
            labels[t] = t;
        }
        for (int groups = n; groups > k; groups--) {
            int[] merged = null;
            double mergedScore = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < groups; a++) {
                for (int b = a + 1; b < groups; b++) {
                    int[] candidate = normalised(merge(labels, a, b));
                    double score = TaskGroups.score(z, candidate);
                    scored++;
                    if (score > mergedScore) {
                        merged = candidate;
                        mergedScore = score;
                    }
                }
            }
            labels = merged;
        }
        double current = TaskGroups.score(z, labels);
        while (true) {
            int[] neighbour = null;
            double neighbourScore = Double.NEGATIVE_INFINITY;
            for (int[] candidate : neighbours(labels)) {
                double score = TaskGroups.score(z, candidate);
                scored++;
                if (score > neighbourScore) {
                    neighbour = candidate;
                    neighbourScore = score;
                }
            }
            if (neighbour == null || neighbourScore <= current) {
                best = labels;
                bestScore = current;
                second = neighbour;
                secondScore = neighbourScore;
                return;
            }
            labels = neighbour;
            current = neighbourScore;
        }
    }

    private static int[] merge(int[] labels, int a, int b) {
        int[] merged = labels.clone();
        for (int t = 0; t < merged.length; t++) {
            if (merged[t] == b) {
                merged[t] = a;
            }
        }
        return merged;
    }

    /** Every split one task move (keeping k groups) or one swap away, normalised. */
    private List<int[]> neighbours(int[] labels) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        List<int[]> result = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (sizes[labels[t]] > 1) {
                for (int g = 0; g < k; g++) {
                    if (g != labels[t]) {
                        int[] moved = labels.clone();
                        moved[t] = g;
                        result.add(normalised(moved));
                    }
                }
            }
            for (int u = t + 1; u < n; u++) {
                if (labels[u] != labels[t]) {
                    int[] swapped = labels.clone();
                    swapped[t] = labels[u];
                    swapped[u] = labels[t];
                    result.add(normalised(swapped));
                }
            }
        }
        return result;
    }

    /** Group numbers in order of first appearance (one form per split). */
    private static int[] normalised(int[] labels) {
        Map<Integer, Integer> renumbered = new LinkedHashMap<>();
        int[] result = new int[labels.length];
        for (int t = 0; t < labels.length; t++) {
            result[t] = renumbered.computeIfAbsent(labels[t], g -> renumbered.size());
        }
        return result;
    }
}
