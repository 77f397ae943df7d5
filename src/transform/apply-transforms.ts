// # applyTransforms: one class through a list of transforms, bytes in, bytes out
//
// The heart of `classforge transform`, of the agent's transform host and of the test kit. Pure:
// no files, no workers, no console; messages from ctx.log go to the caller's callback.
//
// Decisions:
// - A class is read once to learn its name; the transforms whose include/exclude globs do not
//   select it are dropped. None left: 'skipped', the original bytes, nothing else parsed.
// - Transforms run in the order given: the first sees the class first. Consecutive visitor
//   transforms share one pass (ClassReader → t1 → t2 → … → ClassWriter); consecutive tree
//   transforms share one ClassNode; a change of style starts a new pass over the previous
//   pass's bytes.
// - Lossless: the ClassWriter is built on the pass's ClassReader, so the constant pool, class
//   attributes and every method a visitor passes through untouched (visitMethod returning the
//   writer's own MethodVisitor) are copied as raw bytes. Tree passes get the same through member
//   fingerprints (src/tree/lossless-tree-writer.ts): a method or field whose replayed events did not
//   change is copied raw from the original class file. So do visitor passes for the methods a
//   transform wraps: the reader's events and the chain's are compared as they stream through
//   (method-event-comparison.ts), and a method whose events are the original's is copied raw, with
//   its original frames (a wrapper that changes nothing changes no byte, needs no class path, and
//   gives the bytes a tree transform making the same change gives). Measured on guava (2040
//   classes, the method-timing example, warm passes): buffering each wrapped method and comparing
//   it with the class read again into a tree cost about a third of a pass; the streamed comparison
//   stops at the first difference.
// - Frames: ClassWriter.COMPUTE_FRAMES against the class path for class files of version 51
//   (Java 7) and later, where the verifier requires StackMapTable. Older versions get
//   COMPUTE_MAXS: before 50 HotSpot ignores StackMapTable; at 50 a changed method is written
//   without one and HotSpot verifies it by type inference (its documented fallback for version
//   50), which also keeps jsr/ret legal there; frames a transform inserts into a changed method
//   of such a class (FrameNodes, visitFrame) are dropped. Computing frames for version 50 would route every
//   method through the jsr inliner, which defeats the raw copy of untouched methods.
// - Frames from the input are not read (ClassReader.SKIP_FRAMES): they are recomputed for changed
//   methods, and LocalVariablesSorter-based adapters (AdviceAdapter, GeneratorAdapter) refuse
//   compressed frames.
// - A class whose bytes come back identical is 'unchanged' and the original array is returned.
// - Whatever a transform throws, or the writer throws because of a transform's change (frames
//   against a missing class, a method too large), becomes a TransformError naming the transform
//   and the class. In a chained visitor pass the culprit is found by re-running the chain's
//   prefixes (only on failure). A class that cannot even be read throws ClassFormatError as is:
//   that is bad input, not a transform's failure.

import { ClassReader } from '../asm/class-reader.js';
import { toDottedName } from '../classfile/class-names.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import { ClassWriter } from '../asm/class-writer.js';
import { Opcodes } from '../asm/opcodes.js';
import type { ClassPath } from '../classpath/class-path.js';
import { MethodVisitor } from '../asm/method-visitor.js';
import { MethodWriter } from '../asm/method-writer.js';
import { ClassNode } from '../tree/class-node.js';
import { FrameNode } from '../tree/frame-node.js';
import { MethodNode } from '../tree/method-node.js';
import { TreeBaseline } from '../tree/lossless-tree-writer.js';
import { copyMethodInfo, readMemberLayout, type MemberInfo } from '../tree/member-layout.js';
import { ComparedMethodInput, MethodEventComparison, OriginalMethodRecorder } from './method-event-comparison.js';
import { describeValue, type TransformContext, type TransformDefinition, type TransformStyle } from './define-transform.js';
import { runSourceTransform } from '../source/run-source-transform.js';
import { TransformError } from './transform-error.js';
import { AddedClasses, type AddedClass } from './added-classes.js';
import { withSubroutinesInlined } from './subroutine-inlining.js';

/** A transform ready to run: its definition and its validated options. */
export interface ActiveTransform {
  readonly definition: TransformDefinition;
  readonly options: unknown;
}

