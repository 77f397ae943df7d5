// ASM's commons adapters and analysis package as oracles: one Java harness (compiled by the caller
// with ASM's jars on the class path) and its classforge twin (ourAdapterViews) compute the same
// *views* of each class, as text:
//   lvs       Textifier output after a LocalVariablesSorter on every method that also allocates a long
//             local (newLocal) and stores 0 in it on entry (EXPAND_FRAMES, as the sorter requires)
//   advice    after an AdviceAdapter that pushes and pops a constant on entry and on each exit
//             (constructors: after the super or this call). Not on the constructors that keep the
//             uninitialized `this` in another local than 0 (kotlinc writes some): ours follows it there
//             (from the frames, as ASM 9.8), ASM 9.4 never finds their super call.
//   jsr       after a JSRInlinerAdapter on every method
//   tcbsort   after a TryCatchBlockSorter on every method
//   suid      after a SerialVersionUIDAdder
//   remap     after a ClassRemapper that moves the classes of `own` under `zz/`
//   clinit    after a StaticInitMerger (prefix "merged$")
//   insn      after an InstructionAdapter on every method (which re-emits constants in their shortest form)
//   maxs      the class written with COMPUTE_MAXS (frames kept), then read back: its text
//   frames    the class written with COMPUTE_FRAMES from a read with SKIP_FRAMES, then read back: its
//             text, frames and maxima included. ASM's getCommonSuperClass loads the classes as the simple
//             view does (SKIP where it cannot), and ASM refuses jsr/ret (SKIP: ours inlines them).
//   check     after a CheckClassAdapter with its data flow checks ("THREW" when it rejects the class)
//   analyzer  an AnalyzerAdapter's locals and stack after every event of every method
//   codesize  CodeSizeEvaluator's minimum and maximum size of every method
//   basic     the frames of Analyzer + BasicVerifier before every instruction (ASM's Frame.toString)
//   simple    the frames of Analyzer + SimpleVerifier, ASM's loading the classes through a class loader
//             over the given jars (the JDK's from the platform loader), ours asking a ClassPath over the
//             same jars and the same JDK. Where ASM cannot load a class it needs, the harness prints SKIP
//             and that class is not compared; nor where ASM 9.4's merge of two array types and the newer
//             one (ASM 9.5+, ours) differ (see Simple in the harness).
//   source    the frames of Analyzer + SourceInterpreter: each local's size and producing (store)
//             instructions, each stack value's size. Not the stack values' instructions: ASM 9.5
//             changed which of them DUP and SWAP give (all are copies now, as ours: src/analysis/frame.ts),
//             and Debian's ASM is 9.4.
// basic, simple and source skip the methods with exception handlers: ASM 9.5 also merges the frame after each
// instruction of a try range into its handler (JVMS §4.10.1.6), as ours does (src/analysis/analyzer.ts).
// The harness prints a SHA-1 of each view's text per class (`digest <jar>`), or one view's text
// (`text <jar> <entry> <view>`), for the differences. Used by bench/corpus-sweep.mjs (`--checks
// adapters`) and test/adapters-differential.test.ts.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassWriter } from '../../src/asm/class-writer.js';
import type { ClassHierarchy } from '../../src/asm/class-writer.js';
import { ClassVisitor } from '../../src/asm/class-visitor.js';
import type { Handle } from '../../src/asm/handle.js';
import type { Label } from '../../src/asm/label.js';
import { MethodVisitor } from '../../src/asm/method-visitor.js';
import { Opcodes } from '../../src/asm/opcodes.js';
import { Type } from '../../src/asm/type.js';
import { Analyzer } from '../../src/analysis/analyzer.js';
import { AnalyzerException } from '../../src/analysis/analyzer-exception.js';
import { BasicVerifier } from '../../src/analysis/basic-verifier.js';
import type { Frame } from '../../src/analysis/frame.js';
import type { Interpreter } from '../../src/analysis/interpreter.js';
import { SimpleVerifier } from '../../src/analysis/simple-verifier.js';
import { SourceInterpreter } from '../../src/analysis/source-interpreter.js';
import type { SourceValue } from '../../src/analysis/source-value.js';
import type { Value } from '../../src/analysis/value.js';
import { AdviceAdapter } from '../../src/commons/advice-adapter.js';
import { AnalyzerAdapter } from '../../src/commons/analyzer-adapter.js';
import { ClassRemapper } from '../../src/commons/class-remapper.js';
import { CodeSizeEvaluator } from '../../src/commons/code-size-evaluator.js';
import { InstructionAdapter } from '../../src/commons/instruction-adapter.js';
import { JSRInlinerAdapter } from '../../src/commons/jsr-inliner-adapter.js';
import { LocalVariablesSorter } from '../../src/commons/local-variables-sorter.js';
import { Remapper } from '../../src/commons/remapper.js';
import { SerialVersionUIDAdder } from '../../src/commons/serial-version-uid-adder.js';
import { StaticInitMerger } from '../../src/commons/static-init-merger.js';
import { TryCatchBlockSorter } from '../../src/commons/try-catch-block-sorter.js';
import { ClassNode } from '../../src/tree/class-node.js';
import type { MethodNode } from '../../src/tree/method-node.js';
import { CheckClassAdapter } from '../../src/util/check-class-adapter.js';
import { StringWriter } from '../../src/util/string-writer.js';
import { Textifier } from '../../src/util/textifier.js';
import { TraceClassVisitor } from '../../src/util/trace-class-visitor.js';
import { JAVA_DIR, firstDifference, normalizedLikeAsm } from './asm-textifier.js';

