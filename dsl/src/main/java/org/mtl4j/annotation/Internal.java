package org.mtl4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package, type or member that is public only so that mtl4j's own packages and modules
 * can reach it: not part of the API a notebook or program should use, and free to change in any
 * release. The DSL ({@code import static org.mtl4j.Mtl4j.*;}), {@code MultiTaskModel} and the
 * types they return are the API.
 *
 * <p>Example: {@code @Internal public final class ModelParts { ... }}, or on a whole package in
 * its {@code package-info.java}: {@code @Internal package org.mtl4j.engine;}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR,
        ElementType.FIELD})
public @interface Internal {}
