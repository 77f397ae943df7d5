// Javassist's side of test/source-javassist-library.test.ts: a trace inserted into every method of a
// directory of classes with the real Javassist (Debian's libjavassist-java), as classforge/source does it
// on the TypeScript side with the same calls and snippets.
//
//   java -cp javassist.jar:<this> JavassistTraceEveryMethod <classDir> <outDir> <tracingClassPath> <mode>
//
// Modes: `around` and `around-finally`: every method with code except synthetic ones gets insertBefore
// (the method and $args) and insertAfter (the method, $args and ($w)$_; around-finally: insertAfter(src,
// true), which also runs when the method throws). `expressions`: an ExprEditor over every class replaces
// each method call ($proceed($$) after tracing $args), each `new` ($proceed($$) before tracing $args) and
// each read of a static field outside java.* ($proceed() before tracing ($w)$_), except in static
// initializers (some iterate HashMaps keyed by Class objects, whose order follows identity hash codes).
// Each class is written to outDir; a refused method or class is reported as "refused <what> <message>"
// on stderr. Prints "done <edits> refused <count>" on stderr at the end.
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
import javassist.expr.ExprEditor;
import javassist.expr.FieldAccess;
import javassist.expr.MethodCall;
import javassist.expr.NewExpr;

public class JavassistTraceEveryMethod {
  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    String mode = args[3];
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
      if (mode.equals("expressions")) {
        Expressions editor = new Expressions();
        try {
          type.instrument(editor);
          done += editor.edits;
        } catch (CannotCompileException e) {
          System.err.println("refused " + name + " " + e.getMessage());
          refused++;
        }
        type.writeFile(args[1]);
        continue;
      }
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
              + " + \" = \" + tracing.TraceText.one(($w)$_));", mode.equals("around-finally"));
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

  /** The `expressions` mode's editor. */
  private static final class Expressions extends ExprEditor {
    int edits;

    @Override
    public void edit(MethodCall call) throws CannotCompileException {
      if (call.getClassName().startsWith("tracing.") || call.where().getMethodInfo().isStaticInitializer()) return;
      call.replace("{ tracing.TraceText.line(\"call " + call.getClassName() + "." + call.getMethodName()
          + " \" + tracing.TraceText.all($args)); $_ = $proceed($$); }");
      edits++;
    }

    @Override
    public void edit(NewExpr expression) throws CannotCompileException {
      if (expression.where().getMethodInfo().isStaticInitializer()) return;
      expression.replace("{ $_ = $proceed($$); tracing.TraceText.line(\"new " + expression.getClassName()
          + " \" + tracing.TraceText.all($args)); }");
      edits++;
    }

    @Override
    public void edit(FieldAccess access) throws CannotCompileException {
      if (access.where().getMethodInfo().isStaticInitializer() || !access.isReader() || !access.isStatic()
          || access.getClassName().startsWith("java.")) {
        return;
      }
      access.replace("{ $_ = $proceed(); tracing.TraceText.line(\"get " + access.getFieldName()
          + " = \" + tracing.TraceText.one(($w)$_)); }");
      edits++;
    }
  }
}
