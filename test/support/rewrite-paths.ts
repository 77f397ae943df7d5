// The two paths of a rewrite `new ClassReader(bytes).accept(new ClassWriter(flags), options)`: straight
// into the writer, which lets the code transcoder write each method (src/asm/code-transcoder.ts), or
// through a pass-through MethodVisitor, which it does not see through: the events path, MethodWriter's
// own, the oracle of the transcoder's tests.

import { vi } from 'vitest';
import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassVisitor } from '../../src/asm/class-visitor.js';
import { ClassWriter } from '../../src/asm/class-writer.js';
import { MethodVisitor } from '../../src/asm/method-visitor.js';
import { Opcodes } from '../../src/asm/opcodes.js';
import { ClassPath } from '../../src/classpath/class-path.js';

/** Puts a pass-through MethodVisitor before each MethodWriter: the events path. */
export class ThroughEvents extends ClassVisitor {
  constructor(next: ClassVisitor) {
    super(Opcodes.ASM9, next);
  }
  override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    return next === null ? null : new MethodVisitor(Opcodes.ASM9, next);
  }
}

/** How a class is rewritten: the writer's flags (with a class path for COMPUTE_FRAMES) and the reader's options. */
export interface Rewrite {
  readonly writerFlags: number;
  readonly parsingOptions: number;
  readonly classPath?: ClassPath;
}

let jdk: ClassPath | undefined;

export function rewrite(bytes: Uint8Array, how: Rewrite, throughEvents: boolean): Uint8Array {
  jdk ??= new ClassPath([]);
  const writer = new ClassWriter(how.writerFlags, { classPath: how.classPath ?? jdk });
  new ClassReader(bytes).accept(throughEvents ? new ThroughEvents(writer) : writer, how.parsingOptions);
  return writer.toByteArray();
}

/** The outcome of a rewrite: its bytes, or the error it threw. */
export function outcome(bytes: Uint8Array, how: Rewrite, throughEvents: boolean): string {
  try {
    return Buffer.from(rewrite(bytes, how, throughEvents)).toString('hex');
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/**
 * Counts the calls of `prototype[method]` (until vi.restoreAllMocks(), which must come before counting
 * the same method again): ClassReader.readCode, for the methods the transcoder left to the events.
 */
export function countCalls(prototype: object, method: string): { calls: number } {
  const counter = { calls: 0 };
  const target = prototype as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  vi.spyOn(target, method as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
    counter.calls++;
    return original.apply(this, args);
  } as never);
  return counter;
}