export const ASM_COMMONS_JAR = `${JAVA_DIR}/asm-commons.jar`;

export const ADAPTER_VIEWS = ['lvs', 'advice', 'jsr', 'tcbsort', 'suid', 'remap', 'clinit', 'insn', 'maxs', 'frames', 'check', 'analyzer', 'codesize', 'basic', 'simple', 'source'] as const;
export type AdapterView = (typeof ADAPTER_VIEWS)[number];

/** The class entries of a jar both sides look at: not META-INF's (versioned) nor module-info. */
export const isAdaptedEntry = (name: string): boolean =>
  name.endsWith('.class') && !name.startsWith('META-INF/') && !name.endsWith('module-info.class');

export const ADAPTERS_HARNESS = `
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.*;
import java.util.jar.*;
import org.objectweb.asm.*;
import org.objectweb.asm.commons.*;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.*;
import org.objectweb.asm.util.*;

public class AdaptAll {
  static final String[] VIEWS = {${ADAPTER_VIEWS.map((v) => JSON.stringify(v)).join(', ')}};
  static final Set<String> own = new HashSet<>();
  /** The jars of the -Dadapt.cp class path, for SimpleVerifier (the JDK's classes: the platform loader). */
  static ClassLoader loader;
  /** Thrown when SimpleVerifier cannot load a class it needs: the view is not compared. */
  static final class Skip extends RuntimeException {}

  interface Chain { ClassVisitor wrap(ClassVisitor cv); }
  interface MethodWrap { MethodVisitor wrap(MethodVisitor mv, int access, String name, String desc, String signature, String[] exceptions); }

  static String textify(byte[] bytes, int flags, Chain chain) {
    StringWriter sw = new StringWriter();
    PrintWriter pw = new PrintWriter(sw);
    new ClassReader(bytes).accept(chain.wrap(new TraceClassVisitor(null, new Textifier(), pw)), flags);
    pw.flush();
    return sw.toString();
  }

  static ClassVisitor eachMethod(ClassVisitor cv, MethodWrap wrap) {
    return new ClassVisitor(Opcodes.ASM9, cv) {
      @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        return mv == null ? null : wrap.wrap(mv, access, name, desc, signature, exceptions);
      }
    };
  }

  /** Records an AnalyzerAdapter's locals and stack after each event. */
  static final class Probe extends MethodVisitor {
    final AnalyzerAdapter adapter;
    final StringBuilder out;
    final Map<Label, Integer> labels = new IdentityHashMap<>();
    Probe(AnalyzerAdapter adapter, StringBuilder out) { super(Opcodes.ASM9, adapter); this.adapter = adapter; this.out = out; }
    void list(List<Object> values) {
      if (values == null) { out.append("null"); return; }
      out.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) out.append(',');
        Object value = values.get(i);
        if (value instanceof Label) {
          Integer k = labels.get(value);
          if (k == null) { k = labels.size(); labels.put((Label) value, k); }
          out.append('L').append(k);
        } else {
          out.append(value);
        }
      }
      out.append(']');
    }
    void dump(String event) { out.append(event).append(' '); list(adapter.locals); out.append(' '); list(adapter.stack); out.append('\\n'); }
    @Override public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) { super.visitFrame(type, numLocal, local, numStack, stack); dump("frame"); }
    @Override public void visitInsn(int opcode) { super.visitInsn(opcode); dump("insn " + opcode); }
    @Override public void visitIntInsn(int opcode, int operand) { super.visitIntInsn(opcode, operand); dump("int " + opcode); }
    @Override public void visitVarInsn(int opcode, int var) { super.visitVarInsn(opcode, var); dump("var " + opcode + " " + var); }
    @Override public void visitTypeInsn(int opcode, String type) { super.visitTypeInsn(opcode, type); dump("type " + opcode); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String desc) { super.visitFieldInsn(opcode, owner, name, desc); dump("field " + opcode); }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) { super.visitMethodInsn(opcode, owner, name, desc, itf); dump("method " + opcode); }
    @Override public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) { super.visitInvokeDynamicInsn(name, desc, bsm, args); dump("indy"); }
    @Override public void visitJumpInsn(int opcode, Label label) { super.visitJumpInsn(opcode, label); dump("jump " + opcode); }
    @Override public void visitLabel(Label label) { super.visitLabel(label); dump("label"); }
    @Override public void visitLdcInsn(Object value) { super.visitLdcInsn(value); dump("ldc"); }
    @Override public void visitIincInsn(int var, int increment) { super.visitIincInsn(var, increment); dump("iinc"); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) { super.visitTableSwitchInsn(min, max, dflt, labels); dump("tableswitch"); }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) { super.visitLookupSwitchInsn(dflt, keys, labels); dump("lookupswitch"); }
    @Override public void visitMultiANewArrayInsn(String desc, int dims) { super.visitMultiANewArrayInsn(desc, dims); dump("multianewarray"); }
    @Override public void visitMaxs(int maxStack, int maxLocals) { super.visitMaxs(maxStack, maxLocals); out.append("maxs\\n"); }
  }

  /** The index of each instruction among the method's real ones (labels, lines and frames skipped). */
  static Map<AbstractInsnNode, Integer> ordinals(MethodNode method) {
    Map<AbstractInsnNode, Integer> ordinals = new IdentityHashMap<>();
    for (AbstractInsnNode insn : method.instructions) if (insn.getOpcode() >= 0) ordinals.put(insn, ordinals.size());
    return ordinals;
  }

  interface FrameText<V extends Value> { String text(Frame<V> frame, Map<AbstractInsnNode, Integer> ordinals); }

  static <V extends Value> String analyze(byte[] bytes, Interpreter<V> interpreter, FrameText<V> frameText) {
    ClassNode classNode = new ClassNode();
    new ClassReader(bytes).accept(classNode, 0);
    StringBuilder out = new StringBuilder();
    for (MethodNode method : classNode.methods) {
      out.append(method.name).append(method.desc).append('\\n');
      if (!method.tryCatchBlocks.isEmpty()) continue;
      Map<AbstractInsnNode, Integer> ordinals = ordinals(method);
      try {
        Frame<V>[] frames = new Analyzer<V>(interpreter).analyze(classNode.name, method);
        for (int i = 0; i < frames.length; i++) {
          if (method.instructions.get(i).getOpcode() < 0) continue;
          out.append(frames[i] == null ? "null" : frameText.text(frames[i], ordinals)).append('\\n');
        }
      } catch (AnalyzerException e) {
        // SimpleVerifier's Class.forName failures reach here wrapped (Analyzer wraps RuntimeExceptions).
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
          if (cause instanceof Skip || cause instanceof ClassNotFoundException || cause instanceof LinkageError) throw new Skip();
        }
        out.append("THREW at ").append(e.node == null ? -1 : ordinals.getOrDefault(e.node, -1)).append('\\n');
      }
    }
    return out.toString();
  }

  static String sourceValue(SourceValue value, Map<AbstractInsnNode, Integer> ordinals) {
    int[] insns = new int[value.insns.size()];
    int i = 0;
    for (AbstractInsnNode insn : value.insns) insns[i++] = ordinals.getOrDefault(insn, -1);
    Arrays.sort(insns);
    return value.size + Arrays.toString(insns);
  }

  /**
   * The constructors that store the uninitialized this in another local than 0 (AnalyzerAdapter
   * tells the stack top of each ASTORE), or whose frames hold it there.
   */
  static Set<String> thisElsewhere(byte[] bytes) {
    Set<String> result = new HashSet<>();
    ClassReader reader = new ClassReader(bytes);
    String owner = reader.getClassName();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        if (!name.equals("<init>")) return null;
        AnalyzerAdapter adapter = new AnalyzerAdapter(owner, access, name, desc, null);
        return new MethodVisitor(Opcodes.ASM9, adapter) {
          @Override public void visitVarInsn(int opcode, int var) {
            List<Object> stack = adapter.stack;
            if (opcode == Opcodes.ASTORE && var != 0 && stack != null && !stack.isEmpty() && Opcodes.UNINITIALIZED_THIS.equals(stack.get(stack.size() - 1))) result.add(name + desc);
            super.visitVarInsn(opcode, var);
          }
          @Override public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            for (int i = 1; i < numLocal; i++) if (Opcodes.UNINITIALIZED_THIS.equals(local[i])) result.add(name + desc);
            super.visitFrame(type, numLocal, local, numStack, stack);
          }
        };
      }
    }, ClassReader.EXPAND_FRAMES);
    return result;
  }

  /**
   * ASM 9.4's SimpleVerifier, but a class where its merge and the newer one (ASM 9.5+, ours: arrays of
   * different dimensions merge to an array of Object, not to Object) differ is skipped.
   */
  static final class Simple extends SimpleVerifier {
    static final Type OBJECT = Type.getObjectType("java/lang/Object");
    Simple(Type currentClass, Type currentSuperClass, List<Type> interfaces, boolean isInterface) {
      super(Opcodes.ASM9, currentClass, currentSuperClass, interfaces, isInterface);
    }
    @Override public BasicValue merge(BasicValue value1, BasicValue value2) {
      BasicValue merged = super.merge(value1, value2);
      if (!merged.equals(newerMerge(value1, value2))) throw new Skip();
      return merged;
    }
    BasicValue arrayValue(Type type, int dimensions) {
      return dimensions == 0 ? newValue(type) : newValue(Type.getType("[".repeat(dimensions) + type.getDescriptor()));
    }
    BasicValue newerMerge(BasicValue value1, BasicValue value2) {
      Type type1 = value1.getType();
      Type type2 = value2.getType();
      if (type1 == null || type2 == null) return BasicValue.UNINITIALIZED_VALUE;
      if (type1.equals(type2)) return value1;
      if (type1.getSort() != Type.OBJECT && type1.getSort() != Type.ARRAY) return BasicValue.UNINITIALIZED_VALUE;
      if (type2.getSort() != Type.OBJECT && type2.getSort() != Type.ARRAY) return BasicValue.UNINITIALIZED_VALUE;
      if (type1.equals(BasicInterpreter.NULL_TYPE)) return value2;
      if (type2.equals(BasicInterpreter.NULL_TYPE)) return value1;
      int dim1 = 0;
      if (type1.getSort() == Type.ARRAY) {
        dim1 = type1.getDimensions();
        type1 = type1.getElementType();
        if (type1.getSort() != Type.OBJECT) { dim1--; type1 = OBJECT; }
      }
      int dim2 = 0;
      if (type2.getSort() == Type.ARRAY) {
        dim2 = type2.getDimensions();
        type2 = type2.getElementType();
        if (type2.getSort() != Type.OBJECT) { dim2--; type2 = OBJECT; }
      }
      if (dim1 != dim2) return arrayValue(OBJECT, Math.min(dim1, dim2));
      if (isAssignableFrom(type1, type2)) return arrayValue(type1, dim1);
      if (isAssignableFrom(type2, type1)) return arrayValue(type2, dim1);
      if (!isInterface(type1)) {
        Type superType = type1;
        while (superType != null && !superType.equals(OBJECT)) {
          superType = getSuperClass(superType);
          if (superType != null && isAssignableFrom(superType, type2)) return arrayValue(superType, dim1);
        }
      }
      return arrayValue(OBJECT, dim1);
    }
  }

  static String view(String view, byte[] bytes) {
    switch (view) {
      case "lvs":
        return textify(bytes, ClassReader.EXPAND_FRAMES, cv -> eachMethod(cv, (mv, access, name, desc, signature, exceptions) ->
          new LocalVariablesSorter(Opcodes.ASM9, access, desc, mv) {
            @Override public void visitCode() {
              super.visitCode();
              int extra = newLocal(Type.LONG_TYPE);
              this.mv.visitInsn(Opcodes.LCONST_0);
              this.mv.visitVarInsn(Opcodes.LSTORE, extra);
            }
          }));
      case "advice":
        Set<String> skipped = thisElsewhere(bytes);
        return textify(bytes, ClassReader.EXPAND_FRAMES, cv -> eachMethod(cv, (mv, access, methodName, desc, signature, exceptions) ->
          skipped.contains(methodName + desc) ? mv : new AdviceAdapter(Opcodes.ASM9, mv, access, methodName, desc) {
            @Override protected void onMethodEnter() { push("enter " + methodName); pop(); }
            @Override protected void onMethodExit(int opcode) { push(opcode); pop(); }
          }));
      case "jsr":
        return textify(bytes, 0, cv -> eachMethod(cv, (mv, access, name, desc, signature, exceptions) ->
          new JSRInlinerAdapter(mv, access, name, desc, signature, exceptions)));
      case "tcbsort":
        return textify(bytes, 0, cv -> eachMethod(cv, (mv, access, name, desc, signature, exceptions) ->
          new TryCatchBlockSorter(mv, access, name, desc, signature, exceptions)));
      case "suid":
        return textify(bytes, 0, cv -> new SerialVersionUIDAdder(cv));
      case "remap":
        return textify(bytes, 0, cv -> new ClassRemapper(cv, new Remapper() {
          @Override public String map(String internalName) { return own.contains(internalName) ? "zz/" + internalName : internalName; }
        }));
      case "clinit":
        return textify(bytes, 0, cv -> new StaticInitMerger("merged$", cv));
      case "insn":
        return textify(bytes, 0, cv -> eachMethod(cv, (mv, access, name, desc, signature, exceptions) -> new InstructionAdapter(mv)));
      case "maxs": {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        new ClassReader(bytes).accept(writer, 0);
        return textify(writer.toByteArray(), 0, cv -> cv);
      }
      case "frames": {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override protected ClassLoader getClassLoader() { return loader; }
        };
        try {
          new ClassReader(bytes).accept(writer, ClassReader.SKIP_FRAMES);
        } catch (TypeNotPresentException | LinkageError e) {
          throw new Skip();
        } catch (IllegalArgumentException e) {
          if (String.valueOf(e.getMessage()).contains("JSR/RET")) throw new Skip();
          throw e;
        }
        return textify(writer.toByteArray(), 0, cv -> cv);
      }
      case "check":
        return textify(bytes, 0, cv -> new CheckClassAdapter(cv, true));
      case "analyzer": {
        StringBuilder out = new StringBuilder();
        ClassReader reader = new ClassReader(bytes);
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
          @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            out.append(name).append(desc).append('\\n');
            return new Probe(new AnalyzerAdapter(owner, access, name, desc, null), out);
          }
        }, ClassReader.EXPAND_FRAMES);
        return out.toString();
      }
      case "codesize": {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<CodeSizeEvaluator> sizes = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
          @Override public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            CodeSizeEvaluator size = new CodeSizeEvaluator(null);
            names.add(name + desc);
            sizes.add(size);
            return size;
          }
        }, 0);
        for (int i = 0; i < names.size(); i++) out.append(names.get(i)).append(' ').append(sizes.get(i).getMinSize()).append(' ').append(sizes.get(i).getMaxSize()).append('\\n');
        return out.toString();
      }
      case "basic":
        return analyze(bytes, new BasicVerifier(), (frame, ordinals) -> frame.toString());
      case "simple": {
        ClassReader reader = new ClassReader(bytes);
        List<Type> interfaces = new ArrayList<>();
        for (String name : reader.getInterfaces()) interfaces.add(Type.getObjectType(name));
        SimpleVerifier verifier = new Simple(
          Type.getObjectType(reader.getClassName()),
          reader.getSuperName() == null ? null : Type.getObjectType(reader.getSuperName()),
          interfaces,
          (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
        verifier.setClassLoader(loader);
        try {
          return analyze(bytes, verifier, (frame, ordinals) -> frame.toString());
        } catch (LinkageError e) {
          throw new Skip();
        }
      }
      case "source":
        return analyze(bytes, new SourceInterpreter(), (frame, ordinals) -> {
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < frame.getLocals(); i++) out.append(sourceValue(frame.getLocal(i), ordinals)).append(' ');
          out.append('|');
          for (int i = 0; i < frame.getStackSize(); i++) out.append(' ').append(frame.getStack(i).size);
          return out.toString();
        });
      default:
        throw new IllegalArgumentException(view);
    }
  }

  static String safeView(String view, byte[] bytes) {
    try {
      return view(view, bytes);
    } catch (Skip s) {
      return "SKIP";
    } catch (Throwable t) {
      return "THREW";
    }
  }

  static String sha1(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) hex.append(String.format("%02x", b));
    return hex.toString();
  }

  static boolean adapted(String name) {
    return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
  }

  public static void main(String[] args) throws Exception {
    List<java.net.URL> urls = new ArrayList<>();
    for (String path : System.getProperty("adapt.cp", args[1]).split(File.pathSeparator)) urls.add(new File(path).toURI().toURL());
    loader = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), ClassLoader.getPlatformClassLoader());
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, "UTF-8"));
    try (JarFile jar = new JarFile(args[1])) {
      List<JarEntry> entries = new ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
        JarEntry entry = e.nextElement();
        if (adapted(entry.getName())) {
          entries.add(entry);
          own.add(entry.getName().substring(0, entry.getName().length() - 6));
        }
      }
      for (JarEntry entry : entries) {
        if (args[0].equals("text") && !entry.getName().equals(args[2])) continue;
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) { bytes = in.readAllBytes(); }
        if (args[0].equals("text")) {
          out.print(safeView(args[3], bytes));
        } else {
          for (String view : VIEWS) {
            String text = safeView(view, bytes);
            out.print(entry.getName() + "\\t" + view + "\\t" + (text.equals("SKIP") ? "SKIP" : sha1(text)) + "\\n");
          }
        }
      }
    }
    out.flush();
  }
}
`;

