package classforge.agent;

/**
 * The frame types of the shim ⇄ host protocol; src/agent/agent-protocol.ts is the other side and
 * documents each payload. A frame is: u4 length of what follows, u1 type, u4 id, payload (big
 * endian, strings as DataOutput.writeUTF, byte arrays as u4 length + bytes).
 */
final class Frames {
    private Frames() {}

    static final int HELLO = 1;
    static final int READY = 2;
    static final int FATAL = 3;
    static final int TRANSFORM = 10;
    static final int RESULT = 11;
    static final int FIND_CLASS = 12;
    static final int CLASS_BYTES = 13;
    static final int RETRANSFORM = 20;
    static final int RETRANSFORMED = 21;
    static final int DETACH = 22;
    static final int DETACHED = 23;

    static final int RESULT_UNCHANGED = 0;
    static final int RESULT_CHANGED = 1;
    static final int RESULT_FAILED = 2;

    /** The largest frame either side accepts: a class file is at most a few MB. */
    static final int MAX_FRAME = 256 * 1024 * 1024;
}
