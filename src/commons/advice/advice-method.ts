// # One advice method: its annotations read, its parameters bound, checked on its own
//
// An advice class has a static method annotated @Advice.OnMethodEnter and/or one annotated
// @Advice.OnMethodExit (Byte Buddy's annotations, see advice-annotations.ts). Each parameter is bound
// to a value of the instrumented method by its annotation; an unannotated parameter is the argument at
// its own index, as in Byte Buddy. What can be checked without the instrumented method is checked
// here, once, so that a broken advice fails when it is read, not at the first class it meets.

import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { IllegalStateException } from '../../asm/java-exceptions.js';
import { Byte, Character, Double, Float, Short } from '../../asm/java-values.js';
import { boxesTo, widensTo } from './advice-value-types.js';
import type { AnnotationNode } from '../../tree/annotation-node.js';
import { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import type { IincInsnNode } from '../../tree/iinc-insn-node.js';
import type { MethodNode } from '../../tree/method-node.js';
import type { VarInsnNode } from '../../tree/var-insn-node.js';
import { ORIGIN_CONSTANT_DESCRIPTORS } from './origin-constant.js';
import { type AssignReturned, readAssignReturned } from './assign-returned.js';
import {
  AdviceAnnotation,
  AdviceMarker,
  UNSUPPORTED_PARAMETER_ANNOTATIONS,
  annotationValue,
  booleanValue,
  classValue,
  findAnnotation,
  intValue,
  isDynamicTyping,
  stringValue,
} from './advice-annotations.js';

/** What an advice parameter stands for in the instrumented method. */
export type AdviceBinding =
  | { readonly kind: 'this'; readonly readOnly: boolean; readonly optional: boolean }
  | { readonly kind: 'argument'; readonly index: number; readonly readOnly: boolean; readonly dynamic: boolean; readonly optional: boolean }
  | { readonly kind: 'allArguments'; readonly nullIfEmpty: boolean; readonly readOnly: boolean; readonly dynamic: boolean }
  | { readonly kind: 'origin'; readonly pattern: string }
  | { readonly kind: 'enter'; readonly readOnly: boolean; readonly dynamic: boolean }
  | { readonly kind: 'exit'; readonly readOnly: boolean; readonly dynamic: boolean }
  | { readonly kind: 'return'; readonly readOnly: boolean; readonly dynamic: boolean }
  | { readonly kind: 'thrown'; readonly readOnly: boolean }
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'field'; readonly name: string; readonly declaringType: string | null; readonly readOnly: boolean; readonly dynamic: boolean }
  | { readonly kind: 'stubValue' }
  /** A parameter annotated with an annotation bound by Advice.withCustomMapping().bind(annotation, value). */
  | { readonly kind: 'constant'; readonly value: AdviceConstant; readonly annotation: string }
  /** A parameter annotated with an annotation bound by bindField: the value of that field (read-only). */
  | { readonly kind: 'boundField'; readonly owner: string; readonly name: string; readonly annotation: string }
  /**
   * A parameter annotated with an annotation bound by bindProperty whose property it does not give: the
   * property's default, read from the annotation type's class file (AnnotationDefault, JVMS §4.7.22)
   * through the class path when the advice is applied.
   */
  | { readonly kind: 'annotationDefault'; readonly annotationType: string; readonly property: string; readonly annotation: string }
  | { readonly kind: 'unused' };

export interface AdviceParameter {
  readonly type: Type;
  /** Its local variable slot in the advice method. */
  readonly slot: number;
  readonly binding: AdviceBinding;
  /** How the advice names it in messages: `@Advice.Return Object arg2`. */
  readonly label: string;
}

/** When the enter advice's value makes the instrumented method's body be skipped (skipOn). */
export type SkipCondition =
  | { readonly kind: 'default' }
  | { readonly kind: 'nonDefault' }
  | { readonly kind: 'instanceOf'; readonly type: string };