function textify(bytes: Uint8Array, flags: number, wrap: (cv: ClassVisitor) => ClassVisitor): string {
  const writer = new StringWriter();
  new ClassReader(bytes).accept(wrap(new TraceClassVisitor(null, new Textifier(), writer)), flags);
  return writer.toString();
}

type MethodWrap = (
  mv: MethodVisitor,
  access: number,
  name: string,
  descriptor: string,
  signature: string | null,
  exceptions: string[] | null,
) => MethodVisitor;

function eachMethod(cv: ClassVisitor, wrap: MethodWrap): ClassVisitor {
  return new (class extends ClassVisitor {
    override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
      const mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      return mv === null ? null : wrap(mv, access, name, descriptor, signature, exceptions);
    }
  })(Opcodes.ASM9, cv);
}

/**
 * Drops the line number entries of line 0, as ASM's reader does (ours keeps them): for the views of a
 * class written then read back, whose labels would otherwise differ (such an entry keeps its label).
 */
function withoutLineZero(cv: ClassVisitor): ClassVisitor {
  return eachMethod(
    cv,
    (mv) =>
      new (class extends MethodVisitor {
        override visitLineNumber(line: number, start: Label): void {
          if (line !== 0) super.visitLineNumber(line, start);
        }
      })(Opcodes.ASM9, mv),
  );
}

