package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The extension loaded into a kernel that is not mtl4j's and starts with JJava's own imports
 * (JJava 1.0-a6's notebook initializer: {@code java.util.*}, {@code java.io.*}, {@code
 * java.math.*}, {@code java.net.*}, {@code java.time.*}, {@code java.util.concurrent.*}, {@code
 * java.util.prefs.*}, {@code java.util.regex.*} and the static {@code BaseNotebookStatics.*}).
 * JJava's second static import, {@code JavaNotebookStatics.*}, lives in JJava's kernel module,
 * which is not on Maven Central, so it is left out here; it declares no {@code display} or
 * {@code updateDisplay}. Cells are evaluated by a real JShell.
 */
class JJavaCompatibilityTest {

    private static final String JJAVA_IMPORTS = String.join("\n",
            "import java.util.*;", "import java.io.*;", "import java.math.*;",
            "import java.net.*;", "import java.time.*;", "import java.util.concurrent.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    /** A JJava-like kernel: cells run in JShell; displays and updates are recorded. */
    static final class JJavaLikeKernel extends BaseKernel {
        final JShellEvaluator java = new JShellEvaluator(List.of());
        final List<DisplayData> displayed = new ArrayList<>();

        JJavaLikeKernel() {
            super("jjava-like", "1", new LanguageInfo.Builder("java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    null, new MagicsRegistry(), false, new StringStyler.Builder().build());
            notebookKernel = this;
        }

        @Override
        public Object evalRaw(String source) {
            Object value = java.eval(source);
            return value == JShellEvaluator.NO_VALUE ? null : value;
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }

    private JJavaLikeKernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.java.close();
        }
    }

    @Test
    void jjavasDisplayFunctionsStillCompileAndRenderMtl4jObjects() {
        // GIVEN a JJava-like kernel with JJava's imports, then every extension on the class path
        kernel = new JJavaLikeKernel();
        kernel.evalRaw(JJAVA_IMPORTS);
        ServiceLoader.load(Extension.class).forEach(extension -> extension.install(kernel));

        // WHEN a cell calls JJava's display(...) on an mtl4j chart and the DSL
        Object id = kernel.evalRaw(
                "var model = multiTask().input(numeric(\"x1\")).task(\"task1\")"
                        + ".head(dense(1)).loss(mse()).build();\n"
                        + "display(org.mtl4j.plot.Charts.loss("
                        + "org.mtl4j.train.TrainingHistory.empty(List.of(\"task1\"))))");

        // THEN it compiled (no ambiguity) and the mtl4j renderer made the PNG
        assertThat(id).isInstanceOf(String.class);
        assertThat(kernel.displayed).hasSize(1);
        assertThat(kernel.displayed.get(0).getData(MIMEType.IMAGE_PNG)).isNotNull();
        assertThat(kernel.displayed.get(0).getDisplayId()).isEqualTo(id);
    }

    @Test
    void jjavasUpdateDisplayCompilesWithTheExtensionsImports() {
        kernel = new JJavaLikeKernel();
        kernel.evalRaw(JJAVA_IMPORTS);
        new Mtl4jExtension().install(kernel);

        // updateDisplay sends through the kernel's I/O, which needs a live connection: here
        // the call must compile and reach the I/O (a NullPointerException there, not a
        // compilation error about an ambiguous name)
        Object compiled = kernel.evalRaw(
                "java.util.function.BiConsumer<String, Object> update = (id, value) ->"
                        + " updateDisplay(id, value);\n"
                        + "update != null");

        assertThat(compiled).isEqualTo(true);
    }
}
