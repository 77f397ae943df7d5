// Calls the public static methods of the named classes with every combination of a few sample values (at
// most 60 calls a method, up to three parameters of the types below), in a stable order, and prints each
// call and its result or the exception's class: a deterministic workload over a library's real code for
// comparing two instrumentations of it (test/commons-advice-byte-buddy.test.ts).
//
//   java -cp <library>:<this> CallStaticMethods <class name>...
//
// Values print as tracing.TraceText (test/support/TraceText.java) prints them (no identity hash codes). Methods whose result depends on
// chance or on identity hash codes (shuffle, identityToString…) are left out.
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class CallStaticMethods {
  private static final Map<Class<?>, Object[]> VALUES = new HashMap<>();

  static {
    Object[] strings = {null, "", " ", "abc", "Hello World", "a,b,,c", "  pad  ", "\u00c4b\u00fc", "12", "-3.5", "0x1F", "aBc"};
    VALUES.put(String.class, strings);
    VALUES.put(CharSequence.class, strings);
    VALUES.put(Object.class, new Object[] {null, "abc", 7, 'c'});
    VALUES.put(int.class, new Object[] {-1, 0, 1, 3, 10});
    VALUES.put(long.class, new Object[] {0L, 42L, -7L});
    VALUES.put(char.class, new Object[] {'a', ',', ' '});
    VALUES.put(boolean.class, new Object[] {true, false});
    VALUES.put(double.class, new Object[] {0.0, 2.5, -1.0});
    VALUES.put(String[].class, new Object[] {null, new String[0], new String[] {"a", null, "bc"}});
    VALUES.put(char[].class, new Object[] {null, new char[] {'x', 'a'}});
    VALUES.put(int[].class, new Object[] {null, new int[] {3, 1, 2}});
    VALUES.put(Object[].class, new Object[] {null, new Object[] {"a", 1, null}});
  }

  public static void main(String[] classNames) throws Exception {
    int calls = 0;
    for (String className : classNames) {
      List<Method> methods = new ArrayList<>();
      for (Method method : Class.forName(className).getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isPublic(modifiers) || method.getParameterCount() > 3
            || method.isVarArgs() || method.getName().equals("shuffle") || method.getName().startsWith("identity")) {
          continue;
        }
        boolean callable = true;
        for (Class<?> type : method.getParameterTypes()) callable &= VALUES.containsKey(type);
        if (callable) methods.add(method);
      }
      methods.sort(Comparator.comparing(Method::toGenericString));
      for (Method method : methods) {
        Class<?>[] types = method.getParameterTypes();
        int[] choice = new int[types.length];
        for (int n = 0; n < 60; n++) {
          Object[] arguments = new Object[types.length];
          for (int i = 0; i < types.length; i++) arguments[i] = VALUES.get(types[i])[choice[i]];
          // Before the call: a method may change an array it is given.
          String call = method.getName() + tracing.TraceText.all(arguments);
          try {
            System.out.println("call " + call + " -> " + tracing.TraceText.one(method.invoke(null, arguments)));
          } catch (InvocationTargetException e) {
            System.out.println("call " + call + " threw " + e.getCause().getClass().getName());
          }
          calls++;
          // The next combination, the first parameter's value changing fastest.
          int k = 0;
          while (k < types.length && ++choice[k] == VALUES.get(types[k]).length) choice[k++] = 0;
          if (k == types.length) break;
        }
      }
    }
    System.out.println(calls + " calls");
  }
}