/** What applyTransforms needs besides the class and the transforms. */
export interface ApplyTransformsEnvironment {
  /** The class path for ctx.classPath and for frame computation. */
  readonly classPath: ClassPath;
  /** Receives ctx.log messages; by default they are dropped. */
  readonly log?: (entry: TransformLogEntry) => void;
  /** The class replaces one the JVM already loaded (ctx.redefining); false when absent. */
  readonly redefining?: boolean;
}

/** One ctx.log message. */
export interface TransformLogEntry {
  readonly transform: string;
  /** Dotted class name. */
  readonly className: string;
  readonly message: string;
}

/** What became of one class. */
export type ClassTransformStatus = 'changed' | 'unchanged' | 'skipped';

export interface ClassTransformResult {
  readonly status: ClassTransformStatus;
  /** Dotted class name (`com.acme.Foo$Bar`). */
  readonly className: string;
  /** The new bytes when changed; the input array itself otherwise. */
  readonly bytes: Uint8Array;
  /** The classes the transforms added with ctx.addClass while rewriting it (added-classes.ts), in order. */
  readonly added: readonly AddedClass[];
}

export { toDottedName } from '../classfile/class-names.js';

/**
 * Runs `transforms`, in order, on the class file `bytes`. Throws TransformError when a transform
 * fails on the class, ClassFormatError when `bytes` is not a class file.
 */
export function applyTransforms(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  environment: ApplyTransformsEnvironment,
): ClassTransformResult {
  const reader = new ClassReader(bytes);
  const internalName = reader.getClassName();
  const className = toDottedName(internalName);
  const selected = transforms.filter((transform) => transform.definition.matches(className));
  if (selected.length === 0) return { status: 'skipped', className, bytes, added: NO_ADDED_CLASSES };
  const names: ClassNames = { className, internalName, originalBytes: bytes, originalReader: reader, added: new AddedClasses(internalName) };
  let current = bytes;
  let start = 0;
  while (start < selected.length) {
    const style = selected[start]!.definition.style;
    let end = start + 1;
    while (end < selected.length && selected[end]!.definition.style === style && style !== 'source') end++;
    current = runPass(style, current, selected.slice(start, end), names, environment);
    start = end;
  }
  const added = names.added.list();
  if (sameBytes(current, bytes)) return { status: 'unchanged', className, bytes, added };
  return { status: 'changed', className, bytes: current, added };
}

const NO_ADDED_CLASSES: readonly AddedClass[] = Object.freeze([]);

interface ClassNames {
  readonly className: string;
  readonly internalName: string;
  /** The class file given to applyTransforms, and the reader made of it to learn its name (a pass over these bytes reuses it). */
  readonly originalBytes: Uint8Array;
  readonly originalReader: ClassReader;
  /** What the transforms add with ctx.addClass. */
  readonly added: AddedClasses;
}

/** A reader of `bytes`: the one applyTransforms made when they are the original class file. */
function readerOf(bytes: Uint8Array, names: ClassNames): ClassReader {
  return bytes === names.originalBytes ? names.originalReader : new ClassReader(bytes);
}

function runPass(
  style: TransformStyle,
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): Uint8Array {
  switch (style) {
    case 'visitor':
      return runVisitorPass(bytes, transforms, names, environment);
    case 'tree':
      return runTreePass(bytes, transforms, names, environment);
    case 'source':
      return runSourcePass(bytes, transforms[0]!, names, environment);
  }
}

/** The ClassWriter flags for a class file of this version (see the decisions above). */
export function writerFlagsFor(reader: ClassReader): number {
  const major = reader.readUnsignedShort(6);
  return major >= Opcodes.V1_7 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS;
}

function createContext(transform: ActiveTransform, names: ClassNames, environment: ApplyTransformsEnvironment): TransformContext {
  const transformName = transform.definition.name;
  const sink = environment.log;
  return Object.freeze({
    options: transform.options,
    className: names.className,
    internalName: names.internalName,
    classPath: environment.classPath,
    transformName,
    redefining: environment.redefining === true,
    log(message: string): void {
      if (sink !== undefined) sink({ transform: transformName, className: names.className, message: String(message) });
    },
    addClass(bytes: Uint8Array): string {
      return names.added.add(bytes, transformName);
    },
  });
}

// ## Visitor passes

