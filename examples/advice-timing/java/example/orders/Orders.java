package example.orders;

import java.util.ArrayList;
import java.util.List;

/** The program the advice-timing example rewrites: a few calls, one of which fails. */
public class Orders {
  private final List<String> lines = new ArrayList<>();

  void add(String item, int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity " + quantity);
    }
    lines.add(quantity + " x " + item);
  }

  int count() {
    return lines.size();
  }

  public static void main(String[] args) {
    Orders orders = new Orders();
    orders.add("tea", 2);
    try {
      orders.add("cake", 0);
    } catch (IllegalArgumentException e) {
      System.out.println("refused: " + e.getMessage());
    }
    System.out.println("lines: " + orders.count());
  }
}
