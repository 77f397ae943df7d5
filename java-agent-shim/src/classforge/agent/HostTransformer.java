package classforge.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The one ClassFileTransformer: hands each class that some transform's globs select to the host
 * and returns what it answers. Returning null leaves a class unchanged, which is what happens for
 * unselected classes, the agent's own classes and threads, a re-entrant load on a thread already
 * talking to the host, a failed transform (logged) and a host that is gone or slow (fail open).
 *
 * <p>{@code attach --persist}: the session ends but its transformer stays registered, replaying the
 * bytes it gave each class. JVMTI retransformation (a later session's, another agent's) restarts
 * every class from its original bytes and runs the registered retransformation-capable
 * transformers in registration order: a transformer that left would take its changes with it. So
 * a persisted session keeps its changes under any later retransformation, and a later session's
 * transformer composes after it (and restoring that later session goes back to the persisted
 * state, not to the original class).
 */
final class HostTransformer implements ClassFileTransformer, HostConnection.ControlListener {
    private final HostConnection host;
    private final AgentSettings settings;
    private final Instrumentation instrumentation;
    /** Set while this thread waits for the host: a class it loads meanwhile is left alone. */
    private final ThreadLocal<Boolean> talkingToHost = new ThreadLocal<Boolean>();
    /** "loaderId name" of every class the host changed, for restoring them on detach. */
    private final Set<String> changed = Collections.synchronizedSet(new HashSet<String>());
    /**
     * {@code attach --persist} (agent argument {@code persist=1}): what this transformer gave each
     * class, kept after the session ends so that a retransformation gets the same bytes again.
     * By class when the class is being retransformed, by "loaderId name" when it is being loaded
     * (it has no Class yet; moved to {@link #replays} when the session ends).
     */
    private final Map<Class<?>, Replay> replays = Collections.synchronizedMap(new WeakHashMap<Class<?>, Replay>());
    private final Map<String, Replay> loadedReplays = Collections.synchronizedMap(new HashMap<String, Replay>());
    /** Set when a --persist session ended: from then on the transformer only replays. */
    private volatile boolean persisted;
    /** Whether a class whose input changed under a replay was already reported. */
    private volatile boolean replayMismatchReported;

    /** The bytes this transformer was given for a class and the ones it returned. */
    private static final class Replay {
        final byte[] input;
        final byte[] output;

        Replay(byte[] input, byte[] output) {
            this.input = input.clone();
            this.output = output;
        }
    }

