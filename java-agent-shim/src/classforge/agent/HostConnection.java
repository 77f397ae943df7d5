package classforge.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shim's side of the conversation with the TypeScript transform host (src/agent/), over the
 * host process's stdin/stdout (premain starts it) or over the Unix domain socket of a
 * {@code classforge attach} session.
 *
 * <p>Any number of application threads ask for transforms at once; each request carries an id and
 * waits for its own answer. One reader thread receives every frame; the host's questions (the bytes
 * of a class as a loader sees it, for frame computation) are answered by a second thread, so that
 * the reader never blocks on a class loader. Both are {@link ShimThread}s: what they load is never
 * sent to the host. When the host is gone or slow, waiting requests give up and the class is left
 * unchanged (fail open).
 */
final class HostConnection {
    /** A transform's answer. */
    static final class Result {
        final int status;
        final byte[] bytes;
        final String message;
        /** With a changed class: the classes the transforms added for it (internal names), to define first. */
        final String[] addedNames;
        final byte[][] addedClasses;

        Result(int status, byte[] bytes, String message) {
            this(status, bytes, message, new String[0], new byte[0][]);
        }

        Result(int status, byte[] bytes, String message, String[] addedNames, byte[][] addedClasses) {
            this.status = status;
            this.bytes = bytes;
            this.message = message;
            this.addedNames = addedNames;
            this.addedClasses = addedClasses;
        }
    }

    /** Receives the host's session commands (attach only). */
    interface ControlListener {
        void retransformRequested(int id);

        void detachRequested(int id, boolean restore);
    }

    /**
     * A request waiting for its answer. The host's questions about classes while it transforms
     * this request's class (FIND_CLASS naming the request) are answered by the waiting thread
     * itself, as a Java agent's own lookups would be: that thread is defining the class and may
     * hold locks the class loader's getResource needs (a loader that is not parallel capable is
     * locked for the whole loadClass; one with a synchronized getResource then blocks any other
     * thread until the timeout).
     */
    private final class Pending {
        private Result result;
        private boolean done;
        /** Questions for the waiting thread; once it gave up, they go to the class finder. */
        private final List<Object[]> ownQuestions = new ArrayList<Object[]>();
        private boolean abandoned;

        synchronized void complete(Result value) {
            result = value;
            done = true;
            notifyAll();
        }

        /** Hands a question to the waiting thread; false when it no longer waits. */
        synchronized boolean ask(Object[] question) {
            if (done || abandoned) {
                return false;
            }
            ownQuestions.add(question);
            notifyAll();
            return true;
        }

        Result await(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                Object[] question;
                synchronized (this) {
                    while (!done && ownQuestions.isEmpty()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            abandoned = true;
                            questions.addAll(ownQuestions);
                            return null;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                    if (ownQuestions.isEmpty()) {
                        return result;
                    }
                    question = ownQuestions.remove(0);
                }
                answer(question);
            }
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final Closeable underlying;
    private final Process process;
    private final LoaderRegistry loaders = new LoaderRegistry();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<Integer, Pending>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final BlockingQueue<Object[]> questions = new LinkedBlockingQueue<Object[]>();
    private final Pending handshake = new Pending();
    private final AtomicInteger timeouts = new AtomicInteger();
    /**
     * Set when a request timed out, cleared by the next frame the host sends. The host handles one
     * request at a time, so while it is stuck (a transform in an endless loop) every request behind
     * the stuck one would wait out the whole timeout: 2,000 classes loaded by 8 threads under a 10 s
     * timeout would hold the program for 40 minutes. Meanwhile classes load unchanged at once.
     */
    private volatile boolean stalled;
    private volatile String closedReason;
    private volatile ControlListener controlListener;
    /** Set when the JVM is exiting: the host ending then is expected, not worth a warning. */
    private volatile boolean stopping;

    private HostConnection(InputStream in, OutputStream out, Closeable underlying, Process process) {
        this.in = in;
        this.out = out;
        this.underlying = underlying;
        this.process = process;
    }

    /** premain: starts `node <host script> --agent-jar <jar>` and talks over its stdin/stdout. */
    static HostConnection startHostProcess(AgentSettings settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(settings.node, settings.hostScript, "--agent-jar", settings.agentJar.getPath());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        final Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start the transform host `" + settings.node + " " + settings.hostScript
                    + "` (set CLASSFORGE_NODE to the node executable): " + e.getMessage());
        }
        Closeable closer = new Closeable() {
            public void close() {
                process.destroy();
            }
        };
        final HostConnection connection = new HostConnection(process.getInputStream(), process.getOutputStream(), closer, process);
        Runtime.getRuntime().addShutdownHook(new ShimThread("classforge-host-stopper", new Runnable() {
            public void run() {
                connection.stopHost();
            }
        }));
        return connection;
    }

