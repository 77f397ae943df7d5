import { IllegalStateException } from '../asm/java-exceptions.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { MethodNode } from '../tree/method-node.js';
import type { TryCatchBlockNode } from '../tree/try-catch-block-node.js';

/**
 * A MethodNode that, at visitEnd, sorts the exception table innermost first (by the length, in
 * instructions, of each protected range) and replays the method to `mv`. The JVM picks the first
 * matching entry (JVMS §2.10), so handlers added around existing code keep the right precedence.
 * Only meaningful for properly nested ranges, as in ASM. The sort is stable, like Java's.
 *
 * Constructors: `(methodVisitor, access, name, descriptor, signature, exceptions)` (ASM9; not for
 * subclasses, as in ASM) or the same with a leading `api`.
 */
export class TryCatchBlockSorter extends MethodNode {
  constructor(
    methodVisitor: MethodVisitor | null,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  );
  constructor(
    api: number,
    methodVisitor: MethodVisitor | null,
    access: number,
    name: string,
    descriptor: string,
    signature: string | null,
    exceptions: readonly string[] | null,
  );
  constructor(...args: unknown[]) {
    const withApi = typeof args[0] === 'number';
    const api = withApi ? (args.shift() as number) : Opcodes.ASM9;
    const [methodVisitor, access, name, descriptor, signature, exceptions] = args as [
      MethodVisitor | null,
      number,
      string,
      string,
      string | null,
      readonly string[] | null,
    ];
    super(api, access, name, descriptor, signature ?? null, exceptions ?? null);
    if (!withApi && new.target !== TryCatchBlockSorter) {
      throw new IllegalStateException('subclasses of TryCatchBlockSorter must pass an api');
    }
    this.mv = methodVisitor ?? null;
  }

  override visitEnd(): void {
    const tryCatchBlocks = this.tryCatchBlocks;
    if (tryCatchBlocks !== null) {
      const instructions = this.instructions;
      const blockLength = (block: TryCatchBlockNode): number =>
        instructions.indexOf(block.end) - instructions.indexOf(block.start);
      tryCatchBlocks.sort((a, b) => blockLength(a) - blockLength(b));
      // Type annotations on handlers (JVMS §4.7.20.1 catch_target) refer to table indices.
      for (let i = 0; i < tryCatchBlocks.length; ++i) {
        tryCatchBlocks[i]!.updateIndex(i);
      }
    }
    if (this.mv !== null) {
      this.accept(this.mv);
    }
  }
}
