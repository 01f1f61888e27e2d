package org.mtl4j.kernel.sockets;

/**
 * A message that is not a Jupyter message: bad framing, a wrong signature, or JSON that does not
 * parse. The kernel logs it and drops it; the next message is read as usual.
 *
 * <p>Example: {@code throw new MalformedMessageException("No '<IDS|MSG>' delimiter ...")}
 */
public final class MalformedMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** With the reason, which names what was received and what was expected. */
    public MalformedMessageException(String message) {
        super(message);
    }

    /** With the reason and the parser's exception. */
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