function runVisitorPass(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): Uint8Array {
  try {
    return visitWith(bytes, transforms, names, environment);
  } catch (error) {
    if (error instanceof TransformError) throw error;
    throw new TransformError(blameInChain(bytes, transforms, names, environment), names.className, error);
  }
}

/** One read/write of `bytes` through the chained visitors of `transforms`. */
function visitWith(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): Uint8Array {
  const reader = readerOf(bytes, names);
  const writer = new ClassWriter(reader, writerFlagsFor(reader), { classPath: environment.classPath });
  const buffer = new MethodBuffer(writer, reader, names.internalName);
  let chain: ClassVisitor = buffer;
  for (let i = transforms.length - 1; i >= 0; i--) {
    const transform = transforms[i]!;
    let visitor: unknown;
    try {
      visitor = transform.definition.visitor!(chain, createContext(transform, names, environment));
    } catch (error) {
      throw new TransformError(transform.definition.name, names.className, error);
    }
    if (!(visitor instanceof ClassVisitor)) {
      throw new TransformError(
        transform.definition.name,
        names.className,
        new TypeError(`visitor() must return a ClassVisitor (one built on the 'next' it was given), got ${describeValue(visitor)}`),
      );
    }
    chain = visitor;
  }
  reader.accept(new ChainTop(chain, buffer), ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
}

/**
 * A method as a visitor chain hands it to the writer, buffered until its visitEnd: then it is
 * either copied raw from the class file (its events are the original's) or replayed into its
 * MethodWriter.
 */
class BufferedMethod extends MethodNode {
  constructor(
    private readonly buffer: MethodBuffer,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  ) {
    super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
  }

  override visitEnd(): void {
    super.visitEnd();
    this.buffer.methodEnded(this);
  }
}

/**
 * The end of a visitor chain, in front of the ClassWriter. A transform that wraps a method's
 * visitor (even one that forwards every event unchanged) makes the reader parse the method and
 * send its events. Each such method's events go on to its MethodWriter as they come, while the
 * reader's events and the chain's are compared (method-event-comparison.ts); a method whose events
 * turn out to be the original's is copied raw with its original frames, the others get frames
 * computed. A class the chain renamed gets no raw copy: a method's frames may name the class
 * (`this`). A class the chain raised to version 51 or more has no frames to copy: its methods are
 * buffered (BufferedMethod) and written with their subroutines inlined and frames computed.
 */
class MethodBuffer extends ClassVisitor {
  /** Buffered methods not yet written, with the writer's visitor for each, in visitMethod order. */
  private readonly pending = new Map<BufferedMethod, MethodVisitor>();
  /**
   * The methods started since the reader's current visitMethod call started (see ChainTop): the
   * first `startedCount` elements (reused: usually one per call).
   */
  private readonly startedByReader: MethodVisitor[] = [];
  private startedCount = 0;
  /** Each method's comparison of the reader's events with the chain's, by name, then descriptor. */
  private readonly comparisons = new Map<string, NamedComparison[]>();
  /** The comparison comparisonFor gave last. */
  private lastComparison: NamedComparison | null = null;
  /** Objects compared by identity get one number in both streams of every comparison. */
  private readonly identities = new Map<object, number>();
  /** The chain's methods: visitEnd decides those whose decision had to wait (or whose visitEnd never came). */
  private readonly inputs: ComparedMethodInput[] = [];
  /** Where each method of the original class file is, by name and descriptor (made on first use). */
  private originalMethods: Map<string, MemberInfo> | null = null;
  private renamed = false;
  private version = 0;
  /**
   * Whether the chain raised the class from below version 51 to 51 or more: the original methods
   * have no StackMapTable and from 51 the type checker needs one (JVMS §4.10.1), so none is copied
   * raw and the writer computes every method's frames.
   */
  private framesMissing = false;

  constructor(
    private readonly writer: ClassWriter,
    private readonly reader: ClassReader,
    private readonly originalName: string,
  ) {
    super(Opcodes.ASM9, writer);
  }

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    this.renamed = name !== this.originalName;
    this.version = version;
    if (keepsStackMapTables(version) && !keepsStackMapTables(this.reader.readUnsignedShort(6))) {
      this.framesMissing = true;
      this.writer.setFlags(ClassWriter.COMPUTE_FRAMES);
    }
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    const methodVisitor = this.writer.visitMethod(access, name, descriptor, signature, exceptions);
    if (methodVisitor === null) return null;
    if (this.framesMissing) {
      const method = new BufferedMethod(this, access, name, descriptor, signature, exceptions);
      this.pending.set(method, methodVisitor);
      this.startedByReader[this.startedCount++] = method;
      return method;
    }
    const comparison = this.comparisonFor(name, descriptor);
    if (this.renamed || !(methodVisitor instanceof MethodWriter)) comparison.markChanged();
    const input = new ComparedMethodInput(
      methodVisitor,
      comparison,
      !keepsStackMapTables(this.version),
      () => methodVisitor instanceof MethodWriter && this.copyOriginal(methodVisitor, name + descriptor),
    );
    this.inputs.push(input);
    this.startedByReader[this.startedCount++] = input;
    return input;
  }

  /** ChainTop: the reader is about to call visitMethod on the chain. */
  readerMethodStarts(): void {
    this.startedCount = 0;
  }

  /**
   * ChainTop: the chain returned `methodVisitor` to the reader for the method `name descriptor`.
   * When it is a method started by this very call, no transform wrapped it: the reader gets the
   * writer's own visitor instead, so that it copies the method raw without parsing it (or sends
   * its events straight there), as a ClassWriter at the end of the chain would. Otherwise the
   * reader's events are recorded on their way into the chain, for the comparison.
   */
  readerMethodVisitor(methodVisitor: MethodVisitor | null, name: string, descriptor: string): MethodVisitor | null {
    if (methodVisitor === null) return null;
    if (this.wasStartedByReader(methodVisitor)) {
      // A BufferedMethod (a class raised to 51+) stays: the writer's own visitor would copy the
      // method raw, without the frames it now needs.
      return methodVisitor instanceof ComparedMethodInput ? methodVisitor.writerVisitor : methodVisitor;
    }
    if (this.framesMissing || this.renamed) return methodVisitor;
    const comparison = this.comparisonFor(name, descriptor);
    return comparison.recording ? new OriginalMethodRecorder(methodVisitor, comparison) : methodVisitor;
  }

  /** Whether the chain started `methodVisitor` during the reader's current visitMethod call. */
  private wasStartedByReader(methodVisitor: MethodVisitor): boolean {
    for (let i = 0; i < this.startedCount; i++) if (this.startedByReader[i] === methodVisitor) return true;
    return false;
  }

  methodEnded(method: BufferedMethod): void {
    const target = this.pending.get(method);
    if (target === undefined) return;
    this.pending.delete(method);
    // MethodNode.accept(MethodVisitor) replays visitEnd too.
    withSubroutinesInlined(method).accept(target);
  }

  override visitEnd(): void {
    // Methods whose visitEnd never came are written as they are.
    for (const method of [...this.pending.keys()]) this.methodEnded(method);
    // The reader has visited every original method: the comparisons that waited for it end here.
    for (const input of this.inputs) input.decide();
    super.visitEnd();
  }

  /**
   * The comparison of the method `name descriptor` (a class file has at most one), made by whichever
   * side comes first. Usually the chain's visitMethod runs inside the reader's, for the same method:
   * the last one made is checked first, without hashing.
   */
  private comparisonFor(name: string, descriptor: string): MethodEventComparison {
    const last = this.lastComparison;
    if (last !== null && last.name === name && last.descriptor === descriptor) return last.comparison;
    let overloads = this.comparisons.get(name);
    if (overloads === undefined) {
      overloads = [];
      this.comparisons.set(name, overloads);
    }
    let found = overloads.find((entry) => entry.descriptor === descriptor);
    if (found === undefined) {
      found = { name, descriptor, comparison: new MethodEventComparison(this.identities) };
      overloads.push(found);
    }
    this.lastComparison = found;
    return found.comparison;
  }

  /** Makes `target` a raw copy of the original method `key` (name and descriptor), if the writer can copy it. */
  private copyOriginal(target: MethodWriter, key: string): boolean {
    if (this.originalMethods === null) {
      this.originalMethods = new Map();
      for (const info of readMemberLayout(this.reader).methods) {
        this.originalMethods.set(this.reader.readUTF8(info.offset + 2)! + this.reader.readUTF8(info.offset + 4)!, info);
      }
    }
    const info = this.originalMethods.get(key);
    return info !== undefined && copyMethodInfo(target, this.reader, info);
  }
}