type FrameElement = number | string | Label;

/** Records an AnalyzerAdapter's locals and stack after each event (the harness's Probe). */
class Probe extends MethodVisitor {
  private readonly labels = new Map<Label, number>();
  constructor(
    private readonly adapter: AnalyzerAdapter,
    private readonly out: string[],
  ) {
    super(Opcodes.ASM9, adapter);
  }
  private list(values: readonly FrameElement[] | null): string {
    if (values === null) return 'null';
    return `[${values
      .map((value) => {
        if (typeof value === 'object') {
          let k = this.labels.get(value);
          if (k === undefined) {
            k = this.labels.size;
            this.labels.set(value, k);
          }
          return `L${k}`;
        }
        return String(value);
      })
      .join(',')}]`;
  }
  private dump(event: string): void {
    this.out.push(`${event} ${this.list(this.adapter.locals)} ${this.list(this.adapter.stack)}\n`);
  }
  override visitFrame(type: number, numLocal: number, local: unknown[] | null, numStack: number, stack: unknown[] | null): void {
    super.visitFrame(type, numLocal, local as never, numStack, stack as never);
    this.dump('frame');
  }
  override visitInsn(opcode: number): void {
    super.visitInsn(opcode);
    this.dump(`insn ${opcode}`);
  }
  override visitIntInsn(opcode: number, operand: number): void {
    super.visitIntInsn(opcode, operand);
    this.dump(`int ${opcode}`);
  }
  override visitVarInsn(opcode: number, varIndex: number): void {
    super.visitVarInsn(opcode, varIndex);
    this.dump(`var ${opcode} ${varIndex}`);
  }
  override visitTypeInsn(opcode: number, type: string): void {
    super.visitTypeInsn(opcode, type);
    this.dump(`type ${opcode}`);
  }
  override visitFieldInsn(opcode: number, owner: string, name: string, descriptor: string): void {
    super.visitFieldInsn(opcode, owner, name, descriptor);
    this.dump(`field ${opcode}`);
  }
  override visitMethodInsn(opcode: number, owner: string, name: string, descriptor: string, isInterface: boolean): void {
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    this.dump(`method ${opcode}`);
  }
  override visitInvokeDynamicInsn(name: string, descriptor: string, bsm: Handle, args: unknown[]): void {
    super.visitInvokeDynamicInsn(name, descriptor, bsm, args as never);
    this.dump('indy');
  }
  override visitJumpInsn(opcode: number, label: Label): void {
    super.visitJumpInsn(opcode, label);
    this.dump(`jump ${opcode}`);
  }
  override visitLabel(label: Label): void {
    super.visitLabel(label);
    this.dump('label');
  }
  override visitLdcInsn(value: unknown): void {
    super.visitLdcInsn(value as never);
    this.dump('ldc');
  }
  override visitIincInsn(varIndex: number, increment: number): void {
    super.visitIincInsn(varIndex, increment);
    this.dump('iinc');
  }
  override visitTableSwitchInsn(min: number, max: number, dflt: Label, labels: Label[]): void {
    super.visitTableSwitchInsn(min, max, dflt, labels);
    this.dump('tableswitch');
  }
  override visitLookupSwitchInsn(dflt: Label, keys: number[], labels: Label[]): void {
    super.visitLookupSwitchInsn(dflt, keys, labels);
    this.dump('lookupswitch');
  }
  override visitMultiANewArrayInsn(descriptor: string, numDimensions: number): void {
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
    this.dump('multianewarray');
  }
  override visitMaxs(maxStack: number, maxLocals: number): void {
    super.visitMaxs(maxStack, maxLocals);
    this.out.push('maxs\n');
  }
}

