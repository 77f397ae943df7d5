import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javassist.CannotCompileException;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtField;
import javassist.CtMethod;
import javassist.CtNewMethod;
import javassist.Modifier;
import javassist.NotFoundException;
import javassist.expr.ExprEditor;
import javassist.expr.MethodCall;

/**
 * The Javassist side of `npm run bench:source`: the source-level workloads bench/classforge-bench.mjs runs
 * with classforge/source, on the same class files (modes and output: see BenchHarness).
 * Usage: java -cp javassist.jar:. JavassistBench <dir of .class files> (<warm runs> <workload>... | serve <workload>)
 *
 * One pool per process, over the corpus directory and the JDK (as classforge's pool): the classes it reads to
 * compile snippets and rebuild frames stay cached across passes, like ASM's loaded classes in AsmBench. Each
 * class of a pass is made from its bytes, edited, written (toBytecode) and detached, so that the next pass
 * makes it afresh.
 */
public final class JavassistBench {
  public static void main(String[] args) throws IOException {
    ClassPool pool = new ClassPool(true);
    try {
      pool.appendClassPath(args[0]);
    } catch (NotFoundException e) {
      throw new IllegalArgumentException(e);
    }
    BenchHarness.main(args, name -> workload(pool, name));
  }

  interface Edit { void apply(CtClass c) throws Exception; }

  static BenchHarness.Workload workload(ClassPool pool, String name) {
    Edit edit;
    switch (name) {
      // javassist.md's figure: a println at the start of every method with a body.
      case "insert-before": edit = c -> {
          for (CtMethod m : bodies(c)) m.insertBefore("System.out.println(\"enter\");");
        };
        break;
      // Method timing, Javassist's tutorial idiom: a local over the whole body, set before, read after.
      case "timing": edit = c -> {
          for (CtMethod m : bodies(c)) {
            m.addLocalVariable("__t0", CtClass.longType);
            m.insertBefore("__t0 = System.nanoTime();");
            m.insertAfter("System.out.println(\"took \" + (System.nanoTime() - __t0));");
          }
        };
        break;
      // Every method call of every method and constructor replaced by itself through $proceed: one snippet
      // compiled per call site.
      case "expr-editor": edit = c -> c.instrument(new ExprEditor() {
          @Override public void edit(MethodCall call) throws CannotCompileException {
            call.replace("{ $_ = $proceed($$); }");
          }
        });
        break;
      // A counter field and its accessor made from source in every class (interfaces excepted).
      case "add-members": edit = c -> {
          if (c.isInterface()) return;
          c.addField(CtField.make("public static int __calls;", c));
          c.addMethod(CtNewMethod.make("public static int __calls() { return __calls; }", c));
        };
        break;
      default: throw new IllegalArgumentException("unknown workload " + name);
    }
    return b -> {
      CtClass c;
      try {
        c = pool.makeClass(new ByteArrayInputStream(b));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        edit.apply(c);
        c.toBytecode();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new RuntimeException(e);
      } finally {
        c.detach();
      }
    };
  }

  /** The declared methods that have code (neither abstract nor native). */
  static java.util.List<CtMethod> bodies(CtClass c) {
    java.util.List<CtMethod> out = new java.util.ArrayList<>();
    for (CtMethod m : c.getDeclaredMethods()) {
      if ((m.getModifiers() & (Modifier.ABSTRACT | Modifier.NATIVE)) == 0) out.add(m);
    }
    return out;
  }
}
