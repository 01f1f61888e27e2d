package org.mtl4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LeadingDotJoinerTest {

    private static String joined(String text) throws Exception {
        try (var in = new LeadingDotJoiner(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void aLineStartingWithADotContinuesTheLineBefore() throws Exception {
        assertThat(joined("var m = multiTask()\n    .trunk(dense(8))\n    .build();\nint x = 1;\n"))
                .isEqualTo("var m = multiTask()     .trunk(dense(8))     .build();\nint x = 1;\n");
    }

    @Test
    void aCommentEndingTheLineBeforeIsDroppedButNotInsideAString() throws Exception {
        assertThat(joined("x.a()   // note\n  .b(\"http://x\") // more\n  .c();\n")
                .replaceAll(" +", " "))
                .isEqualTo("x.a() .b(\"http://x\") .c();\n");
    }

    @Test
    void windowsLineEndsAndEllipsesAreHandled() throws Exception {
        assertThat(joined("a()\r\n .b();\r\n...\r\n")).isEqualTo("a()  .b();\r\n...\r\n");
    }
}
