/**
 * Annotations that mark mtl4j's API boundary: {@link org.mtl4j.annotation.Internal} on what is
 * public only for mtl4j's own packages. Depends on nothing.
 */
package org.mtl4j.annotation;
