package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NotebookStreamsTest {

    @Test
    void aWriteEndingInsideAUtf8CharacterKeepsItsStartForTheNextWrite() {
        byte[] text = "ok é €".getBytes(StandardCharsets.UTF_8);   // é: 2 bytes, €: 3 bytes

        assertThat(NotebookStreams.completeUtf8Length(text)).isEqualTo(text.length);
        assertThat(NotebookStreams.completeUtf8Length(java.util.Arrays.copyOf(text,
                text.length - 1))).isEqualTo(text.length - 3);
        assertThat(NotebookStreams.completeUtf8Length(java.util.Arrays.copyOf(text, 4)))
                .isEqualTo(3);
        assertThat(NotebookStreams.completeUtf8Length(new byte[0])).isZero();
    }
}
