// The Javassist side of test/source-javassist-differential.test.ts (see test/support/javassist-oracle.ts,
// which compiles this file against /usr/share/java/javassist.jar at test time).
//
//   java -cp <this>:javassist.jar JavassistEdits <scenario file> <class dir> <output dir>
//
// The scenario file has one step a line, fields separated by tabs:
//   id  op  class  member  arg  snippet
// Steps with the same id form one scenario, applied in order to a fresh ClassPool over <class dir>.
// Each scenario's classes named by its steps go to <output dir>/<id>/ (Javassist's writeFile); when a
// step throws, <output dir>/<id>/ERROR holds the exception's class and message instead.
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javassist.ClassPool;
import javassist.CtBehavior;
import javassist.CtClass;
import javassist.CtConstructor;
import javassist.CtField;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.expr.Cast;
import javassist.expr.ConstructorCall;
import javassist.expr.ExprEditor;
import javassist.expr.FieldAccess;
import javassist.expr.Handler;
import javassist.expr.Instanceof;
import javassist.expr.MethodCall;
import javassist.expr.NewArray;
import javassist.expr.NewExpr;

public class JavassistEdits {
  public static void main(String[] args) throws Exception {
    Map<String, List<String[]>> scenarios = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] fields = line.split("\t", -1);
      if (fields.length != 6) throw new IllegalArgumentException("not 6 fields: " + line);
      scenarios.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fields);
    }
    for (Map.Entry<String, List<String[]>> scenario : scenarios.entrySet()) {
      Path out = Paths.get(args[2], scenario.getKey());
      Files.createDirectories(out);
      ClassPool pool = new ClassPool(true);
      pool.appendClassPath(args[1]);
      Set<String> touched = new LinkedHashSet<>();
      try {
        for (String[] step : scenario.getValue()) {
          apply(pool, step);
          touched.add(step[2]);
        }
        for (String name : touched) pool.get(name).writeFile(out.toString());
      } catch (Throwable t) {
        String message = t.getClass().getName() + ": " + t.getMessage();
        Files.write(out.resolve("ERROR"), message.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** `name(descriptor)`, `<init>(descriptor)` or `<clinit>`. */
  static CtBehavior behavior(CtClass cc, String member) throws Exception {
    if (member.equals("<clinit>")) return cc.getClassInitializer();
    int paren = member.indexOf('(');
    String name = member.substring(0, paren);
    String descriptor = member.substring(paren);
    if (name.equals("<init>")) return cc.getConstructor(descriptor);
    return cc.getMethod(name, descriptor);
  }

  static void instrument(CtClass cc, String member, ExprEditor editor) throws Exception {
    if (member.equals("*")) cc.instrument(editor);
    else behavior(cc, member).instrument(editor);
  }

  /** `name`, or `pkg.Class.name` to match the owner too. */
  static boolean matches(String filter, String className, String name) {
    int dot = filter.lastIndexOf('.');
    if (dot < 0) return filter.equals(name);
    return filter.substring(0, dot).equals(className) && filter.substring(dot + 1).equals(name);
  }

  static void apply(ClassPool pool, String[] step) throws Exception {
    final String op = step[1];
    final CtClass cc = pool.get(step[2]);
    final String member = step[3];
    final String arg = step[4];
    final String src = step[5];
    switch (op) {
      case "insertBefore": behavior(cc, member).insertBefore(src); break;
      case "insertAfter": behavior(cc, member).insertAfter(src); break;
      case "insertAfterFinally": behavior(cc, member).insertAfter(src, true); break;
      case "addCatch": {
        String[] parts = arg.split(" ");
        if (parts.length > 1) behavior(cc, member).addCatch(src, pool.get(parts[0]), parts[1]);
        else behavior(cc, member).addCatch(src, pool.get(parts[0]));
        break;
      }
      case "setBody": behavior(cc, member).setBody(src); break;
      case "insertAt": behavior(cc, member).insertAt(Integer.parseInt(arg), src); break;
      case "insertBeforeBody": ((CtConstructor) behavior(cc, member)).insertBeforeBody(src); break;
      case "makeMethod": cc.addMethod(CtNewMethod.make(src, cc)); break;
      case "makeConstructor": cc.addConstructor(CtNewConstructor.make(src, cc)); break;
      case "addField": {
        CtField field = CtField.make(src, cc);
        if (arg.isEmpty()) cc.addField(field);
        else cc.addField(field, arg);
        break;
      }
      case "editCall":
        instrument(cc, member, new ExprEditor() {
          public void edit(MethodCall m) throws javassist.CannotCompileException {
            if (matches(arg, m.getClassName(), m.getMethodName())) m.replace(src);
          }
        });
        break;
      case "editConstructorCall":
        instrument(cc, member, new ExprEditor() {
          public void edit(ConstructorCall c) throws javassist.CannotCompileException {
            if (arg.equals(c.isSuper() ? "super" : "this")) c.replace(src);
          }
        });
        break;
      case "editField":
        instrument(cc, member, new ExprEditor() {
          public void edit(FieldAccess f) throws javassist.CannotCompileException {
            String name = arg.substring(2);
            boolean kind = arg.startsWith("r:") ? f.isReader() : arg.startsWith("w:") ? f.isWriter() : true;
            if (kind && matches(name, f.getClassName(), f.getFieldName())) f.replace(src);
          }
        });
        break;
      case "editNew":
        instrument(cc, member, new ExprEditor() {
          public void edit(NewExpr e) throws javassist.CannotCompileException {
            if (e.getClassName().equals(arg)) e.replace(src);
          }
        });
        break;
      case "editNewArray":
        instrument(cc, member, new ExprEditor() {
          public void edit(NewArray a) throws javassist.CannotCompileException {
            try {
              if (a.getComponentType().getName().equals(arg)) a.replace(src);
            } catch (javassist.NotFoundException e) {
              throw new javassist.CannotCompileException(e);
            }
          }
        });
        break;
      case "editCast":
        instrument(cc, member, new ExprEditor() {
          public void edit(Cast c) throws javassist.CannotCompileException {
            try {
              if (c.getType().getName().equals(arg)) c.replace(src);
            } catch (javassist.NotFoundException e) {
              throw new javassist.CannotCompileException(e);
            }
          }
        });
        break;
      case "editInstanceof":
        instrument(cc, member, new ExprEditor() {
          public void edit(Instanceof i) throws javassist.CannotCompileException {
            try {
              if (i.getType().getName().equals(arg)) i.replace(src);
            } catch (javassist.NotFoundException e) {
              throw new javassist.CannotCompileException(e);
            }
          }
        });
        break;
      case "editHandler":
        instrument(cc, member, new ExprEditor() {
          public void edit(Handler h) throws javassist.CannotCompileException {
            try {
              CtClass type = h.getType();
              if ((type == null ? "finally" : type.getName()).equals(arg)) h.insertBefore(src);
            } catch (javassist.NotFoundException e) {
              throw new javassist.CannotCompileException(e);
            }
          }
        });
        break;
      default:
        throw new IllegalArgumentException("unknown op " + op);
    }
  }
}
