package example.timing;

import java.util.HashMap;
import java.util.Map;

/** The program the method-timing example rewrites: a few calls, one of which fails. */
public class Inventory {
  private final Map<String, Integer> stock = new HashMap<>();

  void add(String item, int count) {
    stock.merge(item, count, Integer::sum);
  }

  int take(String item, int count) {
    int have = stock.getOrDefault(item, 0);
    if (have < count) {
      throw new IllegalStateException("only " + have + " " + item);
    }
    stock.put(item, have - count);
    return have - count;
  }

  /** Lets take's exception pass through: its timing must still be reported. */
  int checkout(String item) {
    return take(item, 1);
  }

  public static void main(String[] args) {
    Inventory inventory = new Inventory();
    inventory.add("apple", 3);
    System.out.println("left: " + inventory.take("apple", 2));
    try {
      inventory.checkout("pear");
    } catch (IllegalStateException e) {
      System.out.println("failed: " + e.getMessage());
    }
  }
}
