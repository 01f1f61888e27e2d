package org.mtl4j.kernel.sockets;

import java.util.List;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The heartbeat: sends every message it receives straight back, on its own thread, so a front
 * end sees the kernel alive even while a cell runs.
 *
 * <p>Example: {@code new Heartbeat(heartbeatSocket).start();}
 */
final class Heartbeat extends Thread {

    private final ZMQ.Socket socket;
    private final ZMQ.CancellationToken cancel;

    Heartbeat(ZMQ.Socket socket) {
        super("mtl4j-heartbeat");
        this.socket = socket;
        this.cancel = socket.createCancellationToken();
        setDaemon(true);
    }

    void cancel() {
        cancel.cancel();
    }

    @Override
    public void run() {
        while (!cancel.isCancellationRequested()) {
            List<byte[]> frames;
            try {
                frames = Frames.readWhole(socket, cancel);
            } catch (org.zeromq.ZMQException e) {
                LoggerFactory.getLogger(Heartbeat.class).warn("Heartbeat stopped: {}", e.toString());
                return;
            }
            if (frames == null) {
                return;
            }
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }
}
