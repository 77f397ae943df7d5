// # Writing a changed tree back with the untouched members copied byte for byte
//
// A tree transform (and a CtClass of classforge/source) gets a whole ClassNode and may change
// anything in place. Written naively (ClassNode → ClassWriter), every method would be re-encoded and
// get its frames recomputed. Instead, the class is written by a ClassWriter built on the original
// ClassReader (so its constant pool is kept), and each method or field whose replayed events did
// not change (member-fingerprint.ts) is copied as raw bytes from the original class file, as
// ClassReader does for members a visitor passes through (ClassReader.readMethod/readField).
//
// Members are matched to their originals by name and descriptor (a class file has at most one of
// each), so a member changed and one added or removed around it do not disturb the others.
//
// Code that knows which members it changed (CtClass records them) skips the comparison and passes
// the untouched members to writeCopyingMembers itself.

import { ClassReader } from '../asm/class-reader.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import { ClassWriter, type ClassWriterOptions } from '../asm/class-writer.js';
import { FieldWriter } from '../asm/field-writer.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import { MethodWriter } from '../asm/method-writer.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import { ClassNode } from './class-node.js';
import type { FieldNode } from './field-node.js';
import { fingerprintsEqual, MemberFingerprinter, type MemberFingerprint } from './member-fingerprint.js';
import { copyMethodInfo, readMemberLayout, type MemberInfo } from './member-layout.js';
import type { MethodNode } from './method-node.js';

interface Original {
  readonly info: MemberInfo;
  readonly fingerprint: MemberFingerprint;
}

/** A class file as read into a tree: what a changed tree is compared with when written back. */
export class TreeBaseline {
  readonly reader: ClassReader;
  private readonly fingerprinter = new MemberFingerprinter();
  private readonly methods = new Map<string, Original>();
  private readonly fields = new Map<string, Original>();

  /**
   * `node`, when given, is the tree read from `reader` with `parsingOptions` before any change (its
   * members are fingerprinted now); without it the class file is read again for the comparison.
   */
  constructor(reader: ClassReader, node?: ClassNode, parsingOptions = ClassReader.SKIP_FRAMES) {
    this.reader = reader;
    let original = node;
    if (original === undefined) {
      original = new ClassNode(Opcodes.ASM9);
      reader.accept(original, parsingOptions);
    }
    const layout = readMemberLayout(reader);
    original.methods.forEach((method, i) => {
      this.methods.set(method.name + method.desc, { info: layout.methods[i]!, fingerprint: this.fingerprinter.fingerprint(method) });
    });
    original.fields.forEach((field, i) => {
      this.fields.set(field.name + ':' + field.desc, { info: layout.fields[i]!, fingerprint: this.fingerprinter.fingerprint(field) });
    });
  }

  /**
   * Writes `node` with a ClassWriter on the original reader (`flags`, `options`), unchanged members
   * copied raw. A class raised from a version below 51 to 51 or later gets every method written
   * again with frames computed (COMPUTE_FRAMES added to `flags`): from 51 a method needs a
   * StackMapTable (JVMS §4.10.1), which neither the original methods nor COMPUTE_MAXS give.
   */
  write(node: ClassNode, flags: number, options?: ClassWriterOptions): Uint8Array {
    const writerFlags = this.gainsStackMapTables(node) ? flags | ClassWriter.COMPUTE_FRAMES : flags;
    return writeCopyingMembers(this.reader, node, this.unchangedMembers(node), writerFlags, options);
  }

  /**
   * Whether `node` has a version that requires StackMapTables (51 and later: the type checker has
   * no fallback there, JVMS §4.10) while the original class file's version did not: its methods
   * have none to copy.
   */
  private gainsStackMapTables(node: ClassNode): boolean {
    return requiresStackMapTables(node.version) && !requiresStackMapTables(this.reader.readUnsignedShort(6));
  }

