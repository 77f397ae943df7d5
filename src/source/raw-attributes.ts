// # Attributes by name, as raw bytes (Javassist's getAttribute / setAttribute on classes and members)
//
// Javassist keeps every attribute as its bytes (AttributeInfo), so `getAttribute(name)` returns the
// info bytes of any attribute and `setAttribute(name, bytes)` adds or replaces one. The tree keeps
// only the attributes it does not model as ASM `Attribute`s with opaque content (ClassNode.attrs,
// FieldNode.attrs, MethodNode.attrs): those are read and set there. An attribute the tree models
// (JVMS §4.7, table 4.7-A/B/C: SourceFile, Signature, Code, annotations…) lives in the tree's
// fields; its bytes are read from the class file as it would be written now, constant pool indexes
// relative to that file (as Javassist's are relative to its ConstPool). Setting one would leave the
// tree and the raw copy disagreeing, and both would be written: refused (CannotCompileException).

import { Attribute } from '../asm/attribute.js';
import { type RawAttribute, readRawClassFile } from '../classfile/raw-class-file.js';
import { CannotCompileException } from './cannot-compile-exception.js';

/** The attributes the tree models (JVMS §4.7): written from the tree's fields, never from `attrs`. */
const MODELLED = new Set([
  'ConstantValue', 'Code', 'StackMapTable', 'Exceptions', 'InnerClasses', 'EnclosingMethod', 'Synthetic', 'Signature',
  'SourceFile', 'SourceDebugExtension', 'LineNumberTable', 'LocalVariableTable', 'LocalVariableTypeTable', 'Deprecated',
  'RuntimeVisibleAnnotations', 'RuntimeInvisibleAnnotations', 'RuntimeVisibleParameterAnnotations',
  'RuntimeInvisibleParameterAnnotations', 'RuntimeVisibleTypeAnnotations', 'RuntimeInvisibleTypeAnnotations',
  'AnnotationDefault', 'BootstrapMethods', 'MethodParameters', 'Module', 'ModulePackages', 'ModuleMainClass', 'NestHost',
  'NestMembers', 'Record', 'PermittedSubclasses',
]);

/** Where a member sits in its class file: found by name and descriptor. */
export interface MemberKey {
  readonly kind: 'field' | 'method';
  readonly name: string;
  readonly desc: string;
}

/**
 * The info bytes of the attribute `name`: from `attrs` for one the tree does not model, else from
 * the class file `classBytes()` would write (the class's own attribute, or `member`'s); null if absent.
 */
export function attributeBytes(attrs: readonly Attribute[] | null, name: string, classBytes: () => Uint8Array, member?: MemberKey): Uint8Array | null {
  if (!MODELLED.has(name)) {
    const own = attrs?.find((attribute) => attribute.type === name);
    return own === undefined ? null : new Uint8Array(own.content ?? new Uint8Array(0));
  }
  const file = readRawClassFile(classBytes());
  let attributes: readonly RawAttribute[] = file.attributes;
  if (member !== undefined) {
    const members = member.kind === 'field' ? file.fields : file.methods;
    attributes = members.find((m) => m.name === member.name && m.descriptor === member.desc)?.attributes ?? [];
  }
  const found = attributes.find((attribute) => attribute.name === name);
  return found === undefined ? null : new Uint8Array(found.info);
}

/** `attrs` with the attribute `name` set to `bytes` (replacing one of that name, as Javassist's addAttribute). */
export function withAttribute(attrs: readonly Attribute[] | null, name: string, bytes: Uint8Array): Attribute[] {
  if (MODELLED.has(name)) {
    throw new CannotCompileException(`setAttribute: ${name} is an attribute classforge models (JVMS §4.7); change it through the API, not as bytes`);
  }
  const attribute = new Attribute(name);
  attribute.content = new Uint8Array(bytes);
  return [...(attrs ?? []).filter((a) => a.type !== name), attribute];
}
