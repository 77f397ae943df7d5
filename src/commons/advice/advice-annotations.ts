// # Byte Buddy's advice annotations, read from an advice class file
//
// Advice classes are written in Java against Byte Buddy's annotation types (net.bytebuddy.asm.Advice
// and its nested annotations), so that advice written for Byte Buddy is applied unchanged: classforge
// reads the annotations' descriptors and values from the class file (they are RUNTIME-retained, so in
// RuntimeVisible(Parameter)Annotations, JVMS §4.7.16–17) and never needs Byte Buddy at run time.

import { Type } from '../../asm/type.js';
import type { AnnotationNode } from '../../tree/annotation-node.js';

const ADVICE = 'Lnet/bytebuddy/asm/Advice$';

/** The descriptors of the annotations classforge's Advice understands. */
export const AdviceAnnotation = {
  ON_METHOD_ENTER: `${ADVICE}OnMethodEnter;`,
  ON_METHOD_EXIT: `${ADVICE}OnMethodExit;`,
  THIS: `${ADVICE}This;`,
  ARGUMENT: `${ADVICE}Argument;`,
  ALL_ARGUMENTS: `${ADVICE}AllArguments;`,
  ORIGIN: `${ADVICE}Origin;`,
  ENTER: `${ADVICE}Enter;`,
  EXIT: `${ADVICE}Exit;`,
  RETURN: `${ADVICE}Return;`,
  THROWN: `${ADVICE}Thrown;`,
  LOCAL: `${ADVICE}Local;`,
  UNUSED: `${ADVICE}Unused;`,
  FIELD_VALUE: `${ADVICE}FieldValue;`,
  STUB_VALUE: `${ADVICE}StubValue;`,
} as const;

/** Advice annotations on parameters that classforge does not support (yet), refused by name. */
export const UNSUPPORTED_PARAMETER_ANNOTATIONS: ReadonlyMap<string, string> = new Map([
  [`${ADVICE}SelfCallHandle;`, '@Advice.SelfCallHandle'],
  [`${ADVICE}FieldGetterHandle;`, '@Advice.FieldGetterHandle'],
  [`${ADVICE}FieldSetterHandle;`, '@Advice.FieldSetterHandle'],
]);

/** The marker classes of OnMethodEnter.skipOn, OnMethodExit.onThrowable and suppress. */
export const AdviceMarker = {
  NO_EXCEPTION_HANDLER: 'net/bytebuddy/asm/Advice$NoExceptionHandler',
  ON_DEFAULT_VALUE: 'net/bytebuddy/asm/Advice$OnDefaultValue',
  ON_NON_DEFAULT_VALUE: 'net/bytebuddy/asm/Advice$OnNonDefaultValue',
  // The default of skipOn and repeatOn: no skipping.
  VOID: 'void',
} as const;

const TYPING = 'Lnet/bytebuddy/implementation/bytecode/assign/Assigner$Typing;';

/** The value of the element `name` of `annotation`, or undefined when it is not given (its default applies). */
export function annotationValue(annotation: AnnotationNode, name: string): unknown {
  const values = annotation.values;
  if (values === null) return undefined;
  for (let i = 0; i + 1 < values.length; i += 2) {
    if (values[i] === name) return values[i + 1];
  }
  return undefined;
}

export function booleanValue(annotation: AnnotationNode, name: string, defaultValue: boolean): boolean {
  const value = annotationValue(annotation, name);
  // A boolean element is a CONSTANT_Integer in the class file (JVMS §4.7.16.1, tag 'Z'): ASM gives a boolean.
  return value === undefined ? defaultValue : value === true || value === 1;
}

export function intValue(annotation: AnnotationNode, name: string, defaultValue: number): number {
  const value = annotationValue(annotation, name);
  return typeof value === 'number' ? value : defaultValue;
}

export function stringValue(annotation: AnnotationNode, name: string, defaultValue: string): string {
  const value = annotationValue(annotation, name);
  return typeof value === 'string' ? value : defaultValue;
}

/** A Class element's internal name (a primitive or void as its descriptor), or `defaultValue`. */
export function classValue(annotation: AnnotationNode, name: string, defaultValue: string): string {
  const value = annotationValue(annotation, name);
  if (!(value instanceof Type)) return defaultValue;
  return value.getSort() === Type.OBJECT ? value.getInternalName() : value.getSort() === Type.VOID ? 'void' : value.getDescriptor();
}

/** Whether `typing = Assigner.Typing.DYNAMIC` is given (an enum element is [descriptor, constant name]). */
export function isDynamicTyping(annotation: AnnotationNode): boolean {
  const value = annotationValue(annotation, 'typing');
  return Array.isArray(value) && value[0] === TYPING && value[1] === 'DYNAMIC';
}

/** The annotation of `descriptor` among `annotations`, or null. */
export function findAnnotation(annotations: readonly AnnotationNode[] | null | undefined, descriptor: string): AnnotationNode | null {
  if (annotations === null || annotations === undefined) return null;
  for (const annotation of annotations) if (annotation.desc === descriptor) return annotation;
  return null;
}
