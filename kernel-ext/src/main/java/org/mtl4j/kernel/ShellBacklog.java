package org.mtl4j.kernel;

import java.util.function.BooleanSupplier;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.zeromq.ZMQ;

/**
 * Whether a request is waiting on a connection's shell socket, for {@link QueuedAfterError}.
 * The base library keeps the shell socket in a protected field of {@link JupyterConnection}; it
 * is read once here. Ask only on the shell thread (ZeroMQ sockets are not thread-safe).
 *
 * <p>Example: {@code BooleanSupplier waiting = ShellBacklog.of(connection);}
 */
final class ShellBacklog {

    private ShellBacklog() {}

    /**
     * @throws IllegalStateException if the connection keeps no shell socket where expected (a
     *     base library this kernel was not written for)
     */
    static BooleanSupplier of(JupyterConnection connection) {
        ZMQ.Socket shell;
        try {
            java.lang.reflect.Field field = JupyterConnection.class.getDeclaredField("shell");
            field.setAccessible(true);
            shell = (ZMQ.Socket) field.get(connection);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("The Jupyter connection has no shell socket to"
                    + " watch. Received: " + connection.getClass().getName()
                    + ". Use the jjava-jupyter version mtl4j is built with.", e);
        }
        return () -> (shell.getEvents() & ZMQ.Poller.POLLIN) != 0;
    }
}
