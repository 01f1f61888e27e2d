package org.mtl4j.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * Replies with the {@code status: "ok"} field that the messaging protocol requires and the base
 * library's reply classes leave out (the JSON encoder writes every field, this one included).
 *
 * <p>Example: {@code env.reply(new OkReplies.KernelInfo(...))}
 */
final class OkReplies {

    private OkReplies() {}

    /** kernel_info_reply. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language,
                String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /**
     * history_reply, with entries as the protocol's tuples {@code [session, line, input]} or
     * {@code [session, line, [input, output]]} (the base library's encoder would write objects).
     */
    static final class History implements ContentType<History>, ReplyType<HistoryRequest> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            this.history = entries.stream()
                    .map(e -> List.<Object>of(e.getSession(), e.getCellNumber(), e.hasOutput()
                            ? List.of(e.getInput(), e.getOutput())
                            : e.getInput()))
                    .toList();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) MessageType.HISTORY_REPLY;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return MessageType.HISTORY_REQUEST;
        }
    }

    /** comm_info_reply. */
    static final class CommInfo extends CommInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        CommInfo(Map<String, CommInfoReply.CommInfo> comms) {
            super(comms);
        }
    }

    /** interrupt_reply. */
    static final class Interrupt extends InterruptReply {
        @SuppressWarnings("unused")
        private final String status = "ok";
    }

    /** execute_reply for a cell aborted because an earlier cell failed (stop_on_error). */
    static final class Aborted implements ContentType<Aborted>, ReplyType<ExecuteRequest> {
        @SuppressWarnings("unused")
        private final String status = "aborted";

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<Aborted> getType() {
            return (MessageType) MessageType.EXECUTE_REPLY;
        }

        @Override
        public MessageType<ExecuteRequest> getRequestType() {
            return MessageType.EXECUTE_REQUEST;
        }
    }

    /** shutdown_reply (the base class cannot be extended). */
    static final class Shutdown implements ContentType<Shutdown>, ReplyType<ShutdownRequest> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final boolean restart;

        Shutdown(boolean restart) {
            this.restart = restart;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<Shutdown> getType() {
            return (MessageType) MessageType.SHUTDOWN_REPLY;
        }

        @Override
        public MessageType<ShutdownRequest> getRequestType() {
            return MessageType.SHUTDOWN_REQUEST;
        }
    }
}
