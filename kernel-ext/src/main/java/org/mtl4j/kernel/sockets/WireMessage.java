package org.mtl4j.kernel.sockets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One Jupyter message as its frames: the routing identities, the {@code <IDS|MSG>} delimiter, the
 * HMAC signature, the four JSON parts (header, parent header, metadata, content) and any binary
 * buffers. {@link #split} checks the framing and nothing else (no JSON parsing, no signature).
 *
 * <p>Example: {@code WireMessage.split(List.of(id, "<IDS|MSG>".getBytes(), sig, h, p, m, c))}
 * gives identities {@code [id]} and no buffers.
 */
public record WireMessage(List<byte[]> identities, byte[] signature, byte[] header,
        byte[] parentHeader, byte[] metadata, byte[] content, List<byte[]> buffers) {

    /** The frame that ends the identities. */
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static final int PARTS = 5;

    /**
     * The message that {@code frames} (all frames of one multipart message) hold.
     *
     * @throws MalformedMessageException when there is no delimiter or fewer than five frames
     *     (signature, header, parent header, metadata, content) follow it
     */
    public static WireMessage split(List<byte[]> frames) {
        int delimiter = 0;
        while (delimiter < frames.size() && !Arrays.equals(frames.get(delimiter), DELIMITER)) {
            delimiter++;
        }
        if (delimiter == frames.size()) {
            throw new MalformedMessageException("No '<IDS|MSG>' delimiter among the "
                    + frames.size() + " frames " + preview(frames) + ". Expected: identities,"
                    + " <IDS|MSG>, signature, header, parent header, metadata, content.");
        }
        int after = frames.size() - delimiter - 1;
        if (after < PARTS) {
            throw new MalformedMessageException(after + " frame(s) after '<IDS|MSG>' in "
                    + preview(frames) + ". Expected at least " + PARTS + ": signature, header,"
                    + " parent header, metadata, content.");
        }
        int first = delimiter + 1;
        return new WireMessage(List.copyOf(frames.subList(0, delimiter)), frames.get(first),
                frames.get(first + 1), frames.get(first + 2), frames.get(first + 3),
                frames.get(first + 4), List.copyOf(frames.subList(first + PARTS, frames.size())));
    }

    /** The frames for a log line: text in quotes, binary (routing ids) in hex, cut short. */
    private static String preview(List<byte[]> frames) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < frames.size() && i < 8; i++) {
            byte[] bytes = frames.get(i);
            byte[] shown = Arrays.copyOf(bytes, Math.min(bytes.length, 40));
            String more = bytes.length > shown.length ? "…" : "";
            text.append(i == 0 ? "" : ", ").append(isText(shown)
                    ? '"' + new String(shown, StandardCharsets.US_ASCII) + more + '"'
                    : "0x" + java.util.HexFormat.of().formatHex(shown) + more);
        }
        return text.append(frames.size() > 8 ? ", …]" : "]").toString();
    }

    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
