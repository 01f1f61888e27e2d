package org.mtl4j.kernel.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WireMessageTest {

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsIdentitiesPartsAndBuffers() {
        // GIVEN two routing identities, the delimiter, the five parts and two buffers
        List<byte[]> frames = List.of(new byte[] {0, 1}, b("id2"), b("<IDS|MSG>"), b("sig"),
                b("{\"h\":1}"), b("{}"), b("{\"m\":1}"), b("{\"c\":1}"), b("buf1"), b("buf2"));

        // WHEN
        WireMessage wire = WireMessage.split(frames);

        // THEN
        assertThat(wire.identities()).containsExactly(new byte[] {0, 1}, b("id2"));
        assertThat(wire.signature()).isEqualTo(b("sig"));
        assertThat(wire.header()).isEqualTo(b("{\"h\":1}"));
        assertThat(wire.parentHeader()).isEqualTo(b("{}"));
        assertThat(wire.metadata()).isEqualTo(b("{\"m\":1}"));
        assertThat(wire.content()).isEqualTo(b("{\"c\":1}"));
        assertThat(wire.buffers()).containsExactly(b("buf1"), b("buf2"));
    }

    @Test
    void aMessageWithoutDelimiterIsMalformed() {
        assertThatThrownBy(() -> WireMessage.split(List.of(new byte[] {0, 7}, b("hello"),
                b("world"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("No '<IDS|MSG>' delimiter among the 3 frames [0x0007, \"hello\","
                        + " \"world\"]. Expected: identities, <IDS|MSG>, signature, header,"
                        + " parent header, metadata, content.");
    }

    @Test
    void tooFewFramesAfterTheDelimiterIsMalformed() {
        assertThatThrownBy(() -> WireMessage.split(List.of(b("id"), b("<IDS|MSG>"), b("abc"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("1 frame(s) after '<IDS|MSG>' in [\"id\", \"<IDS|MSG>\", \"abc\"]."
                        + " Expected at least 5: signature, header, parent header, metadata,"
                        + " content.");
        assertThatThrownBy(() -> WireMessage.split(List.of(b("<IDS|MSG>"), b("s"), b("{}"),
                b("{}"), b("{}"))))
                .hasMessageStartingWith("4 frame(s) after '<IDS|MSG>'");
    }

    @Test
    void longFramesAreCutInTheMessage() {
        assertThatThrownBy(() -> WireMessage.split(List.of(b("x".repeat(50)))))
                .hasMessageContaining("[\"" + "x".repeat(40) + "…\"]");
    }
}
