package classforge.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The module operations the shim needs on Java 9 and later (JLS 7.7, java.lang.instrument's
 * redefineModule), through reflection: the shim is compiled for Java 8, which has no modules.
 */
final class Modules {
    private Modules() {}

    /** The module of {@code type}, or null on Java 8. */
    static Object of(Class<?> type) throws Exception {
        Method getModule;
        try {
            getModule = Class.class.getMethod("getModule");
        } catch (NoSuchMethodException java8) {
            return null;
        }
        return getModule.invoke(type);
    }

    /**
     * {@code Instrumentation.redefineModule(module, extraReads, {}, extraOpens, {}, {})}: makes
     * {@code module} read {@code extraReads} and open the packages of {@code extraOpens} to the given modules.
     */
    static void redefine(Instrumentation instrumentation, Object module, Set<?> extraReads, Map<String, ? extends Set<?>> extraOpens)
            throws Exception {
        Method redefine = Instrumentation.class.getMethod("redefineModule", Class.forName("java.lang.Module"), Set.class, Map.class,
                Map.class, Set.class, Map.class);
        redefine.invoke(instrumentation, module, extraReads, Collections.emptyMap(), extraOpens, Collections.emptySet(),
                Collections.emptyMap());
    }
}
