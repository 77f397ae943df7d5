// # @Advice.AssignReturned: an advice's return value assigned to the method's variables
//
// Byte Buddy's post processor Advice.AssignReturned (opted into there with
// `withCustomMapping().with(new AssignReturned.Factory())`; here whenever the annotations are present):
// annotations on an advice method say where the value it returns goes — an argument (ToArguments),
// all arguments (ToAllArguments), the return value (ToReturned), the exception (ToThrown), `this`
// (ToThis) or fields (ToFields). It is how delegated advice (inline = false), which cannot write its
// parameters, changes what the method sees.
//
// A value returned as a reference array (unless the method is annotated @AsScalar) is split: each
// assignment names the element it takes (`index`), and a null array assigns nothing. Another value is
// assigned whole (`index` -1), and not at all when it is its type's default (null, 0, false), unless
// @AsScalar(skipOnDefaultValue = false).

import { Type } from '../../asm/type.js';
import type { AnnotationNode } from '../../tree/annotation-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import { booleanValue, classValue, findAnnotation, intValue, isDynamicTyping, stringValue } from './advice-annotations.js';
import { methodText } from './origin-text.js';

const ASSIGN_RETURNED = 'Lnet/bytebuddy/asm/Advice$AssignReturned$';

/** Where one assignment puts the value (or its element). */
export type AssignmentTarget =
  | { readonly kind: 'argument'; readonly index: number }
  | { readonly kind: 'allArguments' }
  | { readonly kind: 'returned' }
  | { readonly kind: 'thrown' }
  | { readonly kind: 'this' }
  | { readonly kind: 'field'; readonly name: string; readonly declaringType: string | null };

export interface ReturnedAssignment {
  readonly target: AssignmentTarget;
  /** The element of the returned array it takes, or -1 for the whole value. */
  readonly element: number;
  /** typing = DYNAMIC: casts and unboxes as needed. */
  readonly dynamic: boolean;
  /** How messages name it: `@AssignReturned.ToArguments(0)`. */
  readonly label: string;
}

export interface AssignReturned {
  readonly assignments: readonly ReturnedAssignment[];
  /** The value is an array whose elements are assigned (not @AsScalar). */
  readonly splitsArray: boolean;
  /** A whole value that is its type's default is not assigned. */
  readonly skipsDefault: boolean;
}

/**
 * The assignments of advice method `node` (of class `owner`), or null when it has none or returns
 * nothing (Byte Buddy then does nothing). An enter advice cannot assign the return value or the
 * exception (neither exists yet): refused in Byte Buddy's words.
 */
export function readAssignReturned(
  owner: string,
  node: MethodNode,
  kind: 'enter' | 'exit',
  where: string,
  adviceError: (message: string) => Error,
): AssignReturned | null {
  const returnType = Type.getReturnType(node.desc);
  if (returnType.getSort() === Type.VOID) return null;
  const annotations = node.visibleAnnotations ?? [];
  const assignments: ReturnedAssignment[] = [];
  const add = (annotation: AnnotationNode, target: AssignmentTarget, label: string): void => {
    assignments.push({ target, element: intValue(annotation, 'index', -1), dynamic: isDynamicTyping(annotation), label });
  };
  for (const annotation of annotations) {
    switch (annotation.desc) {
      case `${ASSIGN_RETURNED}ToArguments;`:
        for (const argument of nestedAnnotations(annotation)) {
          const index = intValue(argument, 'value', -1);
          add(argument, { kind: 'argument', index }, `@AssignReturned.ToArguments(${index})`);
        }
        break;
      case `${ASSIGN_RETURNED}ToAllArguments;`:
        add(annotation, { kind: 'allArguments' }, '@AssignReturned.ToAllArguments');
        break;
      case `${ASSIGN_RETURNED}ToReturned;`:
        add(annotation, { kind: 'returned' }, '@AssignReturned.ToReturned');
        break;
      case `${ASSIGN_RETURNED}ToThrown;`:
        add(annotation, { kind: 'thrown' }, '@AssignReturned.ToThrown');
        break;
      case `${ASSIGN_RETURNED}ToThis;`:
        add(annotation, { kind: 'this' }, '@AssignReturned.ToThis');
        break;
      case `${ASSIGN_RETURNED}ToFields;`:
        for (const field of nestedAnnotations(annotation)) {
          const name = stringValue(field, 'value', '');
          const declaringType = classValue(field, 'declaringType', 'void');
          add(field, { kind: 'field', name, declaringType: declaringType === 'void' ? null : declaringType }, `@AssignReturned.ToFields("${name}")`);
        }
        break;
      default:
        break;
    }
  }
  if (assignments.length === 0) return null;
  if (kind === 'enter') {
    const adviceText = (): string => methodText({ owner, access: node.access, name: node.name, descriptor: node.desc, signature: null, exceptions: node.exceptions });
    if (assignments.some((assignment) => assignment.target.kind === 'returned')) throw adviceError(`Cannot write returned value from enter advice ${adviceText()}`);
    if (assignments.some((assignment) => assignment.target.kind === 'thrown')) throw adviceError(`Cannot assign thrown value from enter advice ${adviceText()}`);
  }
  const asScalar = findAnnotation(annotations, `${ASSIGN_RETURNED}AsScalar;`);
  const splitsArray = asScalar === null && returnType.getSort() === Type.ARRAY && returnType.getElementType().getSort() >= Type.ARRAY;
  for (const assignment of assignments) {
    if (splitsArray && assignment.element < 0) throw adviceError(`${where}: ${assignment.label} needs the index of an element of the array it returns`);
    if (!splitsArray && assignment.element >= 0) throw adviceError(`${where}: ${assignment.label} has an index, but the value it returns is no array to split (@AsScalar)`);
  }
  return { assignments, splitsArray, skipsDefault: asScalar === null || booleanValue(asScalar, 'skipOnDefaultValue', true) };
}

/** The annotations of an annotation's `value` array (ToArguments' ToArgument, ToFields' ToField). */
function nestedAnnotations(annotation: AnnotationNode): AnnotationNode[] {
  const values = annotation.values;
  if (values === null) return [];
  for (let i = 0; i + 1 < values.length; i += 2) {
    if (values[i] === 'value') return values[i + 1] as AnnotationNode[];
  }
  return [];
}

/** The type one assignment takes: the value's, or its array's component type. */
export function assignedType(returnType: Type, assignReturned: AssignReturned): Type {
  return assignReturned.splitsArray ? Type.getType(returnType.getDescriptor().substring(1)) : returnType;
}