export interface AdviceMethod {
  readonly kind: 'enter' | 'exit';
  /** The advice class's internal name and whether it is an interface (for a delegating call). */
  readonly owner: string;
  readonly ownerIsInterface: boolean;
  readonly node: MethodNode;
  readonly parameters: readonly AdviceParameter[];
  readonly returnType: Type;
  /** The advice's code is copied into the instrumented method (Byte Buddy's default), else called. */
  readonly inline: boolean;
  /** enter: the method's first line number also covers the advice (OnMethodEnter.prependLineNumber, default true). */
  readonly prependLineNumber: boolean;
  /** The internal name of the exceptions an advice's own failure is suppressed for, or null. */
  readonly suppress: string | null;
  /** enter: when its value skips the body. */
  readonly skipOn: SkipCondition | null;
  /** exit: the internal name of the exceptions it also runs for (onThrowable), or null. */
  readonly onThrowable: string | null;
  /** exit: when its value makes the method's body run again (repeatOn; @Advice.Exit reads the value). */
  readonly repeatOn: SkipCondition | null;
  /** Where the value it returns is assigned (@Advice.AssignReturned.To…), or null. */
  readonly assignReturned: AssignReturned | null;
  /**
   * exit: it sees the arguments (and `this`) as they were when the body started, even if the body
   * assigned them (OnMethodExit.backupArguments, default true): the body works on copies.
   */
  readonly backupArguments: boolean;
  /** The slot after the parameters: the advice's own locals start there. */
  readonly parameterSize: number;
  /** Its name in messages: `p.TimingAdvice.exit(long,java.lang.String)`. */
  readonly label: string;
}

/** The IllegalStateException of an unusable advice (Byte Buddy's type for the same refusals). */
export function adviceError(message: string): IllegalStateException {
  return new IllegalStateException(message);
}