/**
 * The constructors that store the uninitialized this in another local than 0 (AnalyzerAdapter tells
 * the stack top of each ASTORE), or whose frames hold it there.
 */
function thisElsewhere(bytes: Uint8Array): Set<string> {
  const result = new Set<string>();
  const reader = new ClassReader(bytes);
  const owner = reader.getClassName();
  reader.accept(
    new (class extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string): MethodVisitor | null {
        if (name !== '<init>') return null;
        const adapter = new AnalyzerAdapter(owner, access, name, descriptor, null);
        return new (class extends MethodVisitor {
          override visitVarInsn(opcode: number, varIndex: number): void {
            const stack = adapter.stack;
            if (opcode === Opcodes.ASTORE && varIndex !== 0 && stack !== null && stack.length > 0 && stack[stack.length - 1] === Opcodes.UNINITIALIZED_THIS) {
              result.add(name + descriptor);
            }
            super.visitVarInsn(opcode, varIndex);
          }
          override visitFrame(type: number, numLocal: number, local: unknown[] | null, numStack: number, stack: unknown[] | null): void {
            for (let i = 1; i < numLocal; i++) if (local![i] === Opcodes.UNINITIALIZED_THIS) result.add(name + descriptor);
            super.visitFrame(type, numLocal, local as never, numStack, stack as never);
          }
        })(Opcodes.ASM9, adapter);
      }
    })(Opcodes.ASM9),
    ClassReader.EXPAND_FRAMES,
  );
  return result;
}

