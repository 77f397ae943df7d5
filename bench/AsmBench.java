import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

/**
 * The ASM side of `npm run bench`: the same workloads as bench/run.mjs runs with classforge, on the same
 * class files, printed as one JSON line per workload ({workload, firstMs, medianMs, runs}).
 * Usage: java -cp asm.jar:asm-tree.jar:. AsmBench <dir of .class files> <warm runs> <workload>...
 */
public final class AsmBench {
  interface Workload { void run(byte[] b); }

  public static void main(String[] args) throws IOException {
    List<byte[]> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
        classes.add(Files.readAllBytes(p));
      }
    }
    if (args[1].equals("serve")) {
      serve(classes, workload(args[2]));
      return;
    }
    int runs = Integer.parseInt(args[1]);
    for (int i = 2; i < args.length; i++) {
      String name = args[i];
      Workload w = workload(name);
      long t0 = System.nanoTime();
      int failed = pass(classes, w);
      double first = (System.nanoTime() - t0) / 1e6;
      double[] times = new double[runs];
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        pass(classes, w);
        times[r] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(times);
      System.out.printf(java.util.Locale.ROOT,
          "{\"workload\":\"%s\",\"firstMs\":%.1f,\"medianMs\":%.1f,\"runs\":%d,\"classes\":%d,\"failed\":%d}%n",
          name, first, times[runs / 2], runs, classes.size(), failed);
    }
  }

  /**
   * `serve <workload>`: after "ready", one pass per line read from stdin, each answered with
   * {"ms":…,"failed":…}; bench/run.mjs alternates the passes of the harnesses it runs side by side.
   */
  static void serve(List<byte[]> classes, Workload w) throws IOException {
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    if (w == null) {
      System.out.println("unsupported");
      System.out.flush();
      return;
    }
    System.out.println("ready");
    System.out.flush();
    while (in.readLine() != null) {
      long t = System.nanoTime();
      int failed = pass(classes, w);
      System.out.printf(java.util.Locale.ROOT, "{\"ms\":%.2f,\"failed\":%d}%n", (System.nanoTime() - t) / 1e6, failed);
      System.out.flush();
    }
  }

  static int pass(List<byte[]> classes, Workload w) {
    int failed = 0;
    for (byte[] b : classes) {
      try { w.run(b); } catch (RuntimeException e) { failed++; }
    }
    return failed;
  }

  static Workload workload(String name) {
    switch (name) {
      case "read": return b -> new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
          @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return new MethodVisitor(Opcodes.ASM9) {}; }
        }, 0);
      case "tree-parse": return b -> new ClassReader(b).accept(new ClassNode(), 0);
      case "copy": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(r, 0); r.accept(w, 0); w.toByteArray(); };
      case "full-rewrite": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(0); r.accept(w, 0); w.toByteArray(); };
      case "compute-maxs": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS); r.accept(w, 0); w.toByteArray(); };
      // Frames dropped and computed from scratch; ASM's getCommonSuperClass loads classes (Class.forName).
      case "compute-frames": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES); r.accept(w, ClassReader.SKIP_FRAMES); w.toByteArray(); };
      default: throw new IllegalArgumentException("unknown workload " + name);
    }
  }
}
