/**
 * The kernel's ZeroMQ sockets: one blocking thread per request socket (shell, control) reading
 * whole multipart messages and checking their signature, and the heartbeat echo. Depends on no
 * other mtl4j package.
 *
 * <p>Example: {@code KernelConnection c = new KernelConnection(properties); c.bind();}
 */
package org.mtl4j.kernel.sockets;
