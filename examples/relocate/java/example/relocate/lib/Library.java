package example.relocate.lib;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** A runtime annotation of the library: its uses are relocated too. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Library {
  int version();
}
