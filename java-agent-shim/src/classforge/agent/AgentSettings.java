package classforge.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What {@code classforge agent} wrote into the jar's {@code classforge/agent/agent.properties}
 * (see src/agent/agent-jar.ts, which is the other side of these keys), plus the agent arguments.
 */
final class AgentSettings {
    static final String PROPERTIES_ENTRY = "classforge/agent/agent.properties";

    /** The agent jar itself (the host reads the transforms from it). */
    final File agentJar;
    /** The node executable and classforge's host script that premain starts. */
    final String node;
    final String hostScript;
    /** How long one class may wait for the host before it is left unchanged (fail open). */
    final long timeoutMillis;
    /** How long premain waits for the host to start and load the transforms. */
    final long startTimeoutMillis;
    /** The transforms' include/exclude filters: a class is sent when one of them selects it. */
    final List<ClassNameFilter> filters;
    /**
     * Per transform, the command line's {@code --include}/{@code --exclude} that narrow it (null
     * when none): a transform selects a class when its own filter and this one both do.
     */
    final List<ClassNameFilter> selections;
    /**
     * The helper classes the transforms added to the jar (internal names): they load from the jar
     * as they are, like {@code classforge transform} adds them, and are never sent to the host.
     */
    final Set<String> helperClasses;
    /** Those of them the shim also puts on the bootstrap class path, for the JDK's classes (BootstrapHelpers). */
    final Set<String> bootstrapHelpers;
    /** The attach session's Unix socket and token (agent arguments), or null for premain. */
    final String socketPath;
    final String token;
    /**
     * The attach session's pair of named pipes, {@code <fifo>.to-host} and {@code <fifo>.from-host}
     * (agent argument), for JVMs without Unix domain SocketChannels (before Java 16), or null.
     */
    final String fifoPath;
    /** {@code transport=fifo}: use the named pipes even when Unix sockets are available (tests). */
    final boolean forceFifo;
    /**
     * {@code persist=1} ({@code attach --persist}): the transforms stay in effect after the session,
     * also when a later retransformation (another session's) restarts the classes from their
     * original bytes.
     */
    final boolean persist;
    /**
     * {@code remove-persisted=1} ({@code attach --remove-persisted}): unregister what earlier
     * {@code --persist} sessions left and restore their classes, writing the outcome to the
     * {@code result=} file; no host, no transforms.
     */
    final boolean removePersisted;
    final String resultPath;

    private AgentSettings(Properties properties, String args, File agentJar) {
        this.agentJar = agentJar;
        String nodeOverride = System.getenv("CLASSFORGE_NODE");
        this.node = nodeOverride != null && nodeOverride.length() > 0 ? nodeOverride : required(properties, "host.node");
        this.hostScript = required(properties, "host.script");
        this.timeoutMillis = parseLong(argument(args, "timeout"), parseLong(properties.getProperty("timeoutMillis"), 10000L));
        this.startTimeoutMillis = parseLong(properties.getProperty("startTimeoutMillis"), 60000L);
        this.socketPath = argument(args, "socket");
        this.token = argument(args, "token");
        this.fifoPath = argument(args, "fifo");
        this.forceFifo = "fifo".equals(argument(args, "transport"));
        this.persist = "1".equals(argument(args, "persist"));
        this.removePersisted = "1".equals(argument(args, "remove-persisted"));
        this.resultPath = argument(args, "result");
        this.helperClasses = nameSet(properties.getProperty("helperClasses"));
        this.bootstrapHelpers = nameSet(properties.getProperty("helperClasses.bootstrap"));
        int count = (int) parseLong(properties.getProperty("transforms"), 0L);
        this.filters = new ArrayList<ClassNameFilter>();
        this.selections = new ArrayList<ClassNameFilter>();
        for (int i = 0; i < count; i++) {
            filters.add(new ClassNameFilter(
                    properties.getProperty("transform." + i + ".include"),
                    properties.getProperty("transform." + i + ".exclude")));
            String selectionInclude = properties.getProperty("transform." + i + ".selection.include");
            String selectionExclude = properties.getProperty("transform." + i + ".selection.exclude");
            selections.add(selectionInclude == null && selectionExclude == null ? null : new ClassNameFilter(selectionInclude, selectionExclude));
        }
    }

