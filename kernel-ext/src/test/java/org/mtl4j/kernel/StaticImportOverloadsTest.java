package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticImportOverloadsTest {

    private static JShellEvaluator java;

    @BeforeAll
    static void start() {
        java = new JShellEvaluator(List.of());
        java.eval(Mtl4jExtension.DSL_IMPORTS);
        java.eval("var metric = auc();\nvar layers = List.of(dense(8), relu());\n"
                + "var name = metric.toString();");
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    @Test
    void aMethodNamedLikeADslFunctionOverloadsItAndEarlierVariablesKeepTheirValues() {
        Object before = java.eval("name");

        java.eval("double auc(double[] scores, int[] labels) { return scores.length; }\n"
                + "int dense(String units) { return units.length(); }\n"
                + "int[]relu(int n) { return new int[n]; }");

        assertThat(java.eval("name")).isEqualTo(before).isNotNull();
        assertThat(java.eval("metric.toString()")).isEqualTo(before);
        assertThat(java.eval("layers.size()")).isEqualTo(2);
        assertThat(java.eval("auc(new double[3], new int[3])")).isEqualTo(3.0);
        assertThat(java.eval("dense(\"four\")")).isEqualTo(4);
        assertThat(java.eval("auc().toString()")).isEqualTo(before);
        assertThat(java.eval("dense(4).toString()")).asString().contains("4");
        assertThat(java.eval("relu(3).length + \" \" + relu().getClass().getSimpleName()"))
                .isEqualTo("3 Relu");
    }

    @Test
    void aMethodWithTheParametersOfAnImportedOneIsRefusedAndNothingIsLost() {
        assertThatThrownBy(() -> java.eval("String relu() { return \"mine\"; }"))
                .isInstanceOf(CompilationException.class)
                .hasMessage("Method relu() has the parameters of public static"
                        + " org.mtl4j.spec.layers.Relu org.mtl4j.Mtl4j.relu(), imported by"
                        + " import static org.mtl4j.Mtl4j.*: every call to relu(...) would become"
                        + " ambiguous, and JShell would drop the variables of earlier cells that"
                        + " call it. Received: relu(). Give your method another name, e.g."
                        + " myRelu(...).");

        assertThat(java.eval("layers.size()")).isEqualTo(2);
        assertThat(java.eval("relu().toString()")).isNotEqualTo("mine");
    }

    @Test
    void parametersCompareBySimpleNameArraysVarargsAndErasure() throws Exception {
        var list = List.class.getMethod("of", Object[].class);
        assertThat(StaticImportOverloads.sameParameters("E...", list)).isFalse();
        assertThat(StaticImportOverloads.sameParameters("Object...", list)).isTrue();
        assertThat(StaticImportOverloads.sameParameters("java.lang.Object[]", list)).isTrue();
        var copy = List.class.getMethod("copyOf", java.util.Collection.class);
        assertThat(StaticImportOverloads.sameParameters("java.util.Collection<? extends T>",
                copy)).isTrue();
        assertThat(StaticImportOverloads.sameParameters("", copy)).isFalse();
        var max = Math.class.getMethod("max", int.class, int.class);
        assertThat(StaticImportOverloads.sameParameters("int, int", max)).isTrue();
        assertThat(StaticImportOverloads.sameParameters("int,long", max)).isFalse();
    }
}
