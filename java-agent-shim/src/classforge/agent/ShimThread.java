package classforge.agent;

/**
 * A thread of the agent itself (the host reader, the class finder). The transformer never sends
 * the classes such a thread loads to the host: the host may be waiting for that very thread, and
 * re-entering it would deadlock (the DESIGN's "class-loading recursion" guard).
 */
final class ShimThread extends Thread {
    ShimThread(String name, Runnable body) {
        super(body, name);
        setDaemon(true);
    }
}
