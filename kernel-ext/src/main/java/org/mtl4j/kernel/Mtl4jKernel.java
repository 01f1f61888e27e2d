package org.mtl4j.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.mtl4j.kernel.display.OwnDisplayKernel;

/**
 * The mtl4j Jupyter kernel: Java cells evaluated by JShell in this JVM (state persists across
 * cells; the DSL, the data sets and the notebook API are on the class path and imported), magics,
 * completion, inspection, history, and an interrupt that really stops the running cell.
 *
 * <p>On top of the base library it replies to every request with the status the protocol
 * requires, answers history requests, and keeps serving after a malformed or wrongly signed
 * message (see {@link KernelMain}).
 *
 * <p>Example: {@code Mtl4jKernel kernel = Mtl4jKernel.create(List.of());} then {@code
 * kernel.eval("1 + 1")} renders {@code 2}.
 */
public final class Mtl4jKernel extends BaseKernel implements OwnDisplayKernel {

    /** The kernel's version (the jar's, or "development"). */
    public static final String VERSION = versionOfJar();

    private final JShellEvaluator jshell;
    private final CellHistory cells;
    private final Publisher publisher = new Publisher();
    private final NotebookStreams streams = new NotebookStreams(publisher, System.out, System.err);
    private final MagicTask magicTask = new MagicTask();
    /** Without a connection (tests), nothing is ever waiting behind a failed cell. */
    private volatile QueuedAfterError queue = new QueuedAfterError(() -> false);
    private volatile Thread shellThread;
    private volatile boolean cellFailed;
    /** The execute request being evaluated on the shell thread, or null. */
    private volatile Message<ExecuteRequest> running;
    /** Whether the stop-on-error queue has seen {@link #running}'s failure. */
    private volatile boolean failureQueued;
    private volatile ShellReplyEnvironment executing;

    private Mtl4jKernel(JShellEvaluator java, CellHistory cells, MagicsRegistry magics) {
        super("mtl4j", VERSION, languageInfo(), helpLinks(), cells,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new SafeRenderer(),
                null, magics,
                true, errorStyler());
        this.jshell = java;
        this.cells = cells;
        publisher.beforeEachWrite(java::interruptPoint);
    }

