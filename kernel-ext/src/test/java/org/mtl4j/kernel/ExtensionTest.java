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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mtl4j.plot.Charts;
import org.mtl4j.train.TrainingHistory;

/** The extension through the SPI, in a kernel that is not mtl4j's (as in a stock JJava kernel). */
@Tag("unit")
class ExtensionTest {

    /** A minimal foreign kernel: records what it is asked to evaluate. */
    static final class OtherKernel extends BaseKernel {
        final List<String> evaluated = new ArrayList<>();

        OtherKernel() {
            super("other", "1", new LanguageInfo.Builder("java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    null, new MagicsRegistry(), false, new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String source) {
            evaluated.add(source);
            return null;
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

    @Test
    void serviceLoaderFindsTheExtensionWhichInstallsRenderersMagicsAndImports() {
        OtherKernel kernel = new OtherKernel();

        List<Extension> found = new ArrayList<>();
        ServiceLoader.load(Extension.class).forEach(found::add);
        assertThat(found).hasAtLeastOneElementOfType(Mtl4jExtension.class);
        found.forEach(extension -> extension.install(kernel));

        assertThat(kernel.evaluated).containsExactly(Mtl4jExtension.DSL_IMPORTS);
        DisplayData chart = kernel.getRenderer().render(
                Charts.loss(TrainingHistory.empty(List.of("a"))));
        assertThat(chart.getData(MIMEType.IMAGE_PNG)).isInstanceOf(String.class);
        assertThat(kernel.getMagicsRegistry().getLineMagicNames()).containsExactly("time");
        assertThat(kernel.getMagicsRegistry().getCellMagicNames()).containsExactly("time");
    }
}
