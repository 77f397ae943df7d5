package classforge.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Defines the classes a transform added for a class (ctx.addClass) with that class's loader, while the
 * JVM loads it: {@code ClassLoader.defineClass} through reflection, as Byte Buddy's
 * ClassInjector.UsingReflection does. On Java 9 and later, java.base does not open java.lang to the
 * agent, so the shim first has the JVM open it (Instrumentation.redefineModule), once. A class the loader
 * already has (defined for an earlier load of the same class, or by a retransformation) is left as it
 * is. Defining one runs the transformer on this thread again, which lets it through untouched (the
 * re-entrancy guard of HostTransformer), as the transforms' own classes should be.
 */
final class ClassDefiner {
    private ClassDefiner() {}

    private static Method defineClass;
    private static Method findLoadedClass;

    static void define(Instrumentation instrumentation, ClassLoader loader, ProtectionDomain domain, String[] names, byte[][] classes)
            throws Exception {
        prepare(instrumentation);
        for (int i = 0; i < names.length; i++) {
            String name = names[i].replace('/', '.');
            if (findLoadedClass.invoke(loader, name) != null) {
                continue;
            }
            defineClass.invoke(loader, name, classes[i], Integer.valueOf(0), Integer.valueOf(classes[i].length), domain);
        }
    }

    private static synchronized void prepare(Instrumentation instrumentation) throws Exception {
        if (defineClass != null) {
            return;
        }
        openJavaLang(instrumentation);
        Method define = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ProtectionDomain.class);
        define.setAccessible(true);
        Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        find.setAccessible(true);
        findLoadedClass = find;
        defineClass = define;
    }

    /** Java 9+: java.base opens java.lang to the shim's module, so that setAccessible works. */
    private static void openJavaLang(Instrumentation instrumentation) throws Exception {
        Object javaBase = Modules.of(Object.class);
        if (javaBase == null) {
            return;
        }
        Map<String, Set<Object>> opens = Collections.singletonMap("java.lang", Collections.singleton(Modules.of(ClassDefiner.class)));
        Modules.redefine(instrumentation, javaBase, Collections.emptySet(), opens);
    }
}
