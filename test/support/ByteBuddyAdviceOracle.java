// A Byte Buddy oracle for the TypeScript Advice inliner: applies the real net.bytebuddy.asm.Advice
// (Debian's /usr/share/java/byte-buddy.jar, 1.12.21, ASM shaded inside) to a directory of compiled
// classes, so a test can run both rewrites and compare program output or refusals.
//
//   javac -cp /usr/share/java/byte-buddy.jar -d <harness dir> ByteBuddyAdviceOracle.java
//   java -cp /usr/share/java/byte-buddy.jar:<harness dir> ByteBuddyAdviceOracle \
//       <adviceDir> <adviceClassName> <targetDir> <outDir> <methodRegex> [--constructors]
//
// adviceDir holds the compiled advice classes; adviceClassName is the advice's binary name with dots
// (p.TimingAdvice). Every .class file under targetDir (recursively), except the advice class and its
// nested classes, is redefined with Advice.to(advice, locator).on(matcher) and written to outDir at
// the same relative path; a class with no matching method is copied unchanged. The matcher takes
// methods (never constructors or <clinit>) whose name matches methodRegex (ElementMatchers.nameMatches,
// i.e. String.matches on the whole name), except abstract and native ones; --constructors adds every
// constructor. Nothing is loaded into the JVM: types are described by a TypePool over the two folders
// and the system class loader's resources. Frames are Byte Buddy's own (no COMPUTE_FRAMES).
//
// Exit 0: one line "rewrote <binary name>" per rewritten class on stderr. Exit 1: a single line
// "ERROR: <message>" on stderr (e.g. Byte Buddy refusing an invalid advice or binding), and nothing is
// written to outDir (all classes are rewritten in memory first).
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.nameMatches;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

public class ByteBuddyAdviceOracle {
  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (Throwable t) {
      String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
      System.err.println("ERROR: " + message.replace('\r', ' ').replace('\n', ' '));
      System.exit(1);
    }
  }

  private static int run(String[] args) throws Exception {
    boolean constructors = false;
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--constructors")) constructors = true;
      else positional.add(arg);
    }
    if (positional.size() != 5) {
      throw new IllegalArgumentException("usage: ByteBuddyAdviceOracle <adviceDir> <adviceClassName> "
          + "<targetDir> <outDir> <methodRegex> [--constructors]");
    }
    Path adviceDir = Paths.get(positional.get(0));
    String adviceName = positional.get(1);
    Path targetDir = Paths.get(positional.get(2));
    Path outDir = Paths.get(positional.get(3));
    String methodRegex = positional.get(4);

    ClassFileLocator locator = new ClassFileLocator.Compound(
        new ClassFileLocator.ForFolder(adviceDir.toFile()),
        new ClassFileLocator.ForFolder(targetDir.toFile()),
        ClassFileLocator.ForClassLoader.ofSystemLoader());
    TypePool typePool = TypePool.Default.of(locator);

    ElementMatcher.Junction<MethodDescription> matcher =
        isMethod().and(nameMatches(methodRegex)).and(not(isAbstract())).and(not(isNative()));
    matcher = matcher.or(constructors ? isConstructor() : none());

    List<Path> files;
    try (Stream<Path> walk = Files.walk(targetDir)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".class"))
          .sorted().collect(Collectors.toList());
    }

    Advice advice = Advice.to(typePool.describe(adviceName).resolve(), locator);
    Map<Path, byte[]> outputs = new LinkedHashMap<>();
    for (Path file : files) {
      Path relative = targetDir.relativize(file);
      String path = relative.toString().replace(File.separatorChar, '/');
      String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
      if (name.equals(adviceName) || name.startsWith(adviceName + "$")) continue;
      byte[] original = Files.readAllBytes(file);
      if (name.endsWith("module-info")) {
        outputs.put(relative, original);
        continue;
      }
      TypeDescription type = typePool.describe(name).resolve();
      if (type.getDeclaredMethods().filter(matcher).isEmpty()) {
        outputs.put(relative, original);
        continue;
      }
      byte[] rewritten = new ByteBuddy()
          .redefine(type, locator)
          .visit(advice.on(matcher))
          .make(typePool)
          .getBytes();
      outputs.put(relative, rewritten);
      System.err.println("rewrote " + name);
    }

    for (Map.Entry<Path, byte[]> entry : outputs.entrySet()) {
      Path target = outDir.resolve(entry.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, entry.getValue());
    }
    return 0;
  }
}
