package example.advice;

import net.bytebuddy.asm.Advice;

/**
 * Method timing as Byte Buddy advice, in Java: compiled by javac against Byte Buddy's annotations
 * (javac -cp byte-buddy.jar), applied by classforge without Byte Buddy. The two advice methods are
 * copied into every timed method (inline advice); report() stays here and is called, so this class
 * must be where the timed classes can see it: the transform adds it as a helper class.
 */
public class TimingAdvice {
  @Advice.OnMethodEnter
  public static long enter() {
    return System.nanoTime();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter long start, @Advice.Origin("#t.#m") String method, @Advice.Thrown Throwable thrown) {
    report(method, System.nanoTime() - start, thrown);
  }

  public static void report(String method, long nanos, Throwable thrown) {
    System.err.println(method + " took " + nanos + " ns" + (thrown == null ? "" : " (threw " + thrown.getClass().getName() + ")"));
  }
}
