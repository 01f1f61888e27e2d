package org.mtl4j.kernel.sockets;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, served by threads that wait on them instead of polling and sleeping
 * (the base library's loops check for a message, then sleep 50 ms, and read frames without
 * checking where a message ends). Handlers are registered and reply environments prepared
 * exactly as with the base library's {@link JupyterConnection}, so a kernel's {@code
 * becomeHandlerForConnection} works unchanged; only the reading, checking and dispatching of
 * requests are replaced:
 * <ul>
 *   <li>shell and control each have a {@link RequestLoop}: whole multipart messages, HMAC checked,
 *       malformed ones logged and dropped, replies on the socket and to the identities a request
 *       came from;</li>
 *   <li>the heartbeat echoes on its own thread;</li>
 *   <li>iopub and stdin are the library's, bound to the connection file's ports.</li>
 * </ul>
 * Sockets linger at most {@value #LINGER_MS} ms at close, so replies already sent (the
 * shutdown_reply) still leave, and a vanished front end cannot hold the process.
 *
 * <p>Example: {@code KernelConnection c = new KernelConnection(properties); c.bind();
 * kernel.becomeHandlerForConnection(c); c.connect(); c.waitUntilClose();}
 */
public final class KernelConnection extends JupyterConnection {

    static final int LINGER_MS = 1000;
    private static final long JOIN_MS = 2000;

    private final KernelConnectionProperties properties;
    private final MessageDecoder decoder;
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private RequestLoop shellLoop;
    private RequestLoop controlLoop;
    private Heartbeat heartbeatLoop;
    private boolean released;

    /**
     * Sockets for the connection file's ports (bound by {@link #connect()}).
     *
     * @throws InvalidKeyException for a key the signature scheme cannot use
     * @throws NoSuchAlgorithmException for a signature scheme the JDK does not have
     */
    public KernelConnection(KernelConnectionProperties properties)
            throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.decoder = new MessageDecoder(properties.createHMACGenerator());
    }

    /**
     * Binds the five sockets and answers heartbeats, without serving requests yet: a front end
     * can connect while the kernel is still starting, and its requests wait in the sockets
     * until {@link #connect()}.
     */
    public synchronized void bind() {
        if (heartbeatLoop != null) {
            return;
        }
        bind(heartbeat, properties.getHbPort());
        bind(shell, properties.getShellPort());
        bind(control, properties.getControlPort());
        bind(stdin, properties.getStdinPort());
        bind(iopub, properties.getIopubPort());
        heartbeatLoop = new Heartbeat(heartbeat);
        heartbeatLoop.start();
    }

    /**
     * Binds the sockets (if {@link #bind()} has not), starts serving requests with the handlers
     * registered so far and publishes the "starting" status.
     */
    @Override
    public synchronized void connect() {
        if (shellLoop != null) {
            return;
        }
        bind();
        shellLoop = new RequestLoop("shell", shell, this, decoder, this::close);
        controlLoop = new RequestLoop("control", control, this, decoder, this::close);
        controlLoop.start();
        shellLoop.start();
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE,
                PublishStatus.STARTING));
    }

    private void bind(ZMQ.Socket socket, int port) {
        socket.setLinger(LINGER_MS);
        String address = properties.getTransport() + "://" + properties.getIp() + ":" + port;
        if (!socket.bind(address)) {
            throw new IllegalStateException("Cannot bind " + address + ". Is another kernel"
                    + " using the connection file's ports?");
        }
    }

    /**
     * Stops serving. From a serving thread (a shutdown request) it only asks the loops to end;
     * {@link #waitUntilClose()} then releases the sockets. From any other thread it also
     * releases them.
     */
    @Override
    public void close() {
        for (Thread loop : new Thread[] {shellLoop, controlLoop, heartbeatLoop}) {
            if (loop instanceof RequestLoop request) {
                request.cancel();
            } else if (loop instanceof Heartbeat beat) {
                beat.cancel();
            }
        }
        closeRequested.countDown();
        Thread current = Thread.currentThread();
        if (current != shellLoop && current != controlLoop) {
            release();
        }
    }

    /** Waits until a shutdown request (or {@link #close()}) ended serving, then releases. */
    @Override
    public void waitUntilClose() {
        boolean interrupted = false;
        while (closeRequested.getCount() > 0) {
            try {
                closeRequested.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        release();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the loops (a cell still running gets {@value #JOIN_MS} ms), then closes the
     * sockets and the context, which sends what is still queued within the linger time.
     */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        for (Thread loop : new Thread[] {controlLoop, heartbeatLoop, shellLoop}) {
            if (loop != null) {
                try {
                    loop.join(JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Thread closer = new Thread(super::close, "mtl4j-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(LINGER_MS + JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LoggerFactory.getLogger(KernelConnection.class)
                    .warn("The sockets did not close within {} ms; exiting anyway.",
                            LINGER_MS + JOIN_MS);
        }
    }
}
