// # Annotation values as plain JavaScript (what Javassist's getAnnotation proxies answer)
//
// Javassist returns an object implementing the annotation interface; without a JVM, classforge
// returns a plain object of the elements instead, with the annotation type's defaults (its methods'
// AnnotationDefault attributes, JVMS §4.7.22) filled in when the pool can read that type. Values:
// numbers (byte, short, int, float, double), bigint (long), boolean, a one-character string (char),
// string, the dotted name of a class (a Class element), the constant's name (an enum element),
// a nested object (an annotation element), arrays of those.

import { Type } from '../asm/type.js';
import { toInternalName } from '../classfile/class-names.js';
import { Byte, Character, Double, Float, Short } from '../asm/java-values.js';
import { AnnotationNode } from '../tree/annotation-node.js';
import type { ClassPool } from './class-pool.js';

export type AnnotationElementValue = number | bigint | boolean | string | AnnotationValues | AnnotationElementValue[];

export interface AnnotationValues {
  readonly [element: string]: AnnotationElementValue;
}

/** The annotation of `annotationName` (dotted) among `annotations`, as plain values; null when absent. */
export function annotationValues(
  annotations: readonly (AnnotationNode | { desc: string | null })[],
  annotationName: string,
  pool: ClassPool,
): AnnotationValues | null {
  const descriptor = `L${toInternalName(annotationName)};`;
  const node = annotations.find((annotation) => annotation.desc === descriptor);
  return node === undefined ? null : toValues(node as AnnotationNode, pool);
}

/** An annotation as getAnnotations lists it: its type (dotted) and its elements as plain values. */
export interface AnnotationEntry {
  readonly type: string;
  readonly values: AnnotationValues;
}

/**
 * Every annotation among `annotations`, in class-file order (Javassist's getAnnotations; its proxies
 * say their type through annotationType(), a plain object through `type`).
 */
export function allAnnotationValues(annotations: readonly (AnnotationNode | { desc: string | null })[], pool: ClassPool): AnnotationEntry[] {
  return annotations
    .filter((annotation) => annotation.desc !== null)
    .map((annotation) => ({ type: Type.getType(annotation.desc!).getClassName(), values: toValues(annotation as AnnotationNode, pool) }));
}

function toValues(node: AnnotationNode, pool: ClassPool): AnnotationValues {
  const values: Record<string, AnnotationElementValue> = {};
  // Defaults first, from the annotation type when the pool has it; then the values written.
  const type = node.desc === null ? null : pool.getOrNull(Type.getType(node.desc).getClassName());
  if (type !== null && !type.isPrimitive() && !type.isArray()) {
    for (const method of type.classNode().methods) {
      if (method.annotationDefault !== undefined && method.annotationDefault !== null) values[method.name] = toValue(method.annotationDefault, pool);
    }
  }
  const raw = node.values ?? [];
  for (let i = 0; i + 1 < raw.length; i += 2) values[raw[i] as string] = toValue(raw[i + 1], pool);
  return values;
}

function toValue(value: unknown, pool: ClassPool): AnnotationElementValue {
  if (value instanceof Byte || value instanceof Short || value instanceof Float || value instanceof Double) return value.value;
  if (value instanceof Character) return String.fromCharCode(value.value);
  if (value instanceof Type) return value.getClassName();
  if (value instanceof AnnotationNode) return toValues(value, pool);
  // An enum constant is marked [descriptor, name] (AnnotationNode.enumValue); other arrays are array elements.
  if (AnnotationNode.isEnumValue(value)) return value[1];
  if (Array.isArray(value)) return value.map((element) => toValue(element, pool));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint | boolean>) as AnnotationElementValue[];
  return value as number | bigint | boolean | string;
}
