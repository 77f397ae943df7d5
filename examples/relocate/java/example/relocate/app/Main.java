package example.relocate.app;

import example.relocate.lib.Greeter;
import example.relocate.lib.Library;

/** An application using the library, which the relocate example moves to another package. */
public class Main {
  public static void main(String[] args) throws Exception {
    Greeter greeter = new Greeter(new Greeter.Style("!"));
    System.out.println(greeter.greet("ada"));
    System.out.println(Greeter.class.getName() + " v" + Greeter.class.getAnnotation(Library.class).version());
    // A class name spelled as a string: relocated only with the `strings` option.
    System.out.println(Class.forName("example.relocate.lib.Greeter").getSimpleName());
  }
}