/** Reads the advice method `node` of `owner`, annotated with the enter or exit annotation `annotation`. */
export function readAdviceMethod(
  owner: string,
  ownerIsInterface: boolean,
  node: MethodNode,
  kind: 'enter' | 'exit',
  annotation: AnnotationNode,
  customBindings: CustomBindings = NO_CUSTOM_BINDINGS,
): AdviceMethod {
  const argumentTypes = Type.getArgumentTypes(node.desc);
  const label = `${Type.getObjectType(owner).getClassName()}.${node.name}(${argumentTypes.map((t) => t.getClassName()).join(',')})`;
  if ((node.access & Opcodes.ACC_STATIC) === 0) throw adviceError(`Advice for ${label} is not static`);
  if ((node.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) throw adviceError(`Advice method ${label} has no code`);
  const inline = booleanValue(annotation, 'inline', true);
  const suppress = classValue(annotation, 'suppress', AdviceMarker.NO_EXCEPTION_HANDLER);
  const returnType = Type.getReturnType(node.desc);
  let skipOn: SkipCondition | null = null;
  let repeatOn: SkipCondition | null = null;
  let onThrowable: string | null = null;
  if (kind === 'enter') {
    skipOn = readSkipCondition(classValue(annotation, 'skipOn', AdviceMarker.VOID), returnType);
  } else {
    const handled = classValue(annotation, 'onThrowable', AdviceMarker.NO_EXCEPTION_HANDLER);
    onThrowable = handled === AdviceMarker.NO_EXCEPTION_HANDLER ? null : handled;
    repeatOn = readSkipCondition(classValue(annotation, 'repeatOn', AdviceMarker.VOID), returnType);
  }

  const parameters: AdviceParameter[] = [];
  let slot = 0;
  for (let index = 0; index < argumentTypes.length; index++) {
    const type = argumentTypes[index]!;
    const annotations = node.visibleParameterAnnotations?.[index] ?? null;
    const parameterLabel = `${type.getClassName()} ${node.localVariables?.find((v) => v.index === slot)?.name ?? `arg${index}`}`;
    const binding = readBinding(annotations, index, kind, `${label}: parameter ${parameterLabel}`, customBindings);
    // Byte Buddy's words: the exit advice's own previous value exists only in an exit advice that has one.
    if (binding.kind === 'exit' && (kind !== 'exit' || returnType.getSort() === Type.VOID)) {
      throw adviceError(`Usage of interface net.bytebuddy.asm.Advice$Exit is not allowed on ${parameterLabel}`);
    }
    checkBindingType(type, binding, `${label}: parameter ${parameterLabel}`);
    parameters.push({ type, slot, binding, label: parameterLabel });
    slot += type.getSize();
  }
  const method: AdviceMethod = {
    kind,
    owner,
    ownerIsInterface,
    node,
    parameters,
    returnType,
    inline,
    prependLineNumber: kind === 'enter' && booleanValue(annotation, 'prependLineNumber', true),
    suppress: suppress === AdviceMarker.NO_EXCEPTION_HANDLER ? null : suppress,
    skipOn,
    onThrowable,
    repeatOn,
    assignReturned: readAssignReturned(owner, node, kind, label, adviceError),
    backupArguments: kind === 'exit' && booleanValue(annotation, 'backupArguments', true),
    parameterSize: slot,
    label,
  };
  if (inline) checkCode(method);
  else checkDelegation(method);
  return method;
}

function readBinding(
  annotations: readonly AnnotationNode[] | null,
  index: number,
  kind: 'enter' | 'exit',
  where: string,
  customBindings: CustomBindings,
): AdviceBinding {
  let binding: AdviceBinding | null = null;
  const bind = (next: AdviceBinding): void => {
    if (binding !== null) throw adviceError(`${where} has more than one advice annotation`);
    binding = next;
  };
  for (const annotation of annotations ?? []) {
    const unsupported = UNSUPPORTED_PARAMETER_ANNOTATIONS.get(annotation.desc ?? '');
    if (unsupported !== undefined) throw adviceError(`${where}: ${unsupported} is not supported by classforge`);
    const custom = customBindings.get(annotation.desc ?? '');
    if (custom !== undefined) {
      const annotationName = Type.getType(annotation.desc!).getClassName();
      if ('constant' in custom) {
        bind({ kind: 'constant', value: custom.constant, annotation: annotationName });
      } else if ('field' in custom) {
        bind({ kind: 'boundField', owner: custom.field.owner, name: custom.field.name, annotation: annotationName });
      } else {
        const value = annotationValue(annotation, custom.property);
        if (value === undefined) {
          bind({ kind: 'annotationDefault', annotationType: Type.getType(annotation.desc!).getInternalName(), property: custom.property, annotation: annotationName });
        } else {
          bind({ kind: 'constant', value: annotationPropertyConstant(value, `${where}: @${annotationName}'s ${custom.property}`), annotation: annotationName });
        }
      }
      continue;
    }
    switch (annotation.desc) {
      case AdviceAnnotation.THIS:
        bind({ kind: 'this', readOnly: booleanValue(annotation, 'readOnly', true), optional: booleanValue(annotation, 'optional', false) });
        break;
      case AdviceAnnotation.ARGUMENT:
        bind({
          kind: 'argument',
          index: intValue(annotation, 'value', -1),
          readOnly: booleanValue(annotation, 'readOnly', true),
          dynamic: isDynamicTyping(annotation),
          optional: booleanValue(annotation, 'optional', false),
        });
        break;
      case AdviceAnnotation.ALL_ARGUMENTS:
        bind({
          kind: 'allArguments',
          nullIfEmpty: booleanValue(annotation, 'nullIfEmpty', false),
          readOnly: booleanValue(annotation, 'readOnly', true),
          dynamic: isDynamicTyping(annotation),
        });
        break;
      case AdviceAnnotation.ORIGIN:
        bind({ kind: 'origin', pattern: stringValue(annotation, 'value', '') });
        break;
      case AdviceAnnotation.ENTER:
        if (kind !== 'exit') throw adviceError(`${where}: @Advice.Enter is only available to exit advice`);
        bind({ kind: 'enter', readOnly: booleanValue(annotation, 'readOnly', true), dynamic: isDynamicTyping(annotation) });
        break;
      case AdviceAnnotation.EXIT:
        bind({ kind: 'exit', readOnly: booleanValue(annotation, 'readOnly', true), dynamic: isDynamicTyping(annotation) });
        break;
      case AdviceAnnotation.RETURN:
        if (kind !== 'exit') throw adviceError(`${where}: @Advice.Return is only available to exit advice`);
        bind({ kind: 'return', readOnly: booleanValue(annotation, 'readOnly', true), dynamic: isDynamicTyping(annotation) });
        break;
      case AdviceAnnotation.THROWN:
        if (kind !== 'exit') throw adviceError(`${where}: @Advice.Thrown is only available to exit advice`);
        bind({ kind: 'thrown', readOnly: booleanValue(annotation, 'readOnly', true) });
        break;
      case AdviceAnnotation.LOCAL:
        bind({ kind: 'local', name: stringValue(annotation, 'value', '') });
        break;
      case AdviceAnnotation.UNUSED:
        bind({ kind: 'unused' });
        break;
      case AdviceAnnotation.STUB_VALUE:
        bind({ kind: 'stubValue' });
        break;
      case AdviceAnnotation.FIELD_VALUE: {
        const declaringType = classValue(annotation, 'declaringType', AdviceMarker.VOID);
        bind({
          kind: 'field',
          name: stringValue(annotation, 'value', ''),
          declaringType: declaringType === AdviceMarker.VOID ? null : declaringType,
          readOnly: booleanValue(annotation, 'readOnly', true),
          dynamic: isDynamicTyping(annotation),
        });
        break;
      }
      default:
        break; // Other annotations (@Nullable…) mean nothing to advice.
    }
  }
  // Byte Buddy: "If no annotation is used on a parameter, it is assigned the n-th parameter".
  return binding ?? { kind: 'argument', index, readOnly: true, dynamic: false, optional: false };
}

/**
 * skipOn's or repeatOn's condition on the advice's value (`marker`: the annotation's class element), with
 * Byte Buddy's refusals; null for the default (void: never).
 */
function readSkipCondition(marker: string, returnType: Type): SkipCondition | null {
  if (marker === AdviceMarker.VOID) return null;
  if (returnType.getSort() === Type.VOID) throw adviceError('Cannot skip on default value for void return type');
  if (marker === AdviceMarker.ON_DEFAULT_VALUE) return { kind: 'default' };
  if (marker === AdviceMarker.ON_NON_DEFAULT_VALUE) return { kind: 'nonDefault' };
  if (returnType.getSort() !== Type.OBJECT && returnType.getSort() !== Type.ARRAY) {
    throw adviceError(`Cannot skip method by instance type for primitive return type ${returnType.getClassName()}`);
  }
  return { kind: 'instanceOf', type: marker };
}

/** The checks that need only the advice: parameter types its binding can never have. */
function checkBindingType(type: Type, binding: AdviceBinding, where: string): void {
  const descriptor = type.getDescriptor();
  const isReference = type.getSort() === Type.OBJECT || type.getSort() === Type.ARRAY;
  switch (binding.kind) {
    case 'this':
      if (!isReference) throw adviceError(`${where}: @Advice.This needs a reference type`);
      break;
    case 'allArguments':
      if (descriptor !== '[Ljava/lang/Object;') throw adviceError(`${where}: @Advice.AllArguments must be an Object[]`);
      break;
    case 'origin':
      if (descriptor !== 'Ljava/lang/String;' && !ORIGIN_CONSTANT_DESCRIPTORS.has(descriptor)) {
        throw adviceError(
          `${where}: classforge binds @Advice.Origin to a String, Class, Method, Constructor, Executable, MethodType, MethodHandle or MethodHandles.Lookup, not ${type.getClassName()}`,
        );
      }
      break;
    case 'thrown':
      if (descriptor !== 'Ljava/lang/Throwable;' && descriptor !== 'Ljava/lang/Object;') {
        throw adviceError(`${where}: @Advice.Thrown must be a Throwable (or Object)`);
      }
      break;
    case 'local':
      if (binding.name === '') throw adviceError(`${where}: @Advice.Local needs a name`);
      break;
    case 'field':
      if (binding.name === '') throw adviceError(`${where}: @Advice.FieldValue needs a field name`);
      break;
    case 'stubValue':
      if (descriptor !== 'Ljava/lang/Object;') throw adviceError(`${where}: @Advice.StubValue must be an Object`);
      break;
    case 'constant': {
      const constantType = adviceConstantType(binding.value);
      if (!acceptsConstant(type, constantType)) {
        throw adviceError(`${where}: cannot assign the ${constantType.getClassName()} bound to @${binding.annotation} to ${type.getClassName()}`);
      }
      break;
    }
    default:
      break;
  }
}

/** Whether `binding` may be assigned by the advice. */
export function isWritable(binding: AdviceBinding): boolean {
  switch (binding.kind) {
    case 'this':
    case 'argument':
    case 'allArguments':
    case 'enter':
    case 'exit':
    case 'return':
    case 'thrown':
    case 'field':
      return !binding.readOnly;
    case 'local':
    case 'unused':
      return true;
    default:
      return false;
  }
}

const BINDING_NAMES: Record<AdviceBinding['kind'], string> = {
  this: '@Advice.This',
  argument: '@Advice.Argument',
  allArguments: '@Advice.AllArguments',
  origin: '@Advice.Origin',
  enter: '@Advice.Enter',
  exit: '@Advice.Exit',
  return: '@Advice.Return',
  thrown: '@Advice.Thrown',
  local: '@Advice.Local',
  field: '@Advice.FieldValue',
  stubValue: '@Advice.StubValue',
  constant: 'a custom binding',
  annotationDefault: 'a custom binding',
  boundField: 'a custom binding',
  unused: '@Advice.Unused',
};

/** An inlined advice's code: no store into a read-only parameter, no subroutines. */
function checkCode(method: AdviceMethod): void {
  const parameterAt = new Map<number, AdviceParameter>();
  for (const parameter of method.parameters) parameterAt.set(parameter.slot, parameter);
  for (let insn = method.node.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    const opcode = insn.getOpcode();
    if (opcode === Opcodes.JSR || opcode === Opcodes.RET) throw adviceError(`${method.label}: advice with jsr/ret subroutines cannot be inlined`);
    let slot = -1;
    if (insn.getType() === AbstractInsnNode.VAR_INSN && opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) slot = (insn as VarInsnNode).var;
    else if (insn.getType() === AbstractInsnNode.IINC_INSN) slot = (insn as IincInsnNode).var;
    if (slot < 0) continue;
    const parameter = parameterAt.get(slot);
    if (parameter !== undefined && !isWritable(parameter.binding)) {
      throw adviceError(`${method.label}: cannot write to read-only parameter ${parameter.label} (${BINDING_NAMES[parameter.binding.kind]})`);
    }
  }
}

/** A delegating (inline = false) advice is called with the values: it can assign none of them. */
function checkDelegation(method: AdviceMethod): void {
  for (const parameter of method.parameters) {
    if (isWritable(parameter.binding) && parameter.binding.kind !== 'unused') {
      throw adviceError(`${method.label}: parameter ${parameter.label} cannot be writable in a delegating advice (inline = false)`);
    }
  }
}

/** The annotation that makes `node` an enter or exit advice method, if any. */
export function adviceKindOf(node: MethodNode): { kind: 'enter' | 'exit'; annotation: AnnotationNode }[] {
  const kinds: { kind: 'enter' | 'exit'; annotation: AnnotationNode }[] = [];
  const enter = findAnnotation(node.visibleAnnotations, AdviceAnnotation.ON_METHOD_ENTER);
  if (enter !== null) kinds.push({ kind: 'enter', annotation: enter });
  const exit = findAnnotation(node.visibleAnnotations, AdviceAnnotation.ON_METHOD_EXIT);
  if (exit !== null) kinds.push({ kind: 'exit', annotation: exit });
  return kinds;
}

/** An enum constant, by its enum's internal name and its name: loaded with getstatic. */
export interface AdviceEnumConstant {
  readonly enumType: string;
  readonly name: string;
}

/**
 * A value Advice.withCustomMapping().bind gives the parameters its annotation marks (Byte Buddy's constants):
 * String, int (a number), long (a bigint), boolean, Float, Double, Byte, Short, Character, a Class (a Type),
 * or an enum constant.
 */
export type AdviceConstant = string | number | bigint | boolean | Float | Double | Byte | Short | Character | Type | AdviceEnumConstant;

/** What a custom mapping binds an annotation to: a constant, the value of one of the annotation's properties, or a field's value. */
export type CustomBinding =
  | { readonly constant: AdviceConstant }
  | { readonly property: string }
  | { readonly field: { readonly owner: string; readonly name: string } };

/** Custom bindings by annotation descriptor. */
export type CustomBindings = ReadonlyMap<string, CustomBinding>;

/**
 * The constant an annotation property's value is (as ClassReader gives element values, JVMS §4.7.16.1):
 * primitives, String, Class and enum values; arrays and nested annotations are refused.
 */
export function annotationPropertyConstant(value: unknown, where: string): AdviceConstant {
  if (Array.isArray(value)) {
    // An enum value comes as [descriptor, name]; an array value as an array of values.
    if (value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && value[0].startsWith('L') && value[0].endsWith(';')) {
      return { enumType: Type.getType(value[0]).getInternalName(), name: value[1] };
    }
    throw adviceError(`${where} is an array, which classforge does not bind`);
  }
  if (
    typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ||
    value instanceof Float || value instanceof Double || value instanceof Byte || value instanceof Short || value instanceof Character || value instanceof Type
  ) {
    return value;
  }
  throw adviceError(`${where} is an annotation, which classforge does not bind`);
}

const NO_CUSTOM_BINDINGS: CustomBindings = new Map();

/** The Java type of a bound constant: a JS number is an int, a bigint a long, a Type a Class. */
export function adviceConstantType(value: AdviceConstant): Type {
  if (typeof value === 'string') return Type.getObjectType('java/lang/String');
  if (typeof value === 'boolean') return Type.BOOLEAN_TYPE;
  if (typeof value === 'number') return Type.INT_TYPE;
  if (typeof value === 'bigint') return Type.LONG_TYPE;
  if (value instanceof Float) return Type.FLOAT_TYPE;
  if (value instanceof Double) return Type.DOUBLE_TYPE;
  if (value instanceof Byte) return Type.BYTE_TYPE;
  if (value instanceof Short) return Type.SHORT_TYPE;
  if (value instanceof Character) return Type.CHAR_TYPE;
  if (value instanceof Type) return Type.getObjectType('java/lang/Class');
  return Type.getObjectType(value.enumType);
}

/** The supertypes a String or Class constant can be given as, besides Object (JLS §5.2, as Byte Buddy's static typing). */
const CONSTANT_SUPERTYPES: Readonly<Record<string, readonly string[]>> = {
  'java/lang/String': ['java/lang/CharSequence', 'java/io/Serializable', 'java/lang/Comparable'],
  'java/lang/Class': ['java/io/Serializable', 'java/lang/reflect/Type', 'java/lang/reflect/AnnotatedElement', 'java/lang/reflect/GenericDeclaration'],
};

/** The supertypes of every enum type (JLS §8.9), besides Object. */
const ENUM_SUPERTYPES: readonly string[] = ['java/lang/Enum', 'java/io/Serializable', 'java/lang/Comparable', 'java/lang/constant/Constable'];

/**
 * Whether a parameter of type `parameter` takes a constant of type `constant`: the same type, boxed, or a
 * supertype (an enum constant also as Enum, Serializable, Comparable or Constable).
 */
export function acceptsConstant(parameter: Type, constant: Type): boolean {
  if (parameter.getDescriptor() === constant.getDescriptor()) return true;
  const isPrimitiveConstant = constant.getSort() !== Type.OBJECT;
  // A primitive constant widened (JLS §5.1.2: an int as a long), as Byte Buddy's assigner widens it.
  if (parameter.getSort() !== Type.OBJECT) return isPrimitiveConstant && parameter.getSort() !== Type.ARRAY && widensTo(constant, parameter);
  const name = parameter.getInternalName();
  if (name === 'java/lang/Object') return true;
  if (!isPrimitiveConstant) return (CONSTANT_SUPERTYPES[constant.getInternalName()] ?? ENUM_SUPERTYPES).includes(name);
  // A primitive constant boxed, as its wrapper type or a supertype of it.
  return boxesTo(constant, name);
}
