// The parts common to fields, methods and constructors (Javassist's CtMember), over the FieldNode
// or MethodNode of the class's tree: both carry access flags, a descriptor and a generic signature.

import { toInternalName } from '../classfile/class-names.js';
import { allAnnotationValues, annotationValues, type AnnotationEntry, type AnnotationValues } from './annotation-values.js';
import type { FieldNode } from '../tree/field-node.js';
import type { MethodNode } from '../tree/method-node.js';
import type { CtClass } from './ct-class.js';
import type { Attribute } from '../asm/attribute.js';
import { attributeBytes, withAttribute } from './raw-attributes.js';

/** What a member's tree node has in common (FieldNode, MethodNode). */
export interface MemberNode {
  access: number;
  name: string;
  desc: string;
  signature: string | null;
  visibleAnnotations: { desc: string | null }[] | null;
  invisibleAnnotations: { desc: string | null }[] | null;
  /** The attributes the tree does not model (raw-attributes.ts). */
  attrs: Attribute[] | null;
}

/** Whether `node` carries an annotation of the class `annotationName` (dotted or internal), visible at run time or not. */
export function hasAnnotationOf(node: Pick<MemberNode, 'visibleAnnotations' | 'invisibleAnnotations'>, annotationName: string): boolean {
  const descriptor = `L${toInternalName(annotationName)};`;
  return [...(node.visibleAnnotations ?? []), ...(node.invisibleAnnotations ?? [])].some((annotation) => annotation.desc === descriptor);
}

export abstract class CtMember {
  /** @internal */
  protected constructor(
    protected readonly declaringClass: CtClass,
    private readonly memberNode: MemberNode,
  ) {}

  getDeclaringClass(): CtClass {
    return this.declaringClass;
  }

  abstract getName(): string;

  getModifiers(): number {
    return this.memberNode.access;
  }

  setModifiers(modifiers: number): void {
    this.declaringClass.checkModify(this.memberNode as FieldNode | MethodNode);
    this.memberNode.access = modifiers;
    this.declaringClass.memberDeclarationChanged();
  }

  /** The JVM descriptor (Javassist's getSignature). */
  getSignature(): string {
    return this.memberNode.desc;
  }

  /** The generic signature attribute, or null. */
  getGenericSignature(): string | null {
    return this.memberNode.signature;
  }

  setGenericSignature(signature: string | null): void {
    this.declaringClass.checkModify(this.memberNode as FieldNode | MethodNode);
    this.memberNode.signature = signature;
    this.declaringClass.memberDeclarationChanged();
  }

  /**
   * The member's annotation of `annotationName` (dotted) as plain values, defaults filled in, or
   * null (Javassist's getAnnotation; see annotation-values.ts for the value types).
   */
  getAnnotation(annotationName: string): AnnotationValues | null {
    const node = this.memberNode;
    return annotationValues([...(node.visibleAnnotations ?? []), ...(node.invisibleAnnotations ?? [])], annotationName, this.declaringClass.getClassPool());
  }

  /** All the member's annotations, visible then invisible, as their types and plain values (Javassist's getAnnotations). */
  getAnnotations(): AnnotationEntry[] {
    const node = this.memberNode;
    return allAnnotationValues([...(node.visibleAnnotations ?? []), ...(node.invisibleAnnotations ?? [])], this.declaringClass.getClassPool());
  }

  /** Whether the member is annotated with `annotationName` (Javassist's hasAnnotation; dotted name). */
  hasAnnotation(annotationName: string): boolean {
    return hasAnnotationOf(this.memberNode, annotationName);
  }

  /** The member's annotations whose annotation types the pool can find (Javassist's getAvailableAnnotations); others skipped. */
  getAvailableAnnotations(): AnnotationEntry[] {
    const pool = this.declaringClass.getClassPool();
    return this.getAnnotations().filter((annotation) => pool.getOrNull(annotation.type) !== null);
  }

  /**
   * Whether code in `clazz` may access this member (Javassist's visibleFrom): public always; private
   * only from the declaring class itself; package access (and protected) from the same package;
   * protected also from subclasses of the declaring class. Javassist's check, not JLS §6.6.2's
   * (which also looks at the qualifying type of a protected access).
   */
  visibleFrom(clazz: CtClass): boolean {
    const modifiers = this.getModifiers();
    if ((modifiers & 0x0001) !== 0) return true;
    if ((modifiers & 0x0002) !== 0) return clazz === this.declaringClass;
    const visible = this.declaringClass.getPackageName() === clazz.getPackageName();
    if (!visible && (modifiers & 0x0004) !== 0) return clazz.subclassOf(this.declaringClass);
    return visible;
  }

  /** The info bytes of the member's attribute `name` (JVMS §4.7), or null (Javassist's getAttribute; see raw-attributes.ts). */
  getAttribute(name: string): Uint8Array | null {
    const node = this.memberNode;
    const kind = 'instructions' in node ? 'method' : 'field';
    return attributeBytes(node.attrs, name, () => this.declaringClass.currentBytecode(), { kind, name: node.name, desc: node.desc });
  }

  /** Adds the member attribute `name` with info `bytes`, replacing one of that name (Javassist's setAttribute); not for attributes the tree models. */
  setAttribute(name: string, bytes: Uint8Array): void {
    this.declaringClass.checkModify(this.memberNode as FieldNode | MethodNode);
    this.memberNode.attrs = withAttribute(this.memberNode.attrs, name, bytes);
  }

  toString(): string {
    return `${this.constructor.name}[${this.getDeclaringClass().getName()}.${this.getName()}${this.getSignature()}]`;
  }
}
