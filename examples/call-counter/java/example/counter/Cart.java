package example.counter;

import java.util.ArrayList;
import java.util.List;

public class Cart {
  private final List<String> items = new ArrayList<>();

  public void add(String item) {
    items.add(item);
  }

  public boolean remove(String item) {
    return items.remove(item);
  }

  public int size() {
    return items.size();
  }

  public static void main(String[] args) {
    Cart cart = new Cart();
    cart.add("apple");
    cart.add("pear");
    cart.add("fig");
    cart.remove("pear");
    cart.remove("kiwi");
    System.out.println("items: " + cart.size());
  }
}
