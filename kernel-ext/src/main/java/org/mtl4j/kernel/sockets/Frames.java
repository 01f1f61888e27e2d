package org.mtl4j.kernel.sockets;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Reads whole multipart messages: waits (without polling or sleeping) for the first frame, then
 * takes every frame that belongs to the same message, so a message with too few or too many
 * frames can never spill into the next one.
 *
 * <p>Example: {@code List<byte[]> frames = Frames.readWhole(socket, token);}
 */
final class Frames {

    private Frames() {}

    /**
     * All frames of the next message on {@code socket}, waiting for it until it arrives or
     * {@code cancel} is cancelled.
     *
     * @return the frames, or {@code null} when the wait was cancelled
     */
    static List<byte[]> readWhole(ZMQ.Socket socket, ZMQ.CancellationToken cancel) {
        byte[] first;
        try {
            first = socket.recv(0, cancel);
        } catch (org.zeromq.ZMQException e) {
            if (cancel.isCancellationRequested()) {
                return null;
            }
            throw e;
        }
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0)); // the rest of a message arrives with its first frame
        }
        return frames;
    }
}
