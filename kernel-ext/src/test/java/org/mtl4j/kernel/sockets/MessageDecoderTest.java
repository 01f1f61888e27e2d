package org.mtl4j.kernel.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MessageDecoderTest {

    private static final String HEADER = "{\"msg_id\":\"m1\",\"username\":\"u\",\"session\":\"s\","
            + "\"date\":\"2026-01-01T00:00:00.000000Z\",\"msg_type\":\"execute_request\","
            + "\"version\":\"5.3\"}";
    private static final String CONTENT = "{\"code\":\"1+1\",\"silent\":false,"
            + "\"store_history\":true,\"user_expressions\":{},\"allow_stdin\":false,"
            + "\"stop_on_error\":true}";

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HMACGenerator signer(String key) throws Exception {
        return new HMACGenerator("hmac-sha256", key);
    }

    private static WireMessage wire(HMACGenerator signer, String header, String content) {
        String signature = signer.calculateSignature(b(header), b("{}"), b("{}"), b(content));
        return new WireMessage(List.of(b("client")), b(signature), b(header), b("{}"), b("{}"),
                b(content), List.of());
    }

    @Test
    void aSignedRequestDecodesToTheLibrarysMessage() throws Exception {
        HMACGenerator signer = signer("secret");

        Message<?> message = new MessageDecoder(signer).decode(wire(signer, HEADER, CONTENT));

        assertThat(message.getHeader().getType()).isEqualTo(MessageType.EXECUTE_REQUEST);
        assertThat(message.getHeader().getId()).isEqualTo("m1");
        assertThat(((ExecuteRequest) message.getContent()).getCode()).isEqualTo("1+1");
        assertThat(message.getIdentities()).containsExactly(b("client"));
        assertThat(message.hasParentHeader()).isFalse();
    }

    @Test
    void aWrongSignatureIsRejected() throws Exception {
        WireMessage forged = wire(signer("not-the-key"), HEADER, CONTENT);

        assertThatThrownBy(() -> new MessageDecoder(signer("secret")).decode(forged))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("Invalid signature '")
                .hasMessageEndingWith("Expected the HMAC of the connection file's key.");
    }

    @Test
    void withoutAKeyAnySignatureIsAccepted() {
        WireMessage unsigned = new WireMessage(List.of(), b(""), b(HEADER), b("{}"), b("{}"),
                b(CONTENT), List.of());

        Message<?> message = new MessageDecoder(HMACGenerator.NO_AUTH_INSTANCE).decode(unsigned);

        assertThat(message.getHeader().getId()).isEqualTo("m1");
    }

    @Test
    void signedJsonThatIsNotAHeaderIsMalformed() throws Exception {
        HMACGenerator signer = signer("secret");

        assertThatThrownBy(() -> new MessageDecoder(signer).decode(wire(signer, "not json",
                CONTENT)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("Unreadable message with header not json: ")
                .hasMessageEndingWith("Expected JSON objects for header, parent header,"
                        + " metadata and content.");
        assertThatThrownBy(() -> new MessageDecoder(signer).decode(wire(signer, "{}", CONTENT)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
