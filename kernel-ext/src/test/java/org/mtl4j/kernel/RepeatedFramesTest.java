package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedFramesTest {

    @Test
    void aFrameRepeatedManyTimesIsWrittenOnceWithTheCountLeftOut() {
        List<String> trace = new ArrayList<>();
        trace.add("java.lang.StackOverflowError");
        trace.addAll(Collections.nCopies(1015, "\tat down(#3:1)"));
        trace.add("\tat (#4:1)");

        assertThat(RepeatedFrames.compact(trace)).containsExactly(
                "java.lang.StackOverflowError",
                "\tat down(#3:1)",
                "\t... 1014 more frames of down(#3:1) repeated",
                "\tat (#4:1)");
    }

    @Test
    void mutualRecursionIsCompactedAsACycle() {
        List<String> trace = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            trace.add("\tat ping(#1:1)");
            trace.add("\tat pong(#2:1)");
        }

        assertThat(RepeatedFrames.compact(trace)).containsExactly(
                "\tat ping(#1:1)", "\tat pong(#2:1)",
                "\t... 198 more frames of the 2 frames above repeated");
    }

    @Test
    void shortRepeatsStayAsTheyAre() {
        List<String> trace = List.of("\tat a(#1:1)", "\tat a(#1:1)", "\tat b(#2:1)");

        assertThat(RepeatedFrames.compact(trace)).isEqualTo(trace);
    }

    @Test
    void aStackOverflowInACellGivesAShortTrace() {
        try (JShellEvaluator java = new JShellEvaluator(List.of())) {
            java.eval("int down(int n) { return down(n + 1) + 1; }");

            assertThatThrownBy(() -> java.eval("down(0)"))
                    .isInstanceOfSatisfying(SnippetException.class, e -> {
                        assertThat(e.trace().get(0)).isEqualTo("java.lang.StackOverflowError");
                        assertThat(e.trace()).hasSizeLessThan(10);
                        assertThat(e.trace().get(1)).matches("\tat down\\(#\\d+:1\\)");
                        assertThat(e.trace().get(2))
                                .matches("\t\\.\\.\\. \\d{3,} more frames of down\\(#\\d+:1\\) repeated");
                    });
        }
    }
}