function ordinalsOf(method: MethodNode): Map<unknown, number> {
  const ordinals = new Map<unknown, number>();
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn.getOpcode() >= 0) ordinals.set(insn, ordinals.size);
  }
  return ordinals;
}

function analyze<V extends Value>(
  bytes: Uint8Array,
  interpreter: Interpreter<V>,
  frameText: (frame: Frame<V>, ordinals: Map<unknown, number>) => string,
): string {
  const classNode = new ClassNode();
  new ClassReader(bytes).accept(classNode, 0);
  const out: string[] = [];
  for (const method of classNode.methods) {
    out.push(`${method.name}${method.desc}\n`);
    if (method.tryCatchBlocks !== null && method.tryCatchBlocks.length > 0) continue;
    const ordinals = ordinalsOf(method);
    try {
      const frames = new Analyzer<V>(interpreter).analyze(classNode.name, method);
      for (let i = 0; i < frames.length; i++) {
        if (method.instructions.get(i).getOpcode() < 0) continue;
        const frame = frames[i];
        out.push(`${frame === null || frame === undefined ? 'null' : frameText(frame, ordinals)}\n`);
      }
    } catch (error) {
      if (!(error instanceof AnalyzerException)) throw error;
      out.push(`THREW at ${error.node === null ? -1 : (ordinals.get(error.node) ?? -1)}\n`);
    }
  }
  return out.join('');
}

