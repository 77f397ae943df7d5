// The parts common to fields, methods and constructors (Javassist's CtMember), over the FieldNode
// or MethodNode of the class's tree: both carry access flags, a descriptor and a generic signature.

import { toInternalName } from '../classfile/class-names.js';
import { allAnnotationValues, annotationValues, type AnnotationEntry, type AnnotationValues } from './annotation-values.js';
import type { FieldNode } from '../tree/field-node.js';
import type { MethodNode } from '../tree/method-node.js';
import type { CtClass } from './ct-class.js';

/** What a member's tree node has in common (FieldNode, MethodNode). */
export interface MemberNode {
  access: number;
  name: string;
  desc: string;
  signature: string | null;
  visibleAnnotations: { desc: string | null }[] | null;
  invisibleAnnotations: { desc: string | null }[] | null;
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

  toString(): string {
    return `${this.constructor.name}[${this.getDeclaringClass().getName()}.${this.getName()}${this.getSignature()}]`;
  }
}
