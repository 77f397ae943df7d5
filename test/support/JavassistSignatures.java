import javassist.*;
import javassist.bytecode.*;
import javassist.bytecode.SignatureAttribute.*;

/**
 * The Javassist 3.27 side of test/source-javassist-signatures.test.ts: every generic signature of the
 * classes named (class, methods, fields) and of a list of hand-written ones, parsed with
 * SignatureAttribute and printed (toString, encode, jvmTypeName and the parts), one a line.
 * args: class... then "--" then signatures (prefix c: class, m: method, f: field, t: type)
 */
public class JavassistSignatures {
  static String t(Type x) {
    if (x == null) return "null";
    String k = x instanceof BaseType ? "base" : x instanceof ArrayType ? "array" : x instanceof TypeVariable ? "tvar" : x instanceof NestedClassType ? "nested" : x instanceof ClassType ? "class" : "?";
    StringBuilder extra = new StringBuilder();
    if (x instanceof ClassType) {
      ClassType c = (ClassType) x;
      extra.append(" name=").append(c.getName()).append(" decl=").append(c.getDeclaringClass() == null ? "null" : t(c.getDeclaringClass())).append(" args=");
      if (c.getTypeArguments() == null) extra.append("null");
      else for (TypeArgument a : c.getTypeArguments()) extra.append("(").append(a.getKind()).append(a.isWildcard()).append(" ").append(t(a.getType())).append(")");
    }
    if (x instanceof ArrayType) extra.append(" dim=").append(((ArrayType) x).getDimension()).append(" comp=").append(t(((ArrayType) x).getComponentType()));
    if (x instanceof TypeVariable) extra.append(" name=").append(((TypeVariable) x).getName());
    if (x instanceof BaseType) extra.append(" desc=").append(((BaseType) x).getDescriptor());
    return k + "[" + x + " jvm=" + x.jvmTypeName() + " enc=" + (x instanceof ObjectType ? ((ObjectType) x).encode() : "-") + extra + "]";
  }
  static String params(TypeParameter[] ps) {
    StringBuilder b = new StringBuilder();
    for (TypeParameter p : ps) { b.append("{").append(p.getName()).append(" cb=").append(t(p.getClassBound())).append(" ib="); for (ObjectType o : p.getInterfaceBound()) b.append(t(o)).append(","); b.append("}"); }
    return b.toString();
  }
  static void sig(char kind, String s) {
    try {
      switch (kind) {
        case 'c': {
          ClassSignature c = SignatureAttribute.toClassSignature(s);
          StringBuilder b = new StringBuilder(params(c.getParameters())).append(" super=").append(t(c.getSuperClass())).append(" ifaces=");
          for (ClassType i : c.getInterfaces()) b.append(t(i)).append(",");
          System.out.println("c " + s + " | " + c + " | " + c.encode() + " | " + b);
          break;
        }
        case 'm': {
          MethodSignature m = SignatureAttribute.toMethodSignature(s);
          StringBuilder b = new StringBuilder(params(m.getTypeParameters())).append(" params=");
          for (Type p : m.getParameterTypes()) b.append(t(p)).append(",");
          b.append(" ret=").append(t(m.getReturnType())).append(" exc=");
          for (ObjectType e : m.getExceptionTypes()) b.append(t(e)).append(",");
          System.out.println("m " + s + " | " + m + " | " + m.encode() + " | " + b);
          break;
        }
        case 'f': System.out.println("f " + s + " | " + t(SignatureAttribute.toFieldSignature(s))); break;
        default: System.out.println("t " + s + " | " + t(SignatureAttribute.toTypeSignature(s)));
      }
    } catch (BadBytecode e) {
      System.out.println(kind + " " + s + " | bad");
    }
  }
  public static void main(String[] args) throws Exception {
    ClassPool pool = ClassPool.getDefault();
    int i = 0;
    for (; i < args.length && !args[i].equals("--"); i++) {
      CtClass cc = pool.get(args[i]);
      if (cc.getGenericSignature() != null) sig('c', cc.getGenericSignature());
      for (CtBehavior b : cc.getDeclaredBehaviors()) if (b.getGenericSignature() != null) sig('m', b.getGenericSignature());
      for (CtField f : cc.getDeclaredFields()) if (f.getGenericSignature() != null) sig('f', f.getGenericSignature());
    }
    for (i++; i < args.length; i++) sig(args[i].charAt(0), args[i].substring(2));
  }
}
