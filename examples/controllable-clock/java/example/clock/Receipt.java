package example.clock;

import java.time.Instant;
import java.util.function.LongSupplier;

/** The program the controllable-clock example rewrites: it reads the time three ways. */
public class Receipt {
  public static void main(String[] args) {
    long now = System.currentTimeMillis();
    System.out.println("issued at " + Instant.ofEpochMilli(now));

    long start = System.nanoTime();
    String total = String.format("%.2f", 3 * 1.25);
    long elapsed = System.nanoTime() - start;
    System.out.println("total " + total + ", computed in " + elapsed + " ns");

    // A method reference compiles to an invokedynamic whose handle names System.currentTimeMillis.
    LongSupplier clock = System::currentTimeMillis;
    System.out.println("valid until " + Instant.ofEpochMilli(clock.getAsLong() + 86_400_000L));
  }
}
