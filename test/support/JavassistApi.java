// Javassist 3.27's answers to the queries test/source-javassist-api.test.ts asks classforge/source:
// one line per answer, printed sorted, for the TypeScript side to reproduce line for line.
// Arguments: a class path (entries separated by ':'), then class names; a name prefixed with '+'
// also gets the detailed queries (makeUniqueName, getEnclosingBehavior, visibleFrom, expressions…).
import java.util.*;
import javassist.*;
import javassist.expr.*;

public class JavassistApi {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendPathList(args[0]);
    List<String> out = new ArrayList<>();
    List<CtClass> detailed = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      boolean detail = args[i].startsWith("+");
      CtClass c = pool.get(detail ? args[i].substring(1) : args[i]);
      List<String> refs = new ArrayList<>(c.getRefClasses());
      Collections.sort(refs);
      out.add("refs " + c.getName() + " " + refs);
      if (detail) detailed.add(c);
    }
    for (CtClass c : detailed) {
      for (String prefix : new String[] { "count", "run", "x", "work", "toString", "wait", "ti" })
        out.add("unique " + c.getName() + " " + prefix + " " + c.makeUniqueName(prefix));
      CtBehavior b = c.getEnclosingBehavior();
      out.add("enclosingBehavior " + c.getName() + " " + (b == null ? "null" : b.getLongName()));
      String m;
      try { CtMethod em = c.getEnclosingMethod(); m = em == null ? "null" : em.getLongName(); }
      catch (NotFoundException e) { m = "NotFoundException " + e.getMessage(); }
      out.add("enclosingMethod " + c.getName() + " " + m);
      out.add("kotlin " + c.getName() + " " + c.isKotlin());
      List<String> declared = new ArrayList<>();
      for (CtClass d : c.getDeclaredClasses()) declared.add(d.getName());
      Collections.sort(declared);
      out.add("declaredClasses " + c.getName() + " " + declared);
      out.add("modifiers " + c.getName() + " " + Modifier.toString(c.getModifiers()));
      List<String> methods = new ArrayList<>();
      for (CtMethod method : c.getMethods()) methods.add(method.getDeclaringClass().getName() + "." + method.getName() + method.getSignature());
      Collections.sort(methods);
      out.add("methods " + c.getName() + " " + methods);
      List<String> fields = new ArrayList<>();
      for (CtField field : c.getFields()) fields.add(field.toString());
      out.add("fields " + c.getName() + " " + fields);
      List<String> constructors = new ArrayList<>();
      for (CtConstructor constructor : c.getConstructors()) constructors.add(constructor.getSignature());
      Collections.sort(constructors);
      out.add("constructors " + c.getName() + " " + constructors);
      List<CtMember> members = new ArrayList<>();
      members.addAll(Arrays.asList(c.getDeclaredFields()));
      members.addAll(Arrays.asList(c.getDeclaredBehaviors()));
      for (CtMember member : members)
        for (CtClass from : detailed)
          out.add("visible " + c.getName() + "." + member.getName() + member.getSignature() + " from " + from.getName() + " " + member.visibleFrom(from));
      for (CtBehavior behavior : c.getDeclaredBehaviors()) {
        String where = behavior.getLongName();
        Object[][] params = behavior.getParameterAnnotations();
        List<String> perParam = new ArrayList<>();
        for (Object[] annotations : params) {
          List<String> types = new ArrayList<>();
          for (Object a : annotations) types.add(((java.lang.annotation.Annotation) a).annotationType().getName());
          perParam.add(types.toString());
        }
        out.add("parameterAnnotations " + where + " " + perParam);
        out.add("empty " + where + " " + behavior.isEmpty());
        behavior.instrument(new ExprEditor() {
          void line(String kind, Expr e) {
            List<String> thrown = new ArrayList<>();
            for (CtClass t : e.mayThrow()) thrown.add(t.getName());
            out.add("expr " + where + " " + kind + " @" + e.indexOfBytecode() + " line " + e.getLineNumber() + " mayThrow " + thrown);
          }
          public void edit(MethodCall e) { line("call " + e.getMethodName(), e); }
          public void edit(ConstructorCall e) { line("constructorCall", e); }
          public void edit(FieldAccess e) { line("field " + e.getFieldName(), e); }
          public void edit(NewExpr e) { line("new " + e.getClassName(), e); }
          public void edit(NewArray e) {
            try {
              line("newArray " + e.getComponentType().getName() + " " + e.getDimension() + " " + e.getCreatedDimensions(), e);
            } catch (NotFoundException x) {
              throw new RuntimeException(x);
            }
          }
          public void edit(Cast e) { line("cast", e); }
          public void edit(Instanceof e) { line("instanceof", e); }
          public void edit(Handler e) { line("handler " + (e.isFinally() ? "finally" : "catch"), e); }
        });
      }
    }
    Collections.sort(out);
    for (String line : out) System.out.println(line);
  }
}