function sourceValue(value: SourceValue, ordinals: Map<unknown, number>): string {
  const insns = [...value.insns].map((insn) => ordinals.get(insn) ?? -1).sort((a, b) => a - b);
  return `${value.size}[${insns.join(', ')}]`;
}

/** One view (see the top of this file) of `bytes`, as the harness computes it with ASM. */
export function ourAdapterView(view: AdapterView, bytes: Uint8Array, own: ReadonlySet<string>, classPath?: ClassHierarchy): string {
  switch (view) {
    case 'lvs':
      return textify(bytes, ClassReader.EXPAND_FRAMES, (cv) =>
        eachMethod(cv, (mv, access, _name, descriptor) =>
          new (class extends LocalVariablesSorter {
            override visitCode(): void {
              super.visitCode();
              const extra = this.newLocal(Type.LONG_TYPE);
              this.mv!.visitInsn(Opcodes.LCONST_0);
              this.mv!.visitVarInsn(Opcodes.LSTORE, extra);
            }
          })(Opcodes.ASM9, access, descriptor, mv),
        ),
      );
    case 'advice': {
      const skipped = thisElsewhere(bytes);
      return textify(bytes, ClassReader.EXPAND_FRAMES, (cv) =>
        eachMethod(cv, (mv, access, methodName, descriptor) =>
          skipped.has(methodName + descriptor) ? mv : new (class extends AdviceAdapter {
            constructor() {
              super(Opcodes.ASM9, mv, access, methodName, descriptor);
            }
            protected override onMethodEnter(): void {
              this.push(`enter ${methodName}`);
              this.pop();
            }
            protected override onMethodExit(opcode: number): void {
              this.push(opcode);
              this.pop();
            }
          })(),
        ),
      );
    }
    case 'jsr':
      return textify(bytes, 0, (cv) =>
        eachMethod(cv, (mv, access, name, descriptor, signature, exceptions) => new JSRInlinerAdapter(mv, access, name, descriptor, signature, exceptions)),
      );
    case 'tcbsort':
      return textify(bytes, 0, (cv) =>
        eachMethod(cv, (mv, access, name, descriptor, signature, exceptions) => new TryCatchBlockSorter(mv, access, name, descriptor, signature, exceptions)),
      );
    case 'suid':
      return textify(bytes, 0, (cv) => new SerialVersionUIDAdder(cv));
    case 'remap':
      return textify(bytes, 0, (cv) =>
        new ClassRemapper(
          cv,
          new (class extends Remapper {
            override map(internalName: string): string {
              return own.has(internalName) ? `zz/${internalName}` : internalName;
            }
          })(),
        ),
      );
    case 'clinit':
      return textify(bytes, 0, (cv) => new StaticInitMerger('merged$', cv));
    case 'insn':
      return textify(bytes, 0, (cv) => eachMethod(cv, (mv) => new InstructionAdapter(mv)));
    case 'maxs': {
      const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      new ClassReader(bytes).accept(withoutLineZero(writer), 0);
      return textify(writer.toByteArray(), 0, (cv) => cv);
    }
    case 'frames': {
      if (classPath === undefined) throw new Error('the frames view needs a class path');
      const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath });
      new ClassReader(bytes).accept(withoutLineZero(writer), ClassReader.SKIP_FRAMES);
      return textify(writer.toByteArray(), 0, (cv) => cv);
    }
    case 'check':
      return textify(bytes, 0, (cv) => new CheckClassAdapter(cv, true));
    case 'analyzer': {
      const out: string[] = [];
      const reader = new ClassReader(bytes);
      const owner = reader.getClassName();
      reader.accept(
        new (class extends ClassVisitor {
          override visitMethod(access: number, name: string, descriptor: string) {
            out.push(`${name}${descriptor}\n`);
            return new Probe(new AnalyzerAdapter(owner, access, name, descriptor, null), out);
          }
        })(Opcodes.ASM9),
        ClassReader.EXPAND_FRAMES,
      );
      return out.join('');
    }
    case 'codesize': {
      const sizes: [string, CodeSizeEvaluator][] = [];
      new ClassReader(bytes).accept(
        new (class extends ClassVisitor {
          override visitMethod(_access: number, name: string, descriptor: string) {
            const size = new CodeSizeEvaluator(null);
            sizes.push([name + descriptor, size]);
            return size;
          }
        })(Opcodes.ASM9),
        0,
      );
      return sizes.map(([name, size]) => `${name} ${size.getMinSize()} ${size.getMaxSize()}\n`).join('');
    }
    case 'basic':
      return analyze(bytes, new BasicVerifier(), (frame) => frame.toString());
    case 'simple': {
      if (classPath === undefined) throw new Error('the simple view needs a class path');
      const reader = new ClassReader(bytes);
      const superName = reader.getSuperName();
      const verifier = new SimpleVerifier(
        Type.getObjectType(reader.getClassName()),
        superName === null ? null : Type.getObjectType(superName),
        reader.getInterfaces().map((name) => Type.getObjectType(name)),
        (reader.getAccess() & Opcodes.ACC_INTERFACE) !== 0,
      );
      verifier.setClassHierarchy(classPath);
      return analyze(bytes, verifier, (frame) => frame.toString());
    }
    case 'source':
      return analyze(bytes, new SourceInterpreter() as unknown as Interpreter<SourceValue>, (frame, ordinals) => {
        let text = '';
        for (let i = 0; i < frame.getLocals(); i++) text += `${sourceValue(frame.getLocal(i), ordinals)} `;
        text += '|';
        for (let i = 0; i < frame.getStackSize(); i++) text += ` ${frame.getStack(i).size}`;
        return text;
      });
  }
}