/** A method's comparison with the method's name and descriptor. */
interface NamedComparison {
  readonly name: string;
  readonly descriptor: string;
  readonly comparison: MethodEventComparison;
}

/** What the reader visits: the chain, with its visitMethod answers checked by the MethodBuffer. */
class ChainTop extends ClassVisitor {
  constructor(
    chain: ClassVisitor,
    private readonly buffer: MethodBuffer,
  ) {
    super(Opcodes.ASM9, chain);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    this.buffer.readerMethodStarts();
    return this.buffer.readerMethodVisitor(super.visitMethod(access, name, descriptor, signature, exceptions), name, descriptor);
  }
}

/**
 * The transform to blame for a chained pass that failed: the first whose prefix of the chain
 * fails alone. Logs of these re-runs are dropped (the failed run's logs were already sent).
 */
function blameInChain(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): string {
  const quiet: ApplyTransformsEnvironment = { classPath: environment.classPath };
  for (let length = 1; length < transforms.length; length++) {
    try {
      // What these re-runs add is dropped with them.
      visitWith(bytes, transforms.slice(0, length), { ...names, added: new AddedClasses(names.internalName) }, quiet);
    } catch {
      return transforms[length - 1]!.definition.name;
    }
  }
  return transforms[transforms.length - 1]!.definition.name;
}

