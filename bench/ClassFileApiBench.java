import java.io.IOException;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;

/**
 * The JDK ClassFile API (java.lang.classfile, JDK 24+) side of `npm run bench`, when such a JDK is
 * installed. Same workloads and output as AsmBench: tree-parse inflates every element including every
 * instruction; copy shares the pool; full-rewrite builds a new pool.
 */
public final class ClassFileApiBench {
  public static void main(String[] args) throws IOException {
    BenchHarness.main(args, ClassFileApiBench::workload);
  }

  static int sink;

  static BenchHarness.Workload workload(String name) {
    ClassFile shared = ClassFile.of();
    ClassFile newPool = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL);
    ClassFile generateFrames = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL,
        ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
    switch (name) {
      case "tree-parse": return b -> {
        ClassModel cm = shared.parse(b);
        for (ClassElement e : cm) { sink += e.hashCode() & 1; }
        for (MethodModel m : cm.methods()) {
          m.code().ifPresent(code -> { for (var e : (CodeModel) code) { sink += e.hashCode() & 1; } });
        }
      };
      case "copy": return b -> shared.transformClass(shared.parse(b), ClassTransform.ACCEPT_ALL);
      case "full-rewrite": return b -> newPool.transformClass(newPool.parse(b), ClassTransform.ACCEPT_ALL);
      // Every method body transformed element by element (none copied raw), the rest shared: ASM's "adapter".
      case "adapter": return b -> shared.transformClass(shared.parse(b), ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
      case "compute-frames": return b -> generateFrames.transformClass(generateFrames.parse(b), ClassTransform.ACCEPT_ALL);
      default: return null;
    }
  }
}
