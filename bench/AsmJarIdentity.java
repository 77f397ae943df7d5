import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * The JVM side of bench/jar-identity.mjs: what `classforge transform in.jar -o out.jar -t identity` does,
 * written with ASM and java.util.zip: every class through ClassReader → (identity ClassVisitor) →
 * ClassWriter(reader, 0), every entry written to a new jar.
 */
public final class AsmJarIdentity {
  public static void main(String[] args) throws Exception {
    try (ZipFile in = new ZipFile(args[0]); ZipOutputStream out = new ZipOutputStream(new FileOutputStream(args[1]))) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes;
        try (InputStream stream = in.getInputStream(entry)) { bytes = readAll(stream); }
        if (entry.getName().endsWith(".class")) {
          ClassReader reader = new ClassReader(bytes);
          ClassWriter writer = new ClassWriter(reader, 0);
          reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {}, 0);
          bytes = writer.toByteArray();
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
  }

  static byte[] readAll(InputStream in) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) > 0; ) buffer.write(chunk, 0, n);
    return buffer.toByteArray();
  }
}
