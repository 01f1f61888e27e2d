/**
 * How tasks share the network: a hard-shared trunk, experts with gates (MoE, MMoE, PLE) or
 * cross-stitch units. To add an architecture: a record implementing the sealed {@link
 * org.mtl4j.spec.sharing.Sharing}, its block in {@code org.mtl4j.model} and its builder in the
 * DSL.
 *
 * <p>Example: {@code multiTask().input(numeric("x")).experts(8, dense(16), relu()).gates()}
 */
package org.mtl4j.spec.sharing;