// ## Tree passes

function runTreePass(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): Uint8Array {
  const reader = readerOf(bytes, names);
  let node = new ClassNode(Opcodes.ASM9);
  reader.accept(node, ClassReader.SKIP_FRAMES);
  // Every member as read, to recognise the ones the transforms leave alone (lossless-tree-writer.ts).
  const baseline = new TreeBaseline(reader, node);

  let blamed = transforms[transforms.length - 1]!;
  try {
    for (const transform of transforms) {
      blamed = transform;
      const result: unknown = transform.definition.tree!(node, createContext(transform, names, environment));
      if (result instanceof ClassNode) {
        node = result;
      } else if (result !== undefined) {
        const promise = typeof (result as { then?: unknown } | null)?.then === 'function';
        throw new TypeError(
          promise
            ? 'tree() returned a promise: transforms are synchronous (do asynchronous set-up before defineTransform)'
            : `tree() must change the node in place or return a ClassNode, got ${describeValue(result)}`,
        );
      }
    }
    if (!keepsStackMapTables(node.version)) for (const method of node.methods) dropFrames(method);
    else if (!keepsStackMapTables(reader.readUnsignedShort(6))) node.methods = node.methods.map(withSubroutinesInlined);
    return baseline.write(node, writerFlagsFor(reader), { classPath: environment.classPath });
  } catch (error) {
    if (error instanceof TransformError) throw error;
    throw new TransformError(blamed.definition.name, names.className, error);
  }
}

/**
 * Whether changed methods of a class file of this version are written with the frames they hold.
 * Below 51 they are written without a StackMapTable (see the decisions above): frames a transform
 * gives there (FrameNodes, visitFrame) would only be stale, and before 50 ASM refuses compressed ones.
 */
function keepsStackMapTables(version: number): boolean {
  return (version & 0xffff) >= Opcodes.V1_7;
}

/** Removes the FrameNodes of `method` (one whose events then match the original's is still copied raw, frames included). */
function dropFrames(method: MethodNode): void {
  for (let insn = method.instructions.getFirst(); insn !== null; ) {
    const next = insn.getNext();
    if (insn instanceof FrameNode) method.instructions.remove(insn);
    insn = next;
  }
}

// ## Source passes

function runSourcePass(
  bytes: Uint8Array,
  transform: ActiveTransform,
  names: ClassNames,
  environment: ApplyTransformsEnvironment,
): Uint8Array {
  try {
    return runSourceTransform(
      bytes,
      environment.classPath,
      (ctClass) => transform.definition.source!(ctClass, createContext(transform, names, environment)),
      // The anonymous classes of its snippets go where ctx.addClass's classes go.
      (added) => names.added.add(added, transform.definition.name),
      environment.redefining === true,
    );
  } catch (error) {
    throw new TransformError(transform.definition.name, names.className, error);
  }
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}
