package org.mtl4j.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.mtl4j.kernel.display.DisplaySink;
import org.mtl4j.kernel.display.LiveTrainingView;
import org.mtl4j.kernel.display.Mtl4jRenderers;
import org.mtl4j.kernel.display.NotebookProgressBar;
import org.mtl4j.train.ProgressDisplay;

/**
 * The mtl4j extension, found through {@code META-INF/services}: registers the renderers, the
 * magics and the imports every mtl4j notebook starts with, and makes every {@code fit()} show the
 * live training view ({@link LiveTrainingView}) and every {@code progress(...)} loop and long
 * {@code predict}/{@code evaluate} a progress bar ({@link NotebookProgressBar}). It works in the mtl4j kernel and, put
 * on its class path, in a stock JJava kernel (there the class-path magics are JJava's own).
 *
 * <p>Imports: {@code org.mtl4j.Mtl4j.*} (the DSL, static), {@code org.mtl4j.kernel.Notebook.*}
 * (display API, static; in the mtl4j kernel only, JJava has its own), {@code org.mtl4j.*},
 * {@code org.mtl4j.plot.*}, {@code org.mtl4j.train.*} (with the training controls),
 * {@code org.mtl4j.datasets.*}, {@code org.mtl4j.weighting.*}, {@code org.mtl4j.source.*}, {@code tech.tablesaw.api.*}, {@code ai.djl.Device} and {@code
 * java.util.*}.
 */
public final class Mtl4jExtension implements Extension {

    /** The imports for the DSL, the data sets and Tablesaw: run at start in any kernel. */
    public static final String DSL_IMPORTS = String.join(" ",
            "import java.util.*;",
            "import ai.djl.Device;",
            "import tech.tablesaw.api.*;",
            "import org.mtl4j.*;",
            "import org.mtl4j.plot.*;",
            "import org.mtl4j.train.*;",
            "import org.mtl4j.datasets.*;",
            "import org.mtl4j.weighting.*;",
            "import org.mtl4j.source.*;",
            "import static org.mtl4j.Mtl4j.*;");

    /**
     * The imports run at start in the mtl4j kernel: {@link #DSL_IMPORTS} and the notebook API
     * ({@link Notebook}). A stock JJava kernel imports its own {@code display(...)} and {@code
     * updateDisplay(...)} (same names, which the mtl4j renderers serve too), so there only
     * {@link #DSL_IMPORTS} is run: both static imports together would make those names
     * ambiguous.
     */
    public static final String IMPORTS = DSL_IMPORTS + " import static org.mtl4j.kernel.Notebook.*;";

    @Override
    public void install(BaseKernel kernel) {
        Mtl4jRenderers.register(kernel.getRenderer());
        ProgressDisplay.install(() -> new LiveTrainingView(kernel));
        org.mtl4j.progress.Progress.install(
                () -> new NotebookProgressBar(DisplaySink.of(kernel)));
        KernelMagics.register(kernel);
        kernel.eval(kernel instanceof Mtl4jKernel ? IMPORTS : DSL_IMPORTS);
    }
}
