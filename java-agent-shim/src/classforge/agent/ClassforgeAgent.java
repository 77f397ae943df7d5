package classforge.agent;

import java.io.FileOutputStream;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points (java.lang.instrument package documentation): {@code premain} when the
 * JVM starts with {@code -javaagent:agent.jar}, {@code agentmain} when {@code classforge attach}
 * loads the jar into a running JVM.
 *
 * <p>Everything fails open: if the TypeScript host cannot be started or reached, the agent logs one
 * line and installs nothing, so the application runs unchanged.
 */
public final class ClassforgeAgent {
    private ClassforgeAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, false);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, true);
    }

    /**
     * {@code classforge run} sets it to a file the agent creates at premain, so that the command
     * can tell when no JVM loaded the agent (a command that starts no JVM, or none that picks up
     * JAVA_TOOL_OPTIONS).
     */
    static final String RUN_MARKER_VARIABLE = "CLASSFORGE_RUN_MARKER";

    private static void start(String args, Instrumentation instrumentation, boolean attached) {
        if (!attached) {
            markLoaded();
        }
        HostConnection host = null;
        try {
            AgentSettings settings = AgentSettings.load(args);
            if (attached && settings.removePersisted) {
                PersistedTransforms.removeAll(instrumentation, settings.resultPath);
                return;
            }
            if (attached) {
                settings.warnAboutShadowedHelpers();
            }
            BootstrapHelpers.install(instrumentation, settings);
            host = attached ? HostConnection.connectToSession(settings) : HostConnection.startHostProcess(settings);
            // Load what filtering uses (java.util.regex) now, not in the middle of some class's loading.
            settings.selects("classforge.agent.WarmUp", false);
            HostTransformer transformer = new HostTransformer(host, settings, instrumentation);
            if (attached) {
                // Before the handshake: the host asks for a retransformation as soon as it is ready.
                transformer.serveAttachedSession();
            }
            host.handshake(attached, settings.token, settings.startTimeoutMillis);
            instrumentation.addTransformer(transformer, instrumentation.isRetransformClassesSupported());
            transformer.installed();
            if (!attached) {
                // Before main: the classes the JVM loaded before the agent started.
                transformer.transformLoadedAtStart();
            }
        } catch (Throwable t) {
            if (host != null) {
                host.close("the agent failed to start");
            }
            ShimLog.error("agent disabled, the application runs without transforms: " + ShimLog.describe(t));
            if (attached) {
                // Makes the attach fail at once (HotSpot answers "return code: 102") instead of
                // leaving `classforge attach` waiting for a connection that will not come.
                throw new IllegalStateException("classforge agent disabled: " + ShimLog.describe(t));
            }
        }
    }

    private static void markLoaded() {
        try {
            String marker = System.getenv(RUN_MARKER_VARIABLE);
            if (marker != null && marker.length() > 0) {
                new FileOutputStream(marker, true).close();
            }
        } catch (Throwable ignored) {
            // Only a warning of `classforge run` depends on it.
        }
    }
}
