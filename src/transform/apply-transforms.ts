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
//   change is copied raw from the original class file.
// - Frames: ClassWriter.COMPUTE_FRAMES against the class path for class files of version 51
//   (Java 7) and later, where the verifier requires StackMapTable. Older versions get
//   COMPUTE_MAXS: before 50 HotSpot ignores StackMapTable; at 50 a changed method is written
//   without one and HotSpot verifies it by type inference (its documented fallback for version
//   50), which also keeps jsr/ret legal there. Computing frames for version 50 would route every
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
import { ClassNode } from '../tree/class-node.js';
import { TreeBaseline } from '../tree/lossless-tree-writer.js';
import { describeValue, type TransformContext, type TransformDefinition, type TransformStyle } from './define-transform.js';
import { runSourceTransform } from '../source/run-source-transform.js';
import { TransformError } from './transform-error.js';

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
  const internalName = new ClassReader(bytes).getClassName();
  const className = toDottedName(internalName);
  const selected = transforms.filter((transform) => transform.definition.matches(className));
  if (selected.length === 0) return { status: 'skipped', className, bytes };
  const names = { className, internalName };
  let current = bytes;
  let start = 0;
  while (start < selected.length) {
    const style = selected[start]!.definition.style;
    let end = start + 1;
    while (end < selected.length && selected[end]!.definition.style === style && style !== 'source') end++;
    current = runPass(style, current, selected.slice(start, end), names, environment);
    start = end;
  }
  if (sameBytes(current, bytes)) return { status: 'unchanged', className, bytes };
  return { status: 'changed', className, bytes: current };
}

interface ClassNames {
  readonly className: string;
  readonly internalName: string;
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
    log(message: string): void {
      if (sink !== undefined) sink({ transform: transformName, className: names.className, message: String(message) });
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
  const reader = new ClassReader(bytes);
  const writer = new ClassWriter(reader, writerFlagsFor(reader), { classPath: environment.classPath });
  let chain: ClassVisitor = writer;
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
  reader.accept(chain, ClassReader.SKIP_FRAMES);
  return writer.toByteArray();
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
      visitWith(bytes, transforms.slice(0, length), names, quiet);
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
  const reader = new ClassReader(bytes);
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
    return baseline.write(node, writerFlagsFor(reader), { classPath: environment.classPath });
  } catch (error) {
    if (error instanceof TransformError) throw error;
    throw new TransformError(blamed.definition.name, names.className, error);
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
    return runSourceTransform(bytes, environment.classPath, (ctClass) =>
      transform.definition.source!(ctClass, createContext(transform, names, environment)),
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
