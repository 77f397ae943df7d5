package example.relocate.lib;

import java.util.function.Function;

/** A library class that will be relocated: a nested class, an annotation, a lambda and a method reference. */
@Library(version = 2)
public class Greeter {
  /** The style of a greeting: a nested type, relocated with its outer class (InnerClasses). */
  public static final class Style {
    final String punctuation;

    public Style(String punctuation) {
      this.punctuation = punctuation;
    }
  }

  private final Function<String, String> format;

  public Greeter(Style style) {
    this.format = name -> "hello, " + name + style.punctuation;
  }

  public String greet(String name) {
    return format.andThen(String::trim).apply(name);
  }
}
