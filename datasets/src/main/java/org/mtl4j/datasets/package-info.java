/**
 * Small real data sets shipped with mtl4j (reviews, penguins) as Tablesaw tables, and
 * synthetic generators with known task relations. Depends only on Tablesaw.
 *
 * <p>Example: {@code Table penguins = Datasets.penguins();}
 */
package org.mtl4j.datasets;
