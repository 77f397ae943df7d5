import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the Java sides of `npm run bench` share (AsmBench, ClassFileApiBench): loading the class files, timing
 * passes, and the two modes bench/run.mjs drives.
 * - `<dir of .class files> <warm runs> <workload>...`: one JSON line per workload
 *   ({workload, firstMs, medianMs, runs, classes, failed}).
 * - `<dir of .class files> serve <workload>`: "ready" (or "unsupported"), then one pass per line read from
 *   stdin, each answered with {"ms":…,"failed":…}; bench/run.mjs alternates these passes with the other sides'.
 */
final class BenchHarness {
  interface Workload { void run(byte[] b); }

  private BenchHarness() {}

  /** Runs the harness; `workloads` gives a workload by name, or null when the side does not support it. */
  static void main(String[] args, Function<String, Workload> workloads) throws IOException {
    List<byte[]> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
        classes.add(Files.readAllBytes(p));
      }
    }
    if (args[1].equals("serve")) {
      serve(classes, workloads.apply(args[2]));
      return;
    }
    int runs = Integer.parseInt(args[1]);
    for (int i = 2; i < args.length; i++) {
      String name = args[i];
      Workload w = workloads.apply(name);
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
      System.out.printf(Locale.ROOT,
          "{\"workload\":\"%s\",\"firstMs\":%.1f,\"medianMs\":%.1f,\"runs\":%d,\"classes\":%d,\"failed\":%d}%n",
          name, first, times[runs / 2], runs, classes.size(), failed);
    }
  }

  private static void serve(List<byte[]> classes, Workload w) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
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
      System.out.printf(Locale.ROOT, "{\"ms\":%.2f,\"failed\":%d}%n", (System.nanoTime() - t) / 1e6, failed);
      System.out.flush();
    }
  }

  private static int pass(List<byte[]> classes, Workload w) {
    int failed = 0;
    for (byte[] b : classes) {
      try { w.run(b); } catch (RuntimeException e) { failed++; }
    }
    return failed;
  }
}
