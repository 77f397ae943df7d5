package demo;

import java.util.List;
import java.util.function.Function;

/** The bundled example program of `npm run demo`. */
public class Hello {
  record Point(int x, int y) {}

  static int sum(List<Integer> values) {
    int total = 0;
    for (int v : values) total += v;
    return total;
  }

  public static void main(String[] args) {
    Function<String, String> greet = name -> "Hello, " + name + "!";
    System.out.println(greet.apply(args.length > 0 ? args[0] : "classforge"));
    System.out.println("sum = " + sum(List.of(1, 2, 3, 4)));
    System.out.println(new Point(3, 4));
  }
}
