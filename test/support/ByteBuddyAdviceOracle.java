// A Byte Buddy oracle for the TypeScript Advice inliner: applies the real net.bytebuddy.asm.Advice
// (Debian's /usr/share/java/byte-buddy.jar, 1.12.21, ASM shaded inside) to a directory of compiled
// classes, so a test can run both rewrites and compare program output or refusals.
//
//   javac -cp /usr/share/java/byte-buddy.jar -d <harness dir> ByteBuddyAdviceOracle.java
//   java -cp /usr/share/java/byte-buddy.jar:<harness dir> ByteBuddyAdviceOracle \
//       <adviceDir> <adviceClassName> <targetDir> <outDir> <methodRegex> [--constructors]
//       [--bind <annotation>=<kind>:<value>]... [--assign-returned]
//
// adviceDir holds the compiled advice classes; adviceClassName is the advice's binary name with dots
// (p.TimingAdvice). Every .class file under targetDir (recursively), except the advice class and its
// nested classes, is redefined with Advice.to(advice, locator).on(matcher) (its declared methods only) and written to outDir at
// the same relative path; a class with no matching method is copied unchanged. The matcher takes
// methods (never constructors or <clinit>) whose name matches methodRegex (ElementMatchers.nameMatches,
// i.e. String.matches on the whole name), except abstract and native ones; --constructors adds every
// constructor. Nothing is loaded into the JVM: types are described by a TypePool over the two folders
// and the system class loader's resources (only the annotation types --bind names are loaded, from
// adviceDir: Advice.withCustomMapping().bind takes a Class; kind is string, int, long, boolean, double,
// class, enum (value <enum binary name>.<constant>, bind(annotation, Enum)), property (value an element
// name: bindProperty) or field (value <class binary name>.<field>: bind(annotation, FieldDescription))). Frames are Byte Buddy's own (no COMPUTE_FRAMES).
//
// Exit 0: one line "rewrote <binary name>" per rewritten class on stderr. Exit 1: a single line
// "ERROR: <message>" on stderr (e.g. Byte Buddy refusing an invalid advice or binding), and nothing is
// written to outDir (all classes are rewritten in memory first).
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.nameMatches;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.File;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
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
    boolean assignReturned = false;
    List<String> positional = new ArrayList<>();
    List<String> bindings = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--constructors")) constructors = true;
      else if (args[i].equals("--assign-returned")) assignReturned = true;
      else if (args[i].equals("--bind")) bindings.add(args[++i]);
      else positional.add(args[i]);
    }
    if (positional.size() != 5) {
      throw new IllegalArgumentException("usage: ByteBuddyAdviceOracle <adviceDir> <adviceClassName> "
          + "<targetDir> <outDir> <methodRegex> [--constructors] [--bind <annotation>=<kind>:<value>]...");
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

    // --bind: Advice.withCustomMapping().bind(annotation, value), the annotation loaded from adviceDir.
    Advice.WithCustomMapping mapping = Advice.withCustomMapping();
    ClassLoader annotations = new URLClassLoader(new URL[] {adviceDir.toUri().toURL()}, ByteBuddyAdviceOracle.class.getClassLoader());
    for (String binding : bindings) {
      int equals = binding.indexOf('=');
      int colon = binding.indexOf(':', equals);
      @SuppressWarnings("unchecked")
      Class<? extends Annotation> annotation = (Class<? extends Annotation>) Class.forName(binding.substring(0, equals), false, annotations);
      String kind = binding.substring(equals + 1, colon);
      String text = binding.substring(colon + 1);
      Object value;
      switch (kind) {
        case "string": value = text; break;
        case "int": value = Integer.valueOf(text); break;
        case "long": value = Long.valueOf(text); break;
        case "boolean": value = Boolean.valueOf(text); break;
        case "double": value = Double.valueOf(text); break;
        case "class": value = typePool.describe(text).resolve(); break;
        case "property": mapping = mapping.bindProperty(annotation, text); continue;
        case "field": {
          // <class binary name>.<field>, described by the type pool (nothing loaded).
          int dot = text.lastIndexOf('.');
          String fieldName = text.substring(dot + 1);
          mapping = mapping.bind(annotation, typePool.describe(text.substring(0, dot)).resolve().getDeclaredFields()
              .filter(net.bytebuddy.matcher.ElementMatchers.named(fieldName)).getOnly());
          continue;
        }
        case "enum": {
          // <enum binary name>.<constant>, the enum loaded from adviceDir like the annotations.
          int dot = text.lastIndexOf('.');
          @SuppressWarnings({"unchecked", "rawtypes"})
          Enum<?> constant = Enum.valueOf((Class) Class.forName(text.substring(0, dot), true, annotations), text.substring(dot + 1));
          mapping = mapping.bind(annotation, constant);
          continue;
        }
        default: throw new IllegalArgumentException("unknown --bind kind " + kind);
      }
      mapping = mapping.bind(annotation, value);
    }
    // --assign-returned: the advice methods' @Advice.AssignReturned.To… annotations applied (Byte Buddy ignores them otherwise).
    if (assignReturned) mapping = mapping.with(new Advice.AssignReturned.Factory());
    Advice advice = mapping.to(typePool.describe(adviceName).resolve(), locator);
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
      // Declared methods only: matched, an inherited default method would be overridden by Byte Buddy's
      // builder (a new method calling the interface's, with the advice around it), which no class visitor does.
      byte[] rewritten = new ByteBuddy()
          .redefine(type, locator)
          .visit(advice.on(isDeclaredBy(type).and(matcher)))
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