    /**
     * At JVM exit: end of input lets the host finish and exit by itself (and flush what it logs);
     * one still running after a moment is killed.
     */
    private void stopHost() {
        stopping = true;
        try {
            out.close();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (Exception e) {
            process.destroy();
        }
    }

    /**
     * agentmain: connects to the attach session — its Unix domain socket when this JVM has Unix
     * domain SocketChannels (Java 16, JEP 380), else its pair of named pipes.
     */
    static HostConnection connectToSession(AgentSettings settings) throws IOException {
        if (settings.socketPath == null && settings.fifoPath == null) {
            throw new IOException("no socket= or fifo= argument: this agent jar was loaded into a running JVM by something other than `classforge attach`");
        }
        if (settings.forceFifo || settings.socketPath == null || !hasUnixDomainSockets()) {
            if (settings.fifoPath == null) {
                throw new IOException("classforge attach needs a target JVM of Java 16 or later (Unix domain sockets) or a session with named pipes; this one is "
                        + System.getProperty("java.version"));
            }
            return connectToPipes(settings.fifoPath);
        }
        return connectToSocket(settings);
    }

    private static boolean hasUnixDomainSockets() {
        try {
            Class.forName("java.net.UnixDomainSocketAddress");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The session's named pipes (made 0600 by {@code classforge attach} in its private directory):
     * this end writes {@code .to-host} and reads {@code .from-host}. Opening a pipe blocks until the
     * other end opens it too; the attach command opens both ends before it loads the agent, so
     * the order here cannot deadlock.
     */
    private static HostConnection connectToPipes(String fifoPath) throws IOException {
        final FileOutputStream output = new FileOutputStream(fifoPath + ".to-host");
        final FileInputStream input;
        try {
            input = new FileInputStream(fifoPath + ".from-host");
        } catch (IOException e) {
            output.close();
            throw e;
        }
        Closeable both = new Closeable() {
            public void close() throws IOException {
                try {
                    output.close();
                } finally {
                    input.close();
                }
            }
        };
        return new HostConnection(input, output, both, null);
    }

    /**
     * The session's Unix domain socket. Unix domain SocketChannels arrived in Java 16 (JEP 380); the
     * shim is compiled for Java 8, so they are reached by reflection.
     */
    private static HostConnection connectToSocket(AgentSettings settings) throws IOException {
        final SocketChannel channel;
        try {
            Class<?> addressClass = Class.forName("java.net.UnixDomainSocketAddress");
            Object address = addressClass.getMethod("of", String.class).invoke(null, settings.socketPath);
            Class<?> familyClass = Class.forName("java.net.StandardProtocolFamily");
            Object unix = null;
            for (Object constant : familyClass.getEnumConstants()) {
                if (constant.toString().equals("UNIX")) {
                    unix = constant;
                }
            }
            channel = (SocketChannel) SocketChannel.class.getMethod("open", ProtocolFamily.class).invoke(null, unix);
            channel.connect((SocketAddress) address);
        } catch (ClassNotFoundException e) {
            throw new IOException("classforge attach needs a target JVM of Java 16 or later (Unix domain sockets); this one is "
                    + System.getProperty("java.version"));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot connect to " + settings.socketPath + ": " + ShimLog.describe(e), e);
        }
        // Own streams rather than Channels.newInputStream/newOutputStream, which in some JDKs hold
        // the channel's blocking lock during a read and so would block every write meanwhile.
        InputStream input = new InputStream() {
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            public int read(byte[] buffer, int offset, int length) throws IOException {
                return length == 0 ? 0 : channel.read(ByteBuffer.wrap(buffer, offset, length));
            }
        };
        OutputStream output = new OutputStream() {
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            public void write(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer data = ByteBuffer.wrap(buffer, offset, length);
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }
        };
        return new HostConnection(input, output, channel, null);
    }

    LoaderRegistry loaders() {
        return loaders;
    }

    boolean isClosed() {
        return closedReason != null;
    }

    void setControlListener(ControlListener listener) {
        this.controlListener = listener;
    }

    /**
     * Starts the reader threads, says hello (the JVM's home, so that the host reads the JDK's own
     * classes from its runtime image), and waits until the host has loaded the transforms.
     */
    void handshake(boolean attached, String token, long timeoutMillis) throws IOException {
        new ShimThread("classforge-host-reader", new Runnable() {
            public void run() {
                readFrames();
            }
        }).start();
        new ShimThread("classforge-class-finder", new Runnable() {
            public void run() {
                answerQuestions();
            }
        }).start();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(payload);
        data.writeUTF(System.getProperty("java.home", ""));
        data.writeUTF(System.getProperty("java.specification.version", ""));
        data.writeByte(attached ? 1 : 0);
        data.writeUTF(token == null ? "" : token);
        try {
            send(Frames.HELLO, 0, payload.toByteArray());
        } catch (IOException e) {
            hostEnded("the transform host ended before it was ready");
            throw new IOException(closedReason != null ? closedReason : e.getMessage());
        }
        Result answer;
        try {
            answer = handshake.await(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the transform host");
        }
        if (answer == null) {
            close("the host did not start in time");
            throw new IOException(closedReason != null && !closedReason.equals("the host did not start in time")
                    ? closedReason : "the transform host did not get ready within " + timeoutMillis + " ms");
        }
        if (answer.status != Frames.READY) {
            close("the host could not start");
            throw new IOException(answer.message);
        }
    }

    /**
     * Sends one class to the host and waits for its answer: null when the host is gone or did not
     * answer in time (then the caller leaves the class unchanged).
     */
    Result transform(int loaderId, String internalName, boolean redefining, byte[] bytes, int[] transforms, long timeoutMillis) {
        if (closedReason != null || stalled) {
            return null;
        }
        int id = nextId.getAndIncrement();
        Pending request = new Pending();
        pending.put(id, request);
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream(bytes.length + internalName.length() + 16);
            DataOutputStream data = new DataOutputStream(payload);
            data.writeInt(loaderId);
            data.writeUTF(internalName);
            data.writeByte(redefining ? 1 : 0);
            data.writeInt(bytes.length);
            data.write(bytes);
            // The transforms that select the class (AgentSettings.selectingTransforms): the host runs only these.
            data.writeShort(transforms.length);
            for (int transform : transforms) {
                data.writeShort(transform);
            }
            send(Frames.TRANSFORM, id, payload.toByteArray());
            Result result = request.await(timeoutMillis);
            if (result == null && closedReason == null) {
                stalled = true;
                int count = timeouts.incrementAndGet();
                if (count <= 5) {
                    ShimLog.warning("the transform host did not answer within " + timeoutMillis + " ms for "
                            + internalName.replace('/', '.') + ": left unchanged, as are the classes that load until it answers"
                            + (count == 5 ? " (further timeouts are not reported)" : ""));
                }
            }
            return result;
        } catch (IOException e) {
            close("cannot write to the transform host: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Sends a frame (any thread), header and payload in one write: the session socket's stream is
     * unbuffered, and a frame written in four pieces reached the host as up to four reads.
     */
    void send(int type, int id, byte[] payload) throws IOException {
        byte[] frame = new byte[9 + payload.length];
        int length = payload.length + 5;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        frame[4] = (byte) type;
        frame[5] = (byte) (id >>> 24);
        frame[6] = (byte) (id >>> 16);
        frame[7] = (byte) (id >>> 8);
        frame[8] = (byte) id;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    /** Ends the conversation: pending requests give up (their classes stay unchanged). */
    void close(String reason) {
        boolean first;
        synchronized (this) {
            first = closedReason == null;
            if (first) {
                closedReason = reason;
            }
        }
        if (!first) {
            return;
        }
        handshake.complete(null);
        for (Pending request : pending.values()) {
            request.complete(null);
        }
        try {
            underlying.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    private void readFrames() {
        DataInputStream input = new DataInputStream(in);
        try {
            while (true) {
                int length;
                try {
                    length = input.readInt();
                } catch (EOFException e) {
                    hostEnded("the transform host exited");
                    return;
                }
                if (length < 5 || length > Frames.MAX_FRAME) {
                    hostEnded("the transform host sent a malformed frame (length " + length + ")");
                    return;
                }
                byte[] frame = new byte[length];
                input.readFully(frame);
                // The host is working again (see stalled).
                stalled = false;
                DataInputStream data = new DataInputStream(new ByteArrayInputStream(frame));
                int type = data.readUnsignedByte();
                int id = data.readInt();
                dispatch(type, id, data);
            }
        } catch (IOException e) {
            hostEnded("lost the transform host: " + e.getMessage());
        }
    }

    private void hostEnded(String reason) {
        if (closedReason == null) {
            String exit = "";
            if (process != null) {
                try {
                    if (process.waitFor(2, TimeUnit.SECONDS)) {
                        exit = " (exit status " + process.exitValue() + ")";
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!stopping && (handshake.done || !pending.isEmpty())) {
                ShimLog.warning(reason + exit + ": classes load unchanged from now on");
            }
            close(reason + exit);
        }
    }

    private void dispatch(int type, int id, DataInputStream data) throws IOException {
        switch (type) {
            case Frames.READY:
                handshake.complete(new Result(Frames.READY, null, data.readUTF()));
                break;
            case Frames.FATAL:
                handshake.complete(new Result(Frames.FATAL, null, data.readUTF()));
                break;
            case Frames.RESULT: {
                int status = data.readUnsignedByte();
                Result result;
                if (status == Frames.RESULT_CHANGED) {
                    byte[] bytes = new byte[data.readInt()];
                    data.readFully(bytes);
                    // The classes the transforms added (a host sends them only to a shim that said which
                    // transforms select the class, as this one does).
                    int addedCount = data.available() >= 4 ? data.readInt() : 0;
                    String[] addedNames = new String[addedCount];
                    byte[][] addedClasses = new byte[addedCount][];
                    for (int i = 0; i < addedCount; i++) {
                        addedNames[i] = data.readUTF();
                        addedClasses[i] = new byte[data.readInt()];
                        data.readFully(addedClasses[i]);
                    }
                    result = new Result(status, bytes, null, addedNames, addedClasses);
                } else if (status == Frames.RESULT_FAILED) {
                    result = new Result(status, null, data.readUTF());
                } else {
                    result = new Result(Frames.RESULT_UNCHANGED, null, null);
                }
                Pending request = pending.get(id);
                if (request != null) {
                    request.complete(result);
                }
                break;
            }
            case Frames.FIND_CLASS: {
                Object[] question = {Integer.valueOf(id), Integer.valueOf(data.readInt()), data.readUTF()};
                // The TRANSFORM request it serves (hosts before it was added leave it out): its
                // waiting thread answers, else the class finder (see Pending).
                Pending waiting = data.available() >= 4 ? pending.get(Integer.valueOf(data.readInt())) : null;
                if (waiting == null || !waiting.ask(question)) {
                    questions.add(question);
                }
                break;
            }
            case Frames.RETRANSFORM:
            case Frames.DETACH: {
                ControlListener listener = controlListener;
                if (listener != null) {
                    if (type == Frames.RETRANSFORM) {
                        listener.retransformRequested(id);
                    } else {
                        listener.detachRequested(id, data.readUnsignedByte() != 0);
                    }
                }
                break;
            }
            default:
                hostEnded("the transform host sent an unknown frame type " + type);
        }
    }

    /** Answers FIND_CLASS: the class file of a class as the given loader sees it (getResource). */
    private void answerQuestions() {
        while (closedReason == null) {
            Object[] question;
            try {
                question = questions.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (question != null) {
                answer(question);
            }
        }
    }

    /** Sends CLASS_BYTES for a FIND_CLASS question (id, loader id, internal name). */
    private void answer(Object[] question) {
        int id = ((Integer) question[0]).intValue();
        int loaderId = ((Integer) question[1]).intValue();
        String internalName = (String) question[2];
        byte[] bytes = null;
        try {
            bytes = findClassFile(loaderId, internalName);
        } catch (Throwable t) {
            bytes = null;
        }
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream(bytes == null ? 1 : bytes.length + 5);
            DataOutputStream data = new DataOutputStream(payload);
            data.writeByte(bytes == null ? 0 : 1);
            if (bytes != null) {
                data.writeInt(bytes.length);
                data.write(bytes);
            }
            send(Frames.CLASS_BYTES, id, payload.toByteArray());
        } catch (IOException e) {
            close("cannot write to the transform host: " + e.getMessage());
        }
    }

    private byte[] findClassFile(int loaderId, String internalName) throws IOException {
        String resource = internalName + ".class";
        InputStream stream;
        if (loaderId == 0) {
            stream = ClassLoader.getSystemResourceAsStream(resource);
        } else {
            ClassLoader loader = loaders.loaderOf(loaderId);
            stream = loader == null ? null : loader.getResourceAsStream(resource);
        }
        if (stream == null) {
            return null;
        }
        return Streams.readAll(stream);
    }
}
