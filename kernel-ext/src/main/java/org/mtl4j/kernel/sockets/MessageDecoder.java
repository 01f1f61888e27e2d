package org.mtl4j.kernel.sockets;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.adapters.PublishStatusAdapter;
import org.dflib.jjava.jupyter.messages.adapters.ReplyTypeAdapter;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * Turns a {@link WireMessage} into the base library's {@link Message}: checks the HMAC signature
 * over the four JSON parts (when the connection has a key), then parses them with the library's
 * own JSON adapters, so handlers see exactly what the library's reader would give them.
 *
 * <p>Example: {@code new MessageDecoder(properties.createHMACGenerator()).decode(wire)}
 */
public final class MessageDecoder {

    private static final Gson GSON = gson();
    private static final java.lang.reflect.Type METADATA =
            new TypeToken<Map<String, Object>>() {}.getType();

    private final HMACGenerator signer;

    /** Checks signatures with {@code signer} ({@link HMACGenerator#NO_AUTH_INSTANCE}: none). */
    public MessageDecoder(HMACGenerator signer) {
        this.signer = signer;
    }

    /**
     * The message {@code wire} carries, with its identities and buffers.
     *
     * @throws MalformedMessageException when the signature is wrong or a part is not the JSON
     *     the protocol prescribes
     */
    public Message<?> decode(WireMessage wire) {
        String expected = signer.calculateSignature(wire.header(), wire.parentHeader(),
                wire.metadata(), wire.content());
        if (expected != null && !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), wire.signature())) {
            throw new MalformedMessageException("Invalid signature '" + text(wire.signature())
                    + "' on a message with header " + text(wire.header())
                    + ". Expected the HMAC of the connection file's key.");
        }
        try {
            Header<?> header = GSON.fromJson(text(wire.header()), Header.class);
            if (header == null || header.getType() == null) {
                throw new MalformedMessageException("No msg_type in header "
                        + text(wire.header()) + ".");
            }
            JsonElement parent = JsonParser.parseString(text(wire.parentHeader()));
            Header<?> parentHeader = parent.isJsonObject() && !parent.getAsJsonObject().isEmpty()
                    ? GSON.fromJson(parent, Header.class)
                    : null;
            Map<String, Object> metadata = GSON.fromJson(text(wire.metadata()), METADATA);
            Object content = GSON.fromJson(text(wire.content()),
                    header.getType().getContentType());
            return message(wire, header, parentHeader, metadata, content);
        } catch (RuntimeException e) {
            if (e instanceof MalformedMessageException malformed) {
                throw malformed;
            }
            throw new MalformedMessageException("Unreadable message with header "
                    + text(wire.header()) + ": " + e + ". Expected JSON objects for header,"
                    + " parent header, metadata and content.", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> message(WireMessage wire, Header header, Header parent,
            Map<String, Object> metadata, Object content) {
        return new Message(wire.identities(), header, parent, metadata, content,
                wire.buffers());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The same adapters the base library reads messages with. */
    private static Gson gson() {
        Gson replies = new GsonBuilder()
                .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
                .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
                .create();
        return new GsonBuilder()
                .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
                .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
                .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
                .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
                .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
                .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(replies))
                .create();
    }
}
