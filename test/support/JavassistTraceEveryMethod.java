// Javassist's side of test/source-javassist-library.test.ts: a trace inserted into every method of a
// directory of classes with the real Javassist (Debian's libjavassist-java), as classforge/source does it
// on the TypeScript side with the same calls and snippets.
//
//   java -cp javassist.jar:<this> JavassistTraceEveryMethod <classDir> <outDir> <tracingClassPath> [finally]
//
// Every method with code except synthetic ones gets insertBefore (the method and $args) and insertAfter
// (the method, $args and ($w)$_; with `finally`, insertAfter(src, true), which also runs when the method
// throws). Each class is written to outDir; a refused method is reported as "refused <method> <message>"
// on stderr. Prints "done <methods> refused <methods>" on stderr at the end.
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javassist.CannotCompileException;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtMethod;
import javassist.Modifier;
import javassist.bytecode.AccessFlag;

public class JavassistTraceEveryMethod {
  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    boolean asFinally = args.length > 3 && args[3].equals("finally");
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(args[0]);
    pool.appendClassPath(args[2]);
    List<String> names;
    try (Stream<Path> walk = Files.walk(dir)) {
      names = walk.map(path -> dir.relativize(path).toString().replace('\\', '/'))
          .filter(path -> path.endsWith(".class") && !path.endsWith("module-info.class"))
          .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
    int done = 0;
    int refused = 0;
    for (String name : names) {
      CtClass type = pool.get(name);
      for (CtMethod method : type.getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        if (Modifier.isAbstract(modifiers) || Modifier.isNative(modifiers)
            || (method.getMethodInfo().getAccessFlags() & AccessFlag.SYNTHETIC) != 0) {
          continue;
        }
        String where = type.getName() + "." + method.getName() + method.getSignature();
        try {
          method.insertBefore("tracing.TraceText.line(\"> " + where + " \" + tracing.TraceText.all($args));");
          method.insertAfter("tracing.TraceText.line(\"< " + method.getName() + " \" + tracing.TraceText.all($args)"
              + " + \" = \" + tracing.TraceText.one(($w)$_));", asFinally);
          done++;
        } catch (CannotCompileException e) {
          System.err.println("refused " + where + " " + e.getMessage());
          refused++;
        }
      }
      type.writeFile(args[1]);
    }
    System.err.println("done " + done + " refused " + refused);
  }
}
