/**
 * The model's inputs: which table columns feed it and how they are encoded ({@code numeric},
 * {@code categorical}, {@code text}).
 *
 * <p>Example: {@code multiTask().input(numeric("bill_length_mm"), categorical("island"))}
 */
package org.mtl4j.spec.inputs;
