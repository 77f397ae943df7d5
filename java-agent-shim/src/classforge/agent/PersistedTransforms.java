package classforge.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The transformers that {@code classforge attach --persist} sessions left registered (replaying
 * what they gave each class, see {@link HostTransformer}), and {@code attach --remove-persisted},
 * which unregisters them and retransforms their classes back: to their original bytes, or to what
 * the transformers still registered (a -javaagent's, a live session's) make of them. Byte Buddy's
 * ResettableClassFileTransformer.reset is the same idea for an agent's own code.
 *
 * <p>Every session of a JVM runs the shim classes the first session loaded (the system class
 * loader already has them when a later agent jar is appended), so this static list is shared by all.
 */
final class PersistedTransforms {
    private PersistedTransforms() {}

    private static final List<HostTransformer> TRANSFORMERS = new ArrayList<HostTransformer>();

    static void add(HostTransformer transformer) {
        synchronized (TRANSFORMERS) {
            TRANSFORMERS.add(transformer);
        }
    }

    /**
     * Unregisters every persisted transformer, retransforms the classes they changed, and writes
     * what was done to {@code resultPath} ("sessions=N", "restored=N", "failed=N" lines, read by
     * {@code classforge attach}). The JVM applies a retransformation of several classes to all or to
     * none (JVMTI RetransformClasses), so after a refusal each class is tried alone.
     */
    static void removeAll(Instrumentation instrumentation, String resultPath) throws IOException {
        List<HostTransformer> removed;
        synchronized (TRANSFORMERS) {
            removed = new ArrayList<HostTransformer>(TRANSFORMERS);
            TRANSFORMERS.clear();
        }
        Set<Class<?>> classes = new LinkedHashSet<Class<?>>();
        for (HostTransformer transformer : removed) {
            transformer.unregister();
            classes.addAll(transformer.replayedClasses());
        }
        int restored = 0;
        int failed = 0;
        if (!classes.isEmpty()) {
            try {
                instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
                restored = classes.size();
            } catch (Throwable refused) {
                for (Class<?> type : classes) {
                    try {
                        instrumentation.retransformClasses(type);
                        restored++;
                    } catch (Throwable t) {
                        failed++;
                        ShimLog.error("cannot restore " + type.getName() + ": " + ShimLog.describe(t));
                    }
                }
            }
        }
        if (resultPath != null) {
            Writer out = new OutputStreamWriter(new FileOutputStream(new File(resultPath)), "UTF-8");
            try {
                out.write("sessions=" + removed.size() + "\nrestored=" + restored + "\nfailed=" + failed + "\n");
            } finally {
                out.close();
            }
        }
    }
}
