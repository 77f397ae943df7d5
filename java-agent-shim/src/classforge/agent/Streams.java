package classforge.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading a stream whole (Java 8 has no InputStream.readAllBytes). */
final class Streams {
    private Streams() {}

    /** Everything {@code input} holds; the stream is closed. */
    static byte[] readAll(InputStream input) throws IOException {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = input.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        } finally {
            input.close();
        }
    }
}
