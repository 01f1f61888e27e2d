package org.mtl4j.spec.sharing;

/**
 * What the tasks share before their heads: a trunk ({@link HardSharing}), a mixture of experts with
 * gates ({@link MixtureOfExperts}: OMoE, MMoE, CGC, PLE) or stitched columns ({@link CrossStitch}).
 * Every architecture gives each task its own representation, which feeds that task's head.
 *
 * <p>Example (declared by the DSL): {@code .trunk(dense(64), relu())}, {@code .experts(8,
 * dense(16), relu()).gates()}, {@code .crossStitch(dense(64), relu(), dense(32), relu())}.
 * Default: hard sharing with an empty trunk (heads read the features).
 */
public sealed interface Sharing permits HardSharing, MixtureOfExperts, CrossStitch {

    /** Short name of the architecture, e.g. {@code "hard sharing"}, {@code "MMoE"}. */
    String kind();
}