    /**
     * Reads the settings of the agent jar: the one named by a {@code jar=} argument (attach: a JVM
     * attached twice already has the first session's jar on its class path, whose resources would
     * shadow the second's), else the jar this class came from (premain).
     */
    static AgentSettings load(String args) throws IOException {
        File jar = argument(args, "jar") != null ? new File(argument(args, "jar")) : ownJar();
        Properties properties = new Properties();
        JarFile jarFile = new JarFile(jar);
        try {
            JarEntry entry = jarFile.getJarEntry(PROPERTIES_ENTRY);
            if (entry == null) {
                throw new IOException(PROPERTIES_ENTRY + " is missing from " + jar + " (build agent jars with `classforge agent`)");
            }
            InputStream input = jarFile.getInputStream(entry);
            try {
                properties.load(input);
            } finally {
                input.close();
            }
        } finally {
            jarFile.close();
        }
        return new AgentSettings(properties, args, jar);
    }

    /** The value of {@code key=value} in the ';'-separated agent arguments, or null. */
    static String argument(String args, String key) {
        if (args == null) {
            return null;
        }
        for (String argument : args.split(";")) {
            if (argument.startsWith(key + "=")) {
                return argument.substring(key.length() + 1);
            }
        }
        return null;
    }

    /**
     * Whether some transform's globs select the class (dotted name). A class of the JDK (defined by
     * the bootstrap or the platform class loader) is selected only by a transform whose include
     * globs name it: a transform without include globs means "the application's classes", as Byte
     * Buddy's agents ignore those loaders by default. Instrumenting the JDK classes the
     * instrumentation itself runs through (a println in every method of java.io) recurses forever.
     */
    boolean selects(String dottedName, boolean jdkClass) {
        return selectingTransforms(dottedName, jdkClass).length > 0;
    }

    /**
     * The indices of the transforms whose globs select the class, in order (see {@link #selects}); the
     * host runs only these on it.
     */
    int[] selectingTransforms(String dottedName, boolean jdkClass) {
        int[] selected = new int[filters.size()];
        int count = 0;
        for (int i = 0; i < filters.size(); i++) {
            ClassNameFilter filter = filters.get(i);
            ClassNameFilter selection = selections.get(i);
            // Include globs of the command line name classes as much as the transform's own do.
            boolean named = filter.hasIncludes() || (selection != null && selection.hasIncludes());
            if ((!jdkClass || named) && filter.matches(dottedName) && (selection == null || selection.matches(dottedName))) {
                selected[count++] = i;
            }
        }
        return count == selected.length ? selected : Arrays.copyOf(selected, count);
    }

    /**
     * Warns about each helper class that the JVM would take from another jar than this agent's, with
     * other bytes: an earlier {@code classforge attach} session's agent jar stays on the system class
     * path, ahead of this one, so a helper class changed since then (the transform was edited) is
     * shadowed by its old version, and the classes transformed now would call that one.
     */
    void warnAboutShadowedHelpers() {
        if (helperClasses.isEmpty()) {
            return;
        }
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            JarFile jar = new JarFile(agentJar);
            try {
                for (String name : helperClasses) {
                    JarEntry own = jar.getJarEntry(name + ".class");
                    URL found = system.getResource(name + ".class");
                    if (own == null || found == null) {
                        continue;
                    }
                    if (!Arrays.equals(Streams.readAll(jar.getInputStream(own)), Streams.readAll(found.openStream()))) {
                        ShimLog.warning("the helper class " + name.replace('/', '.') + " of this session is shadowed by " + found
                                + " (an earlier session's agent jar, which stays on the JVM's class path): the classes"
                                + " transformed now use that version; restart the JVM to use this one");
                    }
                }
            } finally {
                jar.close();
            }
        } catch (IOException e) {
            ShimLog.warning("cannot check the helper classes against those already on the class path: " + ShimLog.describe(e));
        }
    }

    /** The names of a list separated by '\n' (a property value), in order. */
    private static Set<String> nameSet(String list) {
        Set<String> names = new LinkedHashSet<String>();
        if (list != null) {
            for (String name : list.split("\n")) {
                if (name.length() > 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static File ownJar() throws IOException {
        CodeSource source = AgentSettings.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell which jar the agent was loaded from");
        }
        try {
            URI uri = source.getLocation().toURI();
            return new File(uri);
        } catch (Exception e) {
            throw new IOException("cannot tell which jar the agent was loaded from: " + source.getLocation(), e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.length() == 0) {
            throw new IllegalStateException("agent.properties has no " + key);
        }
        return value;
    }

    private static long parseLong(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
