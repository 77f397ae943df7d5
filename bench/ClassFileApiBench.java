import java.io.IOException;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDK ClassFile API (java.lang.classfile, JDK 24+) side of `npm run bench`, when such a JDK is
 * installed. Same workloads and output as AsmBench: tree-parse inflates every element including every
 * instruction; copy shares the pool; full-rewrite builds a new pool.
 */
public final class ClassFileApiBench {
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
      if (w == null) continue;
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

  static int sink;

  static Workload workload(String name) {
    ClassFile shared = ClassFile.of();
    ClassFile newPool = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL);
    ClassFile generateFrames = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL,
        ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
    switch (name) {
      case "tree-parse": return b -> {
        ClassModel cm = shared.parse(b);
        for (ClassElement e : cm) { sink += e.hashCode() & 1; }
        for (MethodModel m : cm.methods()) {
          m.code().ifPresent(code -> { for (var e : (CodeModel) code) { sink += e.hashCode() & 1; } });
        }
      };
      case "copy": return b -> shared.transformClass(shared.parse(b), ClassTransform.ACCEPT_ALL);
      case "full-rewrite": return b -> newPool.transformClass(newPool.parse(b), ClassTransform.ACCEPT_ALL);
      case "compute-frames": return b -> generateFrames.transformClass(generateFrames.parse(b), ClassTransform.ACCEPT_ALL);
      default: return null;
    }
  }
}