  /** The members of `node` whose events are those of the member of the same name and descriptor in the original, with its place there. */
  unchangedMembers(node: ClassNode): Map<MethodNode | FieldNode, MemberInfo> {
    const copies = new Map<MethodNode | FieldNode, MemberInfo>();
    // A renamed class: a method's frames name the class (`this`, JVMS §4.10.1.2) even where its
    // instructions do not, so its methods are written again, with frames computed for the new name.
    const renamed = node.name !== this.reader.getClassName();
    // A class raised to version 51 or later: its original methods have no StackMapTable to copy.
    for (const method of renamed || this.gainsStackMapTables(node) ? [] : node.methods) {
      const original = this.methods.get(method.name + method.desc);
      if (original !== undefined && fingerprintsEqual(original.fingerprint, this.fingerprinter.fingerprint(method))) copies.set(method, original.info);
    }
    for (const field of node.fields) {
      const original = this.fields.get(field.name + ':' + field.desc);
      if (original !== undefined && fingerprintsEqual(original.fingerprint, this.fingerprinter.fingerprint(field))) copies.set(field, original.info);
    }
    return copies;
  }
}

/**
 * Writes `node` with a ClassWriter on `reader` (the class file it was read from: its constant pool is
 * kept), the members in `copies` copied as raw bytes from their place in it (`MemberInfo`), the
 * others re-encoded from the tree.
 */
export function writeCopyingMembers(
  reader: ClassReader,
  node: ClassNode,
  copies: ReadonlyMap<MethodNode | FieldNode, MemberInfo>,
  flags: number,
  options?: ClassWriterOptions,
  { copiesRequired = false }: { copiesRequired?: boolean } = {},
): Uint8Array {
  const writer = new ClassWriter(reader, flags, options);
  node.accept(new UntouchedMemberCopier(writer, reader, node, copies, copiesRequired));
  return writer.toByteArray();
}

/**
 * writeCopyingMembers with `copiesRequired`: a member of `copies` could not be copied raw (the
 * writer's checks refused it), and its node cannot stand for it (a tree read without code).
 */
export class CopyRefusedError extends Error {
  constructor(member: string) {
    super(`${member} cannot be copied from the class file`);
    this.name = 'CopyRefusedError';
  }
}

/**
 * Forwards a ClassNode's events to a ClassWriter built on the original reader, and makes the
 * writer copy the members listed in `copies` as raw bytes instead of re-encoding them. ClassNode.accept
 * visits fields and methods in list order, which is how each event is matched with its node.
 */
class UntouchedMemberCopier extends ClassVisitor {
  private fieldIndex = 0;
  private methodIndex = 0;

  constructor(
    writer: ClassWriter,
    private readonly reader: ClassReader,
    private readonly node: ClassNode,
    private readonly copies: ReadonlyMap<MethodNode | FieldNode, MemberInfo>,
    private readonly copiesRequired: boolean,
  ) {
    super(Opcodes.ASM9, writer);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor | null {
    const field = this.node.fields[this.fieldIndex++];
    const fieldVisitor = super.visitField(access, name, descriptor, signature, value);
    const info = field === undefined || field.name !== name || field.desc !== descriptor ? undefined : this.copies.get(field);
    if (
      info !== undefined &&
      fieldVisitor instanceof FieldWriter &&
      fieldVisitor.canCopyFieldAttributes(
        this.reader,
        info.hasSyntheticAttribute,
        info.hasDeprecatedAttribute,
        info.descriptorIndex,
        info.signatureIndex,
        info.constantValueIndex,
      )
    ) {
      fieldVisitor.setFieldAttributesSource(info.offset, info.length);
      return null;
    }
    if (info !== undefined && this.copiesRequired) throw new CopyRefusedError(`field ${name}`);
    return fieldVisitor;
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    const method = this.node.methods[this.methodIndex++];
    const methodVisitor = super.visitMethod(access, name, descriptor, signature, exceptions);
    const info = method === undefined || method.name !== name || method.desc !== descriptor ? undefined : this.copies.get(method);
    if (info !== undefined && methodVisitor instanceof MethodWriter && copyMethodInfo(methodVisitor, this.reader, info)) {
      return null;
    }
    if (info !== undefined && this.copiesRequired) throw new CopyRefusedError(`method ${name}${descriptor}`);
    return methodVisitor;
  }
}

/** Whether class files of this version need a StackMapTable in methods with branches (JVMS §4.10.1: from 51). */
function requiresStackMapTables(version: number): boolean {
  return (version & 0xffff) >= Opcodes.V1_7;
}
