package org.mtl4j.kernel.sockets;

import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The thread that serves one request socket (shell or control): waits for a message, reads all
 * of its frames, checks and decodes it, and runs the handler the connection has for its type
 * with a reply environment bound to this socket, so the reply goes back on the socket and to the
 * identities the request came from. A malformed or wrongly signed message is logged and dropped;
 * a handler that throws is logged; either way the loop reads the next message.
 *
 * <p>Example: {@code new RequestLoop("shell", shellSocket, connection, decoder).start();}
 */
final class RequestLoop extends Thread {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLoop.class);

    private final String channel;
    private final ShellChannel socket;
    private final JupyterConnection connection;
    private final MessageDecoder decoder;
    private final ZMQ.CancellationToken cancel;
    private final Runnable onShutdown;

    /**
     * @param channel the channel's name for logs and the thread ("shell", "control")
     * @param onShutdown runs after a handler marked its environment for shutdown
     */
    RequestLoop(String channel, ShellChannel socket, JupyterConnection connection,
            MessageDecoder decoder, Runnable onShutdown) {
        super("mtl4j-" + channel);
        this.channel = channel;
        this.socket = socket;
        this.connection = connection;
        this.decoder = decoder;
        this.cancel = socket.createCancellationToken();
        this.onShutdown = onShutdown;
        setDaemon(true);
    }

    /** Makes the loop end (now if it waits for a message, else after the running handler). */
    void cancel() {
        cancel.cancel();
    }

    @Override
    public void run() {
        while (!cancel.isCancellationRequested()) {
            List<byte[]> frames = Frames.readWhole(socket, cancel);
            if (frames == null) {
                return;
            }
            Message<?> message;
            try {
                message = decoder.decode(WireMessage.split(frames));
            } catch (MalformedMessageException e) {
                LOG.warn("Dropped a message on the {} channel: {}", channel, e.getMessage());
                continue;
            }
            if (handle(message)) {
                onShutdown.run();
                return;
            }
        }
    }

    /** Runs the message's handler; whether it asked for the kernel to shut down. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean handle(Message message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warn("No handler for '{}' on the {} channel; ignored it.",
                    message.getHeader().getType().getName(), channel);
            return false;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(socket, message);
        try {
            handler.handle(env, message);
        } catch (RuntimeException | Error e) {
            LOG.warn("Handling '{}' on the {} channel failed: {}",
                    message.getHeader().getType().getName(), channel, e.toString(), e);
        } finally {
            env.resolveDeferrals();
        }
        return env.isMarkedForShutdown();
    }
}