    /**
     * A kernel with the JVM's class path plus {@code extraClasspath} visible to cells.
     *
     * @param extraClasspath jars or folders to add (e.g. from {@code MTL4J_CLASSPATH})
     */
    public static Mtl4jKernel create(List<String> extraClasspath) {
        MagicsRegistry magics = new MagicsRegistry();
        return new Mtl4jKernel(new JShellEvaluator(extraClasspath), new CellHistory(), magics);
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(String.valueOf(Runtime.version().feature()))
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java API",
                "https://docs.oracle.com/en/java/javase/17/docs/api/index.html"));
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .build();
    }

    private static String versionOfJar() {
        String version = Mtl4jKernel.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** The Java evaluator (for magics that change the class path). */
    public JShellEvaluator java() {
        return jshell;
    }

    /** The kernel running this JVM's notebook, if it is an mtl4j kernel. */
    public static java.util.Optional<Mtl4jKernel> current() {
        return BaseKernel.notebookKernel() instanceof Mtl4jKernel kernel
                ? java.util.Optional.of(kernel)
                : java.util.Optional.empty();
    }

    @Override
    public Object evalRaw(String source) {
        Object value = null;
        try {
            for (CellParts.Part part : CellParts.of(source, this::isMagic).parts()) {
                value = part.magic() == null ? evalJava(part.code()) : magic(part);
            }
        } catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
            throw new IllegalStateException(e.toString(), e);
        }
        return value == JShellEvaluator.NO_VALUE ? null : value;
    }

    /** Java code; a line like {@code %nope} that fails to compile is reported as a magic. */
    private Object evalJava(String code) {
        try {
            return jshell.eval(code);
        } catch (CompilationException e) {
            java.util.regex.Matcher magic = java.util.regex.Pattern
                    .compile("(?m)^\\s*(%%?)(\\w+)").matcher(code);
            if (magic.find() && e.getMessage().contains(magic.group().strip())) {
                throw new IllegalArgumentException("Unknown magic " + magic.group(1)
                        + magic.group(2) + ". Known: " + magicNames() + ".");
            }
            throw e;
        }
    }

    private boolean isMagic(String name, boolean cell) {
        return (cell ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames())
                .contains(name);
    }

    private Object magic(CellParts.Part part) {
        try {
            if (part.cellMagic()) {
                return magicsRegistry.evalCellMagic(this, part.magic(), part.args(), part.code());
            }
            // %time takes code, which must keep its quotes and spacing
            List<String> args = part.magic().equals("time") ? List.of(part.raw()) : part.args();
            return magicsRegistry.evalLineMagic(this, part.magic(), args);
        } catch (org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException e) {
            throw new IllegalArgumentException("Unknown magic %" + (part.cellMagic() ? "%" : "")
                    + part.magic() + ". Known: " + magicNames() + ".");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<String> magicNames() {
        List<String> names = new ArrayList<>();
        magicsRegistry.getLineMagicNames().forEach(n -> names.add("%" + n));
        magicsRegistry.getCellMagicNames().forEach(n -> names.add("%%" + n));
        java.util.Collections.sort(names);
        return names;
    }

    @Override
    public DisplayData eval(String source) {
        DisplayData data;
        try {
            data = super.eval(source);
        } catch (RuntimeException e) {
            cellFailed = true;
            // before the error is published: a cell sent after the client saw it is not queued
            queueFailure();
            throw e;
        } finally {
            org.mtl4j.kernel.display.PendingOutputs.await();
            publisher.drain();
        }
        if (executing != null && data != null) {
            Object text = data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType
                    .TEXT_PLAIN);
            cells.recordOutput(executionCount.get() - 1, String.valueOf(text));
        }
        return data;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<Documentation> docs = jshell.documentation(withoutMagicLines(code), at);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(JavadocText.plain(doc.javadoc())).append("\n");
            }
            text.append('\n');
        }
        return new DisplayData(text.toString().strip());
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int start = at;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && code.charAt(start - 1) == '%') {
            String prefix = code.substring(start, at);
            List<String> names = new ArrayList<>();
            boolean cell = start > 1 && code.charAt(start - 2) == '%';
            (cell ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames())
                    .stream().filter(n -> n.startsWith(prefix)).sorted().forEach(names::add);
            return new ReplacementOptions(names, start, at);
        }
        JShellEvaluator.Completions completions = jshell.complete(withoutMagicLines(code), at);
        return new ReplacementOptions(completions.matches(), completions.start(),
                completions.end());
    }

    /** {@code code} with each magic line blanked (same length, so positions stay). */
    private static String withoutMagicLines(String code) {
        java.util.regex.Matcher magic = MAGIC_LINE.matcher(code);
        StringBuilder java = new StringBuilder();
        while (magic.find()) {
            magic.appendReplacement(java, " ".repeat(magic.group().length()));
        }
        return magic.appendTail(java).toString();
    }

    private static final java.util.regex.Pattern MAGIC_LINE =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*%[^\\n]*$");

    @Override
    public String isComplete(String code) {
        String completeness = "complete";
        for (CellParts.Part part : CellParts.of(code, this::isMagic).parts()) {
            if (part.magic() == null) {
                completeness = jshell.completeness(part.code());
                if (completeness.equals("invalid")) {
                    break;
                }
            }
        }
        return switch (completeness) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> "    ";
        };
    }

    @Override
    public void interrupt() {
        magicTask.cancel();
        jshell.interrupt();
    }

    /**
     * Runs a magic's slow work (e.g. {@code %maven}'s resolution) so that an interrupt ends the
     * wait at once: the work's thread is interrupted and the cell fails with "Interrupted".
     */
    <T> T interruptibly(String what, java.util.concurrent.Callable<T> work) {
        return magicTask.run(what, work);
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof SnippetException snippet) {
            return errorLines(snippet.trace());
        }
        if (e instanceof CompilationException || e instanceof CellInterruptedException) {
            return errorLines(List.of(e.getMessage().split("\n")));
        }
        return super.formatError(e);
    }

    private List<String> errorLines(List<String> lines) {
        List<String> styled = new ArrayList<>();
        for (String line : lines) {
            styled.add(errorStyler.secondary(line));
        }
        return styled;
    }

    @Override
    public HistoryManager getHistoryManager() {
        return cells;
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        jshell.close();
    }

    /**
     * Clears the output of the running cell (now, or when the next output arrives).
     *
     * @throws IllegalStateException outside a running cell
     */
    public void clearOutput(boolean wait) {
        ShellReplyEnvironment env = executing;
        if (env == null) {
            throw new IllegalStateException(
                    "clearOutput() works only while a cell runs. Call it from a cell.");
        }
        publisher.submit(() -> env.publish(
                wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
    }

    /** Shows {@code data} below the running cell (sent by the publisher thread). */
    @Override
    public void display(DisplayData data) {
        publisher.submit(() -> Mtl4jKernel.super.display(data));
    }

    /** Replaces what display id {@code id} shows (sent by the publisher thread). */
    @Override
    public void updateDisplay(String id, DisplayData data) {
        publisher.submit(() -> io.display.updateDisplay(id, data));
    }

    /**
     * Points {@code System.out} and {@code System.err} at the notebook for good (see {@link
     * NotebookStreams}: threads a cell started keep printing to the notebook after it ends) and
     * {@code System.in} at the front end while the cell runs.
     */
    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        streams.attach(env);
        System.setOut(streams.out());
        System.setErr(streams.err());
        java.io.InputStream in = System.in;
        System.setIn(io.in);
        env.defer(() -> System.setIn(in));
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::replyKernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::replyHistory);
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::replyShutdown);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, this::replyInterrupt);
        connection.setHandler(MessageType.COMM_INFO_REQUEST, this::replyCommInfo);
        queue = new QueuedAfterError(ShellBacklog.of(connection));
        for (MessageType<?> type : List.of(MessageType.INSPECT_REQUEST,
                MessageType.COMPLETE_REQUEST, MessageType.HISTORY_REQUEST,
                MessageType.IS_COMPLETE_REQUEST, MessageType.COMM_INFO_REQUEST,
                MessageType.KERNEL_INFO_REQUEST, MessageType.COMM_OPEN_COMMAND,
                MessageType.COMM_MSG_COMMAND, MessageType.COMM_CLOSE_COMMAND)) {
            afterEachShellRequest(connection, type);
        }
    }

    /** Lets the stop-on-error queue see every shell request, not only execute requests. */
    private <T> void afterEachShellRequest(JupyterConnection connection, MessageType<T> type) {
        org.dflib.jjava.jupyter.channels.ShellHandler<T> handler = connection.getHandler(type);
        if (handler == null) {
            return;
        }
        connection.setHandler(type, (env, message) -> {
            try {
                handler.handle(env, message);
            } finally {
                if (Thread.currentThread() == shellThread) {
                    queue.handled();
                }
            }
        });
    }

    @Override
    protected synchronized void handleExecuteRequest(
            ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        shellThread = Thread.currentThread();
        if (queue.shouldAbort(message)) {
            env.setBusyDeferIdle();
            // before the reply, so that a cell sent on seeing this reply is not taken for a
            // queued one
            queue.handled();
            env.reply(new OkReplies.Aborted());
            return;
        }
        jshell.inRequest(true);
        cells.record(executionCount.get(), message.getContent().getCode());
        executing = env;
        cellFailed = false;
        failureQueued = false;
        running = message;
        try {
            super.handleExecuteRequest(env, message);
        } finally {
            publisher.drain();
            executing = null;
            jshell.inRequest(false);
            if (cellFailed) {
                queueFailure();
            } else {
                queue.handled();
            }
            running = null;
        }
    }

    /**
     * Tells the stop-on-error queue that the running cell failed, once, on the shell thread (the
     * only thread that may look at the shell socket).
     */
    private void queueFailure() {
        Message<ExecuteRequest> request = running;
        if (request != null && !failureQueued && Thread.currentThread() == shellThread) {
            failureQueued = true;
            queue.failed(request);
        }
    }

    private void replyKernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new OkReplies.KernelInfo(Header.PROTOCOL_VERISON, name, version,
                getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    private void replyHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        java.util.Set<HistoryManager.ResultFlag> flags =
                java.util.EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<org.dflib.jjava.jupyter.kernel.history.HistoryEntry> entries =
                switch (request.getAccessType()) {
                    case TAIL -> cells.lookupTail(
                            ((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                    case RANGE -> {
                        HistoryRequest.Range range = (HistoryRequest.Range) request;
                        yield cells.lookupRange(range.getSessionIndex(), range.getStart(),
                                range.getStop(), flags);
                    }
                    case SEARCH -> {
                        HistoryRequest.Search search = (HistoryRequest.Search) request;
                        if (search.filterUnique()) {
                            flags.add(HistoryManager.ResultFlag.UNIQUE);
                        }
                        yield cells.search(search.getPattern(), search.getMaxReturnLength(),
                                flags);
                    }
                };
        env.reply(new OkReplies.History(entries));
    }

    private void replyShutdown(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        env.setBusyDeferIdle();
        boolean restart = message.getContent().isRestart();
        env.defer().reply(new OkReplies.Shutdown(restart));
        jshell.interrupt();
        onShutdown(restart);
        publisher.stop();
        env.resolveDeferrals();
        env.markForShutdown();
    }

    private void replyInterrupt(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        env.defer().reply(new OkReplies.Interrupt());
        interrupt();
    }

    private void replyCommInfo(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
        env.setBusyDeferIdle();
        Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
        String target = message.getContent().getTargetName();
        for (Comm comm : commManager) {
            if (target == null || target.equals(comm.getTargetName())) {
                comms.put(comm.getID(), new CommInfoReply.CommInfo(comm.getTargetName()));
            }
        }
        env.reply(new OkReplies.CommInfo(comms));
    }
}
