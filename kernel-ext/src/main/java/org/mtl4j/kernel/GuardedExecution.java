package org.mtl4j.kernel;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process ("local") execution engine with every class compiled from a cell passed
 * through {@link SnippetInstrumentation} before it is loaded: {@code System.exit} and friends are
 * refused, and a snippet's value reaches {@link CellResult} without a second compilation. Works on
 * every JDK from 17 on; where ASM cannot read a class file (a JDK newer than ASM), the class loads
 * unchanged and {@link #instrumenting()} turns false.
 *
 * <p>A cell runs with the cells' class loader as its thread's context class loader (JShell sets
 * it only on the thread that starts the engine, and the kernel evaluates on another), so that libraries added with {@code
 * %classpath} or {@code %maven} which look up classes or resources through the context class
 * loader find them (Apache Spark reads {@code spark-version-info.properties} so); threads a cell
 * starts inherit it.
 *
 * <p>Example: {@code JShell.builder().executionEngine(new GuardedExecution(), Map.of()).build()}
 */
final class GuardedExecution implements ExecutionControlProvider {

    private final AtomicBoolean instrumenting = new AtomicBoolean(true);

    @Override
    public String name() {
        return "mtl4j-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new LocalExecutionControl() {
            @Override
            public void load(ClassBytecodes[] classes) throws ClassInstallException,
                    NotImplementedException, EngineTerminationException {
                super.load(rewritten(classes));
            }

            @Override
            protected String invoke(Method doit) throws Exception {
                // JShell runs each snippet in a new thread, which inherits this one's loader
                Thread current = Thread.currentThread();
                ClassLoader previous = current.getContextClassLoader();
                current.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
                try {
                    return super.invoke(doit);
                } finally {
                    current.setContextClassLoader(previous);
                }
            }

            @Override
            public void redefine(ClassBytecodes[] classes) throws ClassInstallException,
                    NotImplementedException, EngineTerminationException {
                super.redefine(rewritten(classes));
            }
        };
    }

    /** Whether every class so far was rewritten (false after one could not be read). */
    boolean instrumenting() {
        return instrumenting.get();
    }

    private ExecutionControl.ClassBytecodes[] rewritten(ExecutionControl.ClassBytecodes[] classes) {
        ExecutionControl.ClassBytecodes[] result =
                new ExecutionControl.ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            byte[] bytes = classes[i].bytecodes();
            try {
                bytes = SnippetInstrumentation.rewrite(bytes);
            } catch (IllegalArgumentException e) {
                if (instrumenting.getAndSet(false)) {
                    org.slf4j.LoggerFactory.getLogger(GuardedExecution.class).warn(
                            "Cells run without the System.exit guard: {}", e.toString());
                }
            }
            result[i] = new ExecutionControl.ClassBytecodes(classes[i].name(), bytes);
        }
        return result;
    }
}