    HostTransformer(HostConnection host, AgentSettings settings, Instrumentation instrumentation) {
        this.host = host;
        this.settings = settings;
        this.instrumentation = instrumentation;
    }

    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (persisted) {
            return replay(className, classBeingRedefined, classfileBuffer);
        }
        if (className == null || classfileBuffer == null || Thread.currentThread() instanceof ShimThread
                || className.startsWith("classforge/agent/") || settings.helperClasses.contains(className) || host.isClosed()) {
            return null;
        }
        // The guard comes before the filter: matching a glob may load a class (java.util.regex's,
        // on first use), which comes back here on this thread; filtering it would need the class
        // being loaded (ClassCircularityError).
        if (talkingToHost.get() != null) {
            return null;
        }
        talkingToHost.set(Boolean.TRUE);
        try {
            int[] transforms = settings.selectingTransforms(className.replace('/', '.'), isJdkClass(loader, protectionDomain));
            if (transforms.length == 0) {
                return null;
            }
            int loaderId = host.loaders().idOf(loader);
            HostConnection.Result result =
                    host.transform(loaderId, className, classBeingRedefined != null, classfileBuffer, transforms, settings.timeoutMillis);
            if (result == null) {
                int[] count = changedNow.get();
                if (classBeingRedefined != null && count != null) {
                    count[UNANSWERED]++;
                }
                return null;
            }
            if (result.status == Frames.RESULT_CHANGED && result.addedNames.length > 0) {
                // The classes the transforms added for this one (ctx.addClass): defined by its loader
                // first, so that its new code finds them; without them it keeps its original bytes.
                if (isJdkLoader(loader)) {
                    ShimLog.error("the transforms added classes for " + className.replace('/', '.')
                            + ", which a class of the JDK's loaders cannot be given (class left unchanged)");
                    return null;
                }
                try {
                    ClassDefiner.define(instrumentation, loader, protectionDomain, result.addedNames, result.addedClasses);
                } catch (Throwable t) {
                    ShimLog.error("cannot define the classes the transforms added for " + className.replace('/', '.') + ": "
                            + ShimLog.describe(t) + " (class left unchanged)");
                    return null;
                }
            }
            if (settings.persist) {
                remember(loaderId + " " + className, classBeingRedefined, classfileBuffer,
                        result.status == Frames.RESULT_CHANGED ? result.bytes : null);
            }
            if (result.status == Frames.RESULT_CHANGED) {
                changed.add(loaderId + " " + className);
                int[] count = changedNow.get();
                if (classBeingRedefined != null && count != null) {
                    count[CHANGED]++;
                }
                return result.bytes;
            }
            if (result.status == Frames.RESULT_FAILED) {
                ShimLog.error(result.message + " (class left unchanged)");
            }
            return null;
        } catch (Throwable t) {
            ShimLog.error("transforming " + className.replace('/', '.') + ": " + ShimLog.describe(t) + " (class left unchanged)");
            return null;
        } finally {
            talkingToHost.remove();
        }
    }

    /** --persist: records (output non-null) or forgets what this transformer gave a class. */
    private void remember(String key, Class<?> type, byte[] input, byte[] output) {
        Replay replay = output == null ? null : new Replay(input, output);
        if (type == null) {
            if (replay == null) {
                loadedReplays.remove(key);
            } else {
                loadedReplays.put(key, replay);
            }
        } else if (replay == null) {
            replays.remove(type);
        } else {
            replays.put(type, replay);
        }
    }

    /**
     * After a --persist session: the bytes this transformer gave the class being retransformed,
     * provided it gets the same input as then (else it cannot redo the transform without the host:
     * the class is left as the transformers before this one made it, with a warning). Classes
     * loaded after the session are not transformed.
     */
    private byte[] replay(String className, Class<?> classBeingRedefined, byte[] classfileBuffer) {
        if (classBeingRedefined == null || classfileBuffer == null) {
            return null;
        }
        Replay replay = replays.get(classBeingRedefined);
        if (replay == null) {
            return null;
        }
        if (!Arrays.equals(replay.input, classfileBuffer)) {
            if (!replayMismatchReported) {
                replayMismatchReported = true;
                ShimLog.warning("the transforms persisted by an earlier `classforge attach --persist` no longer apply to "
                        + String.valueOf(className).replace('/', '.')
                        + ": another agent changed the class before them (further such classes are not reported)");
            }
            return null;
        }
        return replay.output;
    }

    /**
     * Unregisters this transformer. Each agent load has its own Instrumentation (JPLIS), whose
     * removeTransformer only finds the transformers added through it: a later session must come here.
     */
    void unregister() {
        instrumentation.removeTransformer(this);
    }

    /** The loaded classes this persisted transformer replays its bytes for. */
    List<Class<?>> replayedClasses() {
        synchronized (replays) {
            return new ArrayList<Class<?>>(replays.keySet());
        }
    }

    /** Set once the transformer is registered: a retransformation must not start before. */
    private final CountDownLatch installed = new CountDownLatch(1);

    void installed() {
        installed.countDown();
    }

    /** The JDK's own loaders: the bootstrap loader (null) and the platform (Java 8: extension) loader. */
    private static final ClassLoader PLATFORM_LOADER = platformLoader();

    private static ClassLoader platformLoader() {
        try {
            return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
        } catch (Exception e) {
            // Java 8: the extension loader is the system loader's parent.
            ClassLoader system = ClassLoader.getSystemClassLoader();
            return system == null ? null : system.getParent();
        }
    }

    /**
     * Whether {@code loader} defines the JDK's own classes: the bootstrap and platform (Java 8:
     * extension) loaders, and the loaders that core reflection defines its generated accessors with
     * ({@code jdk.internal.reflect.GeneratedMethodAccessor1}…, up to Java 17; Java 8's
     * {@code sun.reflect}), which are the JDK's implementation, not the application's classes.
     */
    static boolean isJdkLoader(ClassLoader loader) {
        if (loader == null || loader == PLATFORM_LOADER) {
            return true;
        }
        String name = loader.getClass().getName();
        return name.equals("jdk.internal.reflect.DelegatingClassLoader") || name.equals("sun.reflect.DelegatingClassLoader");
    }

    /**
     * Whether a class is the JDK's: one of a JDK loader, or one of the runtime image's modules that
     * the JDK defines to the application class loader (jdk.compiler, jdk.jshell, jdk.jdi…, Java 9+:
     * their code source is {@code jrt:/<module>}). Java tools such as scalac load javac's classes
     * that way; they are not the application's classes either.
     */
    static boolean isJdkClass(ClassLoader loader, ProtectionDomain domain) {
        return isJdkLoader(loader) || fromRuntimeImage(domain);
    }

    static boolean isJdkClass(Class<?> type) {
        if (isJdkLoader(type.getClassLoader())) {
            return true;
        }
        try {
            return fromRuntimeImage(type.getProtectionDomain());
        } catch (SecurityException e) {
            return false;
        }
    }

    private static boolean fromRuntimeImage(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location != null && "jrt".equals(location.getProtocol());
    }

    /** attach: the host drives the session (RETRANSFORM after the handshake, DETACH at the end). */
    void serveAttachedSession() {
        host.setControlListener(this);
    }

    public void retransformRequested(final int id) {
        // Not on a ShimThread: the classes retransformed here must reach transform() above.
        Thread worker = new Thread(new Runnable() {
            public void run() {
                try {
                    installed.await();
                } catch (InterruptedException e) {
                    return;
                }
                Outcome outcome;
                try {
                    outcome = retransformSelected("");
                } catch (Throwable t) {
                    ShimLog.error("retransforming the loaded classes failed: " + ShimLog.describe(t));
                    outcome = new Outcome();
                    outcome.failed = 1;
                    outcome.failures.add("(the loaded classes)");
                    outcome.failures.add(ShimLog.describe(t));
                }
                reply(Frames.RETRANSFORMED, id, outcome);
            }
        }, "classforge-retransform");
        worker.setDaemon(true);
        worker.start();
    }

    public void detachRequested(final int id, final boolean restore) {
        Thread worker = new Thread(new Runnable() {
            public void run() {
                if (restore || !settings.persist || !keepReplaying()) {
                    instrumentation.removeTransformer(HostTransformer.this);
                } else {
                    // Stays registered, replaying, until `attach --remove-persisted`.
                    PersistedTransforms.add(HostTransformer.this);
                }
                Outcome outcome;
                try {
                    outcome = restore ? restoreChanged() : new Outcome();
                } catch (Throwable t) {
                    ShimLog.error("restoring the original classes failed: " + ShimLog.describe(t));
                    outcome = new Outcome();
                    outcome.failed = 1;
                }
                reply(Frames.DETACHED, id, outcome);
                host.close("detached");
            }
        }, "classforge-detach");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * --persist, at the end of the session: switches to replaying (see {@link #replay}); false when
     * there is nothing to replay (then the transformer can go).
     */
    private boolean keepReplaying() {
        synchronized (loadedReplays) {
            if (!loadedReplays.isEmpty()) {
                for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                    if (type.isArray()) {
                        continue;
                    }
                    Replay replay = loadedReplays.get(host.loaders().idOf(type.getClassLoader()) + " " + type.getName().replace('.', '/'));
                    if (replay != null && !replays.containsKey(type)) {
                        replays.put(type, replay);
                    }
                }
                loadedReplays.clear();
            }
        }
        persisted = true;
        return !replays.isEmpty();
    }

    /**
     * premain: the JVM loaded some classes before the agent started (java.lang, java.util, …, from
     * the CDS archive): retransforms the ones some transform selects (JDK classes only when a
     * transform's include globs name them), as Byte Buddy's RedefinitionStrategy.RETRANSFORMATION
     * does, so that `run`/-javaagent transform them too. Costs a glob match per loaded class when
     * none is selected. A class the JVM refuses (a transform that adds members) is reported.
     */
    void transformLoadedAtStart() {
        List<Class<?>> selected = new ArrayList<Class<?>>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive() || type.getName().startsWith("classforge.agent.")
                    || !settings.selects(type.getName(), isJdkClass(type))) {
                continue;
            }
            if (instrumentation.isRetransformClassesSupported() && instrumentation.isModifiableClass(type)) {
                selected.add(type);
            } else if (type.getName().indexOf('/') < 0) {
                ShimLog.warning(type.getName() + " was loaded before the agent started and this JVM cannot retransform it: not transformed");
            }
        }
        retransform(selected, " (loaded before the agent started; not transformed)");
    }

    /** Retransforms the loaded classes some transform selects. */
    private Outcome retransformSelected(String context) {
        List<Class<?>> selected = new ArrayList<Class<?>>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && !type.isArray() && !type.getName().startsWith("classforge.agent.")
                    && settings.selects(type.getName(), isJdkClass(type))) {
                selected.add(type);
            }
        }
        return retransform(selected, context);
    }

    /**
     * Retransforms the classes it changed with this transformer removed: back to their original
     * bytes, or to what the transformers registered before this one make of them (a persisted
     * session's, a -javaagent's).
     */
    private Outcome restoreChanged() {
        List<Class<?>> toRestore = new ArrayList<Class<?>>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!type.isArray() && changed.contains(host.loaders().idOf(type.getClassLoader()) + " " + type.getName().replace('.', '/'))) {
                toRestore.add(type);
            }
        }
        return retransform(toRestore, "");
    }

    /** What retransforming some classes did. */
    static final class Outcome {
        /** Classes retransformed, of them the ones this transformer changed, and the ones the JVM refused. */
        int done;
        int changed;
        int failed;
        /** "class name", "reason" pairs of the first refusals. */
        final List<String> failures = new ArrayList<String>();
        /** Classes left unchanged because the host did not answer in time (or was gone). */
        int unanswered;
    }

    /** The most refusals an Outcome names. */
    private static final int MAX_REPORTED_FAILURES = 20;

    /**
     * On a retransforming thread: how many of the classes being retransformed transform() changed
     * ([CHANGED]), and left unchanged because the host did not answer in time ([UNANSWERED]).
     */
    private final ThreadLocal<int[]> changedNow = new ThreadLocal<int[]>();
    private static final int CHANGED = 0;
    private static final int UNANSWERED = 1;

    /**
     * Retransforms the classes: all in one call, which is one JVM operation (one at a time, each
     * costs about half a millisecond of the JVM's own work, whatever the host does: a second for
     * 2,000 classes, against 30 ms at once). The JVM applies such a call to all the classes or to
     * none (JVMTI RetransformClasses), so when it refuses, each class is retransformed alone, to
     * apply the others and name the ones it refuses.
     */
    private Outcome retransform(List<Class<?>> classes, String context) {
        if (classes.size() > 1) {
            int[] count = new int[2];
            changedNow.set(count);
            try {
                instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
                Outcome outcome = new Outcome();
                outcome.done = classes.size();
                outcome.changed = count[CHANGED];
                outcome.unanswered = count[UNANSWERED];
                return outcome;
            } catch (Throwable refused) {
                // Nothing was applied: one at a time below.
            } finally {
                changedNow.remove();
            }
        }
        Outcome outcome = new Outcome();
        for (Class<?> type : classes) {
            int[] count = new int[2];
            changedNow.set(count);
            try {
                instrumentation.retransformClasses(type);
                outcome.done++;
                outcome.changed += count[CHANGED];
                outcome.unanswered += count[UNANSWERED];
            } catch (Throwable t) {
                outcome.failed++;
                // The class keeps its previous bytes: the refused ones must not be replayed.
                replays.remove(type);
                String reason = ShimLog.describe(t);
                if (outcome.failures.size() < 2 * MAX_REPORTED_FAILURES) {
                    outcome.failures.add(type.getName());
                    outcome.failures.add(reason);
                }
                ShimLog.error("cannot retransform " + type.getName() + context + ": " + reason);
            } finally {
                changedNow.remove();
            }
        }
        return outcome;
    }

    /**
     * RETRANSFORMED or DETACHED: u4 retransformed, u4 failed, then (read by hosts that know them)
     * u4 changed, u2 count and that many (class name, reason) pairs, u4 left unchanged because the
     * host did not answer in time.
     */
    private void reply(int type, int id, Outcome outcome) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(payload);
            data.writeInt(outcome.done);
            data.writeInt(outcome.failed);
            data.writeInt(outcome.changed);
            data.writeShort(outcome.failures.size() / 2);
            for (String text : outcome.failures) {
                data.writeUTF(text.length() > 2000 ? text.substring(0, 2000) : text);
            }
            data.writeInt(outcome.unanswered);
            host.send(type, id, payload.toByteArray());
        } catch (IOException e) {
            host.close("cannot write to the transform host: " + e.getMessage());
        }
    }
}
