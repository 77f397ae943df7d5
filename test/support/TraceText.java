// Text of values for tracing instrumentations and test/support/CallStaticMethods.java: no identity hash
// codes, so that two runs of the same calls print the same. Compiled by the tests as tracing/TraceText.java.
package tracing;

public class TraceText {
  public static void line(String text) {
    System.out.println(text);
  }

  public static String all(Object[] values) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) text.append(i > 0 ? ", " : "").append(one(values[i]));
    return text.append(')').toString();
  }

  public static String one(Object value) {
    if (value == null) return "null";
    if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Character) return String.valueOf(value);
    if (value instanceof Object[]) return all((Object[]) value);
    if (value instanceof int[]) return java.util.Arrays.toString((int[]) value);
    if (value instanceof char[]) return java.util.Arrays.toString((char[]) value);
    if (value instanceof long[]) return java.util.Arrays.toString((long[]) value);
    if (value instanceof Enum) return ((Enum<?>) value).name();
    return value.getClass().getName();
  }
}
