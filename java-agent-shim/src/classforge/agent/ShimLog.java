package classforge.agent;

/** The agent's messages: one line each on the JVM's standard error, prefixed "[classforge]". */
final class ShimLog {
    private ShimLog() {}

    static void error(String message) {
        System.err.println("[classforge] " + message);
    }

    static void warning(String message) {
        System.err.println("[classforge] warning: " + message);
    }

    /** "ExceptionClass: message" on one line, the causes' messages appended. */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder();
        int open = 0;
        Throwable current = t;
        while (current != null) {
            if (current != t) {
                text.append(" (caused by ");
                open++;
            }
            String message = current.getMessage();
            text.append(current.getClass().getName());
            if (message != null) {
                text.append(": ").append(message.replace('\n', ' '));
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        for (int i = 0; i < open; i++) {
            text.append(')');
        }
        return text.toString();
    }
}
