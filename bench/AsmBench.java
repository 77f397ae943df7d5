import java.io.IOException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AdviceAdapter;
import org.objectweb.asm.commons.Method;
import org.objectweb.asm.tree.ClassNode;

/**
 * The ASM side of `npm run bench`: the same workloads as bench/run.mjs runs with classforge, on the same
 * class files (modes and output: see BenchHarness).
 * Usage: java -cp asm.jar:asm-tree.jar:. AsmBench <dir of .class files> (<warm runs> <workload>... | serve <workload>)
 */
public final class AsmBench {
  public static void main(String[] args) throws IOException {
    BenchHarness.main(args, AsmBench::workload);
  }

  private static final Type SYSTEM = Type.getObjectType("java/lang/System");
  private static final Method NANO_TIME = Method.getMethod("long nanoTime()");

  /** The 'instrument' workload's method adapter (classforge-bench.mjs has its twin). */
  static final class Timed extends AdviceAdapter {
    /** The local holding the start time; -1 before onMethodEnter (a constructor that never calls super(), as Object's). */
    private int start = -1;

    Timed(MethodVisitor mv, int access, String name, String descriptor) {
      super(Opcodes.ASM9, mv, access, name, descriptor);
    }

    @Override protected void onMethodEnter() {
      invokeStatic(SYSTEM, NANO_TIME);
      start = newLocal(Type.LONG_TYPE);
      storeLocal(start);
    }

    @Override protected void onMethodExit(int opcode) {
      if (start < 0) return;
      invokeStatic(SYSTEM, NANO_TIME);
      loadLocal(start);
      math(SUB, Type.LONG_TYPE);
      pop2();
    }
  }

  static BenchHarness.Workload workload(String name) {
    switch (name) {
      // The constructor alone: the constant pool scan (classforge's also checks that the fields, methods
      // and attribute headers fit in the file). The header check keeps C2 from dropping the work.
      case "scan": return b -> { if (new ClassReader(b).header <= 0) throw new IllegalStateException(); };
      case "read": return b -> new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
          @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return new MethodVisitor(Opcodes.ASM9) {}; }
        }, 0);
      case "tree-parse": return b -> new ClassReader(b).accept(new ClassNode(), 0);
      case "copy": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(r, 0); r.accept(w, 0); w.toByteArray(); };
      case "full-rewrite": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(0); r.accept(w, 0); w.toByteArray(); };
      // Read into a ClassNode and write the tree back: what a tree-style transform costs besides its own work.
      case "tree-roundtrip": return b -> { ClassNode n = new ClassNode(); new ClassReader(b).accept(n, 0); ClassWriter w = new ClassWriter(0); n.accept(w); w.toByteArray(); };
      // The usual instrumentation shape: an adapter with a pass-through MethodVisitor on every method, onto a
      // writer that shares the reader's pool (every method rewritten, the rest copied).
      case "adapter": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(r, 0); r.accept(new ClassVisitor(Opcodes.ASM9, w) {
          @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return new MethodVisitor(Opcodes.ASM9, super.visitMethod(a, n, d, s, e)) {}; }
        }, 0); w.toByteArray(); };
      // The same under COMPUTE_FRAMES, the flag `classforge transform` writes classes of version 51+ with.
      case "adapter-frames": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(r, ClassWriter.COMPUTE_FRAMES); r.accept(new ClassVisitor(Opcodes.ASM9, w) {
          @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return new MethodVisitor(Opcodes.ASM9, super.visitMethod(a, n, d, s, e)) {}; }
        }, 0); w.toByteArray(); };
      case "compute-maxs": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS); r.accept(w, 0); w.toByteArray(); };
      // Frames dropped and computed from scratch; ASM's getCommonSuperClass loads classes (Class.forName).
      case "compute-frames": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES); r.accept(w, ClassReader.SKIP_FRAMES); w.toByteArray(); };
      // Instrumentation as users write it: an AdviceAdapter timing every method (System.nanoTime() at entry,
      // after super() in constructors, and the elapsed time at every exit), frames computed for every method.
      // classforge runs it twice: the same visitor chain ('instrument'), and as a transform module through
      // applyTransforms, the pipeline of `classforge transform`, the agent and the test kit ('instrument-transform').
      case "instrument":
      case "instrument-transform": return b -> { ClassReader r = new ClassReader(b); ClassWriter w = new ClassWriter(r, ClassWriter.COMPUTE_FRAMES); r.accept(new ClassVisitor(Opcodes.ASM9, w) {
          @Override public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) { return new Timed(super.visitMethod(a, n, d, s, e), a, n, d); }
        }, ClassReader.SKIP_FRAMES); w.toByteArray(); };
      default: throw new IllegalArgumentException("unknown workload " + name);
    }
  }
}
