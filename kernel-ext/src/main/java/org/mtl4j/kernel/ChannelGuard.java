package org.mtl4j.kernel;

import java.lang.reflect.Field;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shell and control channels serving after a bad message. The base library verifies
 * every message's HMAC signature but lets the resulting exception (or a parse error) end the
 * channel's thread, after which the kernel stops answering. This installs an error handler on
 * both loops that logs and drops the message instead.
 *
 * <p>Example: {@code connection.connect(); ChannelGuard.install(connection);}
 */
final class ChannelGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelGuard.class);

    private ChannelGuard() {}

    static void install(JupyterConnection connection) {
        for (String channel : new String[] {"shell", "control"}) {
            loop(connection, channel).onError(error -> {
                LOG.warn("Dropped a message on the {} channel: {}", channel, error.toString());
                return 50L;
            });
        }
    }

    private static Loop loop(JupyterConnection connection, String channelField) {
        try {
            Field channel = JupyterConnection.class.getDeclaredField(channelField);
            channel.setAccessible(true);
            Field loop = ShellChannel.class.getDeclaredField("ioloop");
            loop.setAccessible(true);
            return (Loop) loop.get(channel.get(connection));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot guard the " + channelField + " channel of jjava-jupyter; was the"
                            + " library upgraded? " + e, e);
        }
    }
}
