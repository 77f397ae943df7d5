package classforge.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the helper classes the JDK's own classes may call (those {@code classforge agent} found to refer
 * only to the JDK and to each other: {@code helperClasses.bootstrap}) on the bootstrap class path, which
 * every class loader searches first, as Byte Buddy's ClassInjector.UsingInstrumentation does: copied
 * from the agent jar into a jar of their own (the agent jar itself would bring the shim's classes there
 * too, splitting its package between two loaders). On Java 9 and later, the bootstrap loader's unnamed
 * module, which then holds them, is made readable to every module of the boot layer: a named module
 * reads only what it declares (JLS 7.7.1), and java.base calling a helper would fail with
 * IllegalAccessError. Called at start, before the transformer is installed.
 */
final class BootstrapHelpers {
    private BootstrapHelpers() {}

    static void install(Instrumentation instrumentation, AgentSettings settings) {
        if (settings.bootstrapHelpers.isEmpty()) {
            return;
        }
        try {
            File jar = File.createTempFile("classforge-helpers-", ".jar");
            jar.deleteOnExit();
            copyHelpers(settings, jar);
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            String first = settings.bootstrapHelpers.iterator().next();
            Class<?> helper = Class.forName(first.replace('/', '.'), false, null);
            makeReadableToBootLayer(instrumentation, helper);
        } catch (Throwable t) {
            ShimLog.warning("the helper classes are not on the bootstrap class path, so the JDK's classes cannot use them: "
                    + ShimLog.describe(t));
        }
    }

    private static void copyHelpers(AgentSettings settings, File target) throws IOException {
        JarFile agent = new JarFile(settings.agentJar);
        try {
            JarOutputStream out = new JarOutputStream(new FileOutputStream(target));
            try {
                for (String name : settings.bootstrapHelpers) {
                    JarEntry entry = agent.getJarEntry(name + ".class");
                    if (entry == null) {
                        throw new IOException(name + ".class is missing from " + settings.agentJar);
                    }
                    out.putNextEntry(new JarEntry(name + ".class"));
                    out.write(Streams.readAll(agent.getInputStream(entry)));
                    out.closeEntry();
                }
            } finally {
                out.close();
            }
        } finally {
            agent.close();
        }
    }

    /**
     * Every named module of the boot layer that cannot read the module of {@code helper} (the
     * bootstrap loader's unnamed module) is redefined to read it. Through reflection: the shim is
     * compiled for Java 8, where none of this exists (nor is needed).
     */
    private static void makeReadableToBootLayer(Instrumentation instrumentation, Class<?> helper) throws Exception {
        Object unnamed = Modules.of(helper);
        if (unnamed == null) {
            return;
        }
        Class<?> moduleClass = Class.forName("java.lang.Module");
        Class<?> layerClass = Class.forName("java.lang.ModuleLayer");
        Object bootLayer = layerClass.getMethod("boot").invoke(null);
        Set<?> modules = (Set<?>) layerClass.getMethod("modules").invoke(bootLayer);
        Method canRead = moduleClass.getMethod("canRead", moduleClass);
        Method isModifiable = Instrumentation.class.getMethod("isModifiableModule", moduleClass);
        for (Object module : modules) {
            if (Boolean.TRUE.equals(canRead.invoke(module, unnamed)) || !Boolean.TRUE.equals(isModifiable.invoke(instrumentation, module))) {
                continue;
            }
            Modules.redefine(instrumentation, module, Collections.singleton(unnamed), Collections.<String, Set<Object>>emptyMap());
        }
    }
}
