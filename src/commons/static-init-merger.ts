import { ClassVisitor } from '../asm/class-visitor.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';

/**
 * A ClassVisitor that merges the <clinit> methods it sees (e.g. when several classes are merged
 * into one) into a single class initializer: each is renamed `prefix` + n (private static), and
 * a new <clinit> calls them in order. The new method is emitted without visitCode and with
 * visitMaxs(0, 0), as in ASM: use COMPUTE_MAXS or COMPUTE_FRAMES, or rely on its stack being 0.
 *
 * Constructors: `(prefix, classVisitor)` (ASM9) or `(api, prefix, classVisitor)`.
 */
export class StaticInitMerger extends ClassVisitor {
  /** The internal name of the visited class. */
  private owner: string | null;
  /** The prefix of the renamed <clinit> methods. */
  private readonly renamedClinitMethodPrefix: string;
  /** The number of <clinit> methods seen so far. */
  private numClinitMethods: number;
  /** The visitor of the merged <clinit>, once created. */
  private mergedClinitVisitor: MethodVisitor | null;

  constructor(prefix: string, classVisitor: ClassVisitor | null);
  constructor(api: number, prefix: string, classVisitor: ClassVisitor | null);
  constructor(apiOrPrefix: number | string, prefixOrVisitor: string | ClassVisitor | null, classVisitor?: ClassVisitor | null) {
    const withApi = typeof apiOrPrefix === 'number';
    super(withApi ? apiOrPrefix : Opcodes.ASM9, (withApi ? (classVisitor ?? null) : prefixOrVisitor) as ClassVisitor | null);
    this.renamedClinitMethodPrefix = (withApi ? prefixOrVisitor : apiOrPrefix) as string;
    this.owner = null;
    this.numClinitMethods = 0;
    this.mergedClinitVisitor = null;
  }

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    super.visit(version, access, name, signature, superName, interfaces);
    this.owner = name;
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    if (name !== '<clinit>') {
      return super.visitMethod(access, name, descriptor, signature, exceptions);
    }
    const newAccess = Opcodes.ACC_PRIVATE + Opcodes.ACC_STATIC;
    const newName = this.renamedClinitMethodPrefix + this.numClinitMethods++;
    const methodVisitor = super.visitMethod(newAccess, newName, descriptor, signature, exceptions);
    if (this.mergedClinitVisitor === null) {
      this.mergedClinitVisitor = super.visitMethod(newAccess, name, descriptor, null, null);
    }
    if (this.mergedClinitVisitor !== null) {
      this.mergedClinitVisitor.visitMethodInsn(Opcodes.INVOKESTATIC, this.owner as string, newName, descriptor, false);
    }
    return methodVisitor;
  }

  override visitEnd(): void {
    if (this.mergedClinitVisitor !== null) {
      this.mergedClinitVisitor.visitInsn(Opcodes.RETURN);
      this.mergedClinitVisitor.visitMaxs(0, 0);
    }
    super.visitEnd();
  }
}