/** `ourAdapterView` normalized as the harness's text reads (normalizedLikeAsm), or "THREW" as it prints when a view throws. */
export function ourNormalizedView(view: AdapterView, bytes: Uint8Array, own: ReadonlySet<string>, classPath?: ClassHierarchy): string {
  try {
    return normalizedLikeAsm(ourAdapterView(view, bytes, own, classPath));
  } catch {
    return 'THREW';
  }
}

export const sha1Hex = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** The harness's `digest` output: view digest by "entry\tview". */
export function parseDigests(output: string): Map<string, string> {
  const digests = new Map<string, string>();
  for (const line of output.split('\n')) {
    const lastTab = line.lastIndexOf('\t');
    if (lastTab > 0) digests.set(line.slice(0, lastTab), line.slice(lastTab + 1));
  }
  return digests;
}

export interface AdapterComparison {
  /** The java executable that runs the harness. */
  java: string;
  /** The compiled harness's directory and ASM's jars. */
  classPath: string[];
  jar: string;
  /** The jar's classes to compare (entry name and bytes); entries outside isAdaptedEntry are skipped. */
  classes: readonly { name: string; bytes: Uint8Array }[];
  /** A directory for the harness's output (larger than a pipe buffer takes). */
  scratch: string;
  /**
   * The jars SimpleVerifier's classes come from (`jar` and what it needs), and `classPath` (ours) over the
   * same jars and the JDK that runs the harness. Without them the simple view is not compared.
   */
  simpleVerifierJars?: readonly string[];
  simpleVerifierClassPath?: ClassHierarchy;
  /** Counts (class, view) pairs compared, and those skipped (SKIP: ASM could not load a class), if given. */
  counts?: { compared: number; skipped: number };
  /** Details (ASM's text) for this many differences; the others are named only. Default 20. */
  detailed?: number;
}

/** Every (class, view) whose text differs from ASM's, as "entry: view differs from ASM's at line …". */
export function asmAdapterDifferences(options: AdapterComparison): string[] {
  const { java, jar, classes, scratch } = options;
  const classPath = options.classPath.join(delimiter);
  const outputPath = join(scratch, 'adapted.txt');
  const fd = openSync(outputPath, 'w');
  const jarsProperty = `-Dadapt.cp=${(options.simpleVerifierJars ?? [jar]).join(delimiter)}`;
  const result = spawnSync(java, [jarsProperty, '-cp', classPath, 'AdaptAll', 'digest', jar], { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  if (result.status !== 0) return [`ASM's adapters harness failed on ${jar}: ${String(result.stderr).slice(0, 300)}`];
  const expected = parseDigests(readFileSync(outputPath, 'utf8'));
  rmSync(outputPath);
  const adapted = classes.filter((c) => isAdaptedEntry(c.name));
  const own = new Set(adapted.map((c) => c.name.slice(0, -'.class'.length)));
  const failures: string[] = [];
  for (const { name, bytes } of adapted) {
    for (const view of ADAPTER_VIEWS) {
      const theirs = expected.get(`${name}\t${view}`);
      if (theirs === undefined) {
        failures.push(`${name}: ${view} missing from the harness's output`);
        continue;
      }
      if (theirs === 'SKIP' || ((view === 'simple' || view === 'frames') && options.simpleVerifierClassPath === undefined)) {
        if (options.counts !== undefined) options.counts.skipped++;
        continue;
      }
      if (options.counts !== undefined) options.counts.compared++;
      const ours = ourNormalizedView(view, bytes, own, options.simpleVerifierClassPath);
      if (sha1Hex(ours) === theirs) continue;
      if (failures.length >= (options.detailed ?? 20)) {
        failures.push(`${name}: ${view} differs from ASM's`);
        continue;
      }
      const text = spawnSync(java, [jarsProperty, '-cp', classPath, 'AdaptAll', 'text', jar, name, view], { maxBuffer: 1 << 28 });
      let detail = firstDifference(ours, String(text.stdout));
      if (ours === 'THREW') {
        try {
          ourAdapterView(view, bytes, own, options.simpleVerifierClassPath);
        } catch (error) {
          detail = `: ours threw ${String(error).slice(0, 200)}; ASM's text starts ${JSON.stringify(String(text.stdout).slice(0, 100))}`;
        }
      }
      failures.push(`${name}: ${view} differs from ASM's ${detail}`);
    }
  }
  return failures;
}
