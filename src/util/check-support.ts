// # Checks shared by the checking adapters: names, descriptors, signatures, flags, constants
//
// ASM keeps these as package-private statics of CheckMethodAdapter and CheckClassAdapter; they are
// module functions here (re-exposed as statics of those classes) so that the field, record
// component, module and annotation checkers can use them without an import cycle. Every check
// throws IllegalArgumentException with a message naming the argument and the bad value.

import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import { Byte, Character, Double, Float, Short } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { TypeReference } from '../asm/type-reference.js';
import { IllegalArgumentException } from './check-errors.js';

const MUST_NOT_BE_NULL_OR_EMPTY = ' (must not be null or empty)';

/** The low 16 bits of a class version: the major version (JVMS §4.1), minor in the high bits. */
function major(version: number): number {
  return version & 0xffff;
}

// Java's Character.isJavaIdentifierStart / isJavaIdentifierPart, used for pre-1.5 classes, whose
// names the JVM of the time required to be Java identifiers.
const JAVA_IDENTIFIER_START = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]$/u;
const JAVA_IDENTIFIER_PART = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}\u0000-\u0008\u000e-\u001b\u007f-\u009f]$/u;

// ## Names (JVMS §4.2)

/** Checks an unqualified name (JVMS §4.2.2): a field, parameter or local variable name. */
export function checkUnqualifiedName(version: number, name: string, message: string): void {
  checkIdentifier(version, name, 0, -1, message);
}

/**
 * Checks `name.substring(startPos, endPos)` (endPos -1: to the end) as an identifier: from
 * version 1.5 none of `. ; [ /`, before that a Java identifier.
 */
export function checkIdentifier(
  version: number,
  name: string | null,
  startPos: number,
  endPos: number,
  message: string | null,
): void {
  if (name === null || name === undefined || (endPos === -1 ? name.length <= startPos : endPos <= startPos)) {
    throw new IllegalArgumentException(`Invalid ${message}${MUST_NOT_BE_NULL_OR_EMPTY}`);
  }
  const max = endPos === -1 ? name.length : endPos;
  if (major(version) >= Opcodes.V1_5) {
    for (let i = startPos; i < max; ++i) {
      // The four characters are ASCII, so they never occur inside a surrogate pair.
      if ('.;[/'.indexOf(name.charAt(i)) !== -1) {
        throw new IllegalArgumentException(`Invalid ${message} (must not contain . ; [ or /): ${name}`);
      }
    }
    return;
  }
  checkJavaIdentifier(name, startPos, max, `Invalid ${message} (must be a valid Java identifier): ${name}`);
}

/** Throws `error` unless name[start, end) is a Java identifier (code point by code point). */
function checkJavaIdentifier(name: string, start: number, end: number, error: string): void {
  for (let i = start; i < end; ) {
    const codePoint = name.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    if (!(i === start ? JAVA_IDENTIFIER_START : JAVA_IDENTIFIER_PART).test(char)) {
      throw new IllegalArgumentException(error);
    }
    i += char.length;
  }
}

/** Checks a method name (JVMS §4.2.2): an unqualified name without `<` or `>`. */
export function checkMethodIdentifier(version: number, name: string | null, message: string): void {
  if (name === null || name === undefined || name.length === 0) {
    throw new IllegalArgumentException(`Invalid ${message}${MUST_NOT_BE_NULL_OR_EMPTY}`);
  }
  if (major(version) >= Opcodes.V1_5) {
    for (let i = 0; i < name.length; ++i) {
      if ('.;[/<>'.indexOf(name.charAt(i)) !== -1) {
        throw new IllegalArgumentException(`Invalid ${message} (must be a valid unqualified name): ${name}`);
      }
    }
    return;
  }
  checkJavaIdentifier(
    name,
    0,
    name.length,
    `Invalid ${message} (must be a '<init>', '<clinit>' or a valid Java identifier): ${name}`,
  );
}

/** Checks an internal class name (JVMS §4.2.1) or an array type descriptor. */
export function checkInternalName(version: number, name: string | null, message: string): void {
  if (name === null || name === undefined || name.length === 0) {
    throw new IllegalArgumentException(`Invalid ${message}${MUST_NOT_BE_NULL_OR_EMPTY}`);
  }
  if (name.charAt(0) === '[') {
    checkDescriptor(version, name, false);
  } else {
    checkInternalClassName(version, name, message);
  }
}

/** Checks an internal class name: identifiers separated by '/'. */
function checkInternalClassName(version: number, name: string, message: string | null): void {
  try {
    let startIndex = 0;
    let slashIndex: number;
    while ((slashIndex = name.indexOf('/', startIndex + 1)) !== -1) {
      checkIdentifier(version, name, startIndex, slashIndex, null);
      startIndex = slashIndex + 1;
    }
    checkIdentifier(version, name, startIndex, name.length, null);
  } catch (error) {
    throw new IllegalArgumentException(`Invalid ${message} (must be an internal class name): ${name}`, {
      cause: error,
    });
  }
}

/** Checks a dot separated name such as a module name (JVMS §4.2.3). */
export function checkFullyQualifiedName(version: number, name: string, source: string): void {
  try {
    let startIndex = 0;
    let dotIndex: number;
    while ((dotIndex = name.indexOf('.', startIndex + 1)) !== -1) {
      checkIdentifier(version, name, startIndex, dotIndex, null);
      startIndex = dotIndex + 1;
    }
    checkIdentifier(version, name, startIndex, name.length, null);
  } catch (error) {
    throw new IllegalArgumentException(`Invalid ${source} (must be a fully qualified name): ${name}`, {
      cause: error,
    });
  }
}

// ## Descriptors (JVMS §4.3)

/** Checks a field descriptor (JVMS §4.3.2); `V` only when `canBeVoid`. */
export function checkDescriptor(version: number, descriptor: string, canBeVoid: boolean): void {
  const endPos = checkDescriptorAt(version, descriptor, 0, canBeVoid);
  if (endPos !== descriptor.length) {
    throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
  }
}

/** Checks the field descriptor that starts at startPos; returns the index just after it. */
function checkDescriptorAt(version: number, descriptor: string | null, startPos: number, canBeVoid: boolean): number {
  if (descriptor === null || descriptor === undefined || startPos >= descriptor.length) {
    throw new IllegalArgumentException('Invalid type descriptor (must not be null or empty)');
  }
  switch (descriptor.charAt(startPos)) {
    case 'V':
      if (canBeVoid) {
        return startPos + 1;
      }
      throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
    case 'Z':
    case 'C':
    case 'B':
    case 'S':
    case 'I':
    case 'F':
    case 'J':
    case 'D':
      return startPos + 1;
    case '[': {
      let pos = startPos + 1;
      while (pos < descriptor.length && descriptor.charAt(pos) === '[') {
        ++pos;
      }
      if (pos < descriptor.length) {
        return checkDescriptorAt(version, descriptor, pos, false);
      }
      throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
    }
    case 'L': {
      const endPos = descriptor.indexOf(';', startPos);
      if (endPos - startPos < 2) {
        throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
      }
      try {
        checkInternalClassName(version, descriptor.substring(startPos + 1, endPos), null);
      } catch (error) {
        throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`, { cause: error });
      }
      return endPos + 1;
    }
    default:
      throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
  }
}

/** Checks a method descriptor (JVMS §4.3.3). */
export function checkMethodDescriptor(version: number, descriptor: string | null): void {
  if (descriptor === null || descriptor === undefined || descriptor.length === 0) {
    throw new IllegalArgumentException('Invalid method descriptor (must not be null or empty)');
  }
  if (descriptor.charAt(0) !== '(' || descriptor.length < 3) {
    throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
  }
  let pos = 1;
  if (descriptor.charAt(pos) !== ')') {
    do {
      if (descriptor.charAt(pos) === 'V') {
        throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
      }
      pos = checkDescriptorAt(version, descriptor, pos, false);
    } while (pos < descriptor.length && descriptor.charAt(pos) !== ')');
  }
  pos = checkDescriptorAt(version, descriptor, pos + 1, true);
  if (pos !== descriptor.length) {
    throw new IllegalArgumentException(`Invalid descriptor: ${descriptor}`);
  }
}

// ## Access flags (JVMS §4.1, §4.5, §4.6, §4.7.6, §4.7.25)

function bitCount(value: number): number {
  let count = 0;
  for (let v = value >>> 0; v !== 0; v &= v - 1) {
    ++count;
  }
  return count;
}

/** Checks that `access` holds only `possibleAccess` flags and no two exclusive ones. */
export function checkAccess(access: number, possibleAccess: number): void {
  if ((access & ~possibleAccess) !== 0) {
    throw new IllegalArgumentException(`Invalid access flags: ${access}`);
  }
  const publicProtectedPrivate = Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED | Opcodes.ACC_PRIVATE;
  if (bitCount(access & publicProtectedPrivate) > 1) {
    throw new IllegalArgumentException(`public, protected and private are mutually exclusive: ${access}`);
  }
  if (bitCount(access & (Opcodes.ACC_FINAL | Opcodes.ACC_ABSTRACT)) > 1) {
    throw new IllegalArgumentException(`final and abstract are mutually exclusive: ${access}`);
  }
}

/** checkAccess, plus: strictfp abstract methods are invalid before Java 17 (JEP 306). */
export function checkMethodAccess(version: number, access: number, possibleAccess: number): void {
  checkAccess(access, possibleAccess);
  if (major(version) < Opcodes.V17 && bitCount(access & (Opcodes.ACC_STRICT | Opcodes.ACC_ABSTRACT)) > 1) {
    throw new IllegalArgumentException(`strictfp and abstract are mutually exclusive: ${access}`);
  }
}

// ## Constants

/** Whether `value` is a Java int: a number that is an integer in the signed 32-bit range. */
function isInt(value: unknown): value is number {
  return typeof value === 'number' && (value | 0) === value && !Object.is(value, -0);
}

/** Whether `value` is a Java long: a bigint in the signed 64-bit range. */
function isLong(value: unknown): value is bigint {
  return typeof value === 'bigint' && BigInt.asIntN(64, value) === value;
}

/** Checks a ConstantValue (JVMS §4.7.2): an int (number), long (bigint), Float, Double or string. */
export function checkConstant(value: unknown): void {
  if (!isInt(value) && !isLong(value) && !(value instanceof Float) && !(value instanceof Double) && typeof value !== 'string') {
    throw new IllegalArgumentException(`Invalid constant: ${describeValue(value)}`);
  }
}

/** Checks an LDC operand or bootstrap method argument valid in a class of this version (JVMS §4.4). */
export function checkLdcConstant(version: number, value: unknown): void {
  if (value instanceof Type) {
    const sort = value.getSort();
    if (sort !== Type.OBJECT && sort !== Type.ARRAY && sort !== Type.METHOD) {
      throw new IllegalArgumentException(`Illegal LDC constant value: ${value.getDescriptor()}`);
    }
    if (sort !== Type.METHOD && major(version) < Opcodes.V1_5) {
      throw new IllegalArgumentException('ldc of a constant class requires at least version 1.5');
    }
    if (sort === Type.METHOD && major(version) < Opcodes.V1_7) {
      throw new IllegalArgumentException('ldc of a method type requires at least version 1.7');
    }
  } else if (value instanceof Handle) {
    if (major(version) < Opcodes.V1_7) {
      throw new IllegalArgumentException('ldc of a Handle requires at least version 1.7');
    }
    const tag = value.getTag();
    if (tag < Opcodes.H_GETFIELD || tag > Opcodes.H_INVOKEINTERFACE) {
      throw new IllegalArgumentException(`invalid handle tag ${tag}`);
    }
    checkInternalName(version, value.getOwner(), 'handle owner');
    if (tag <= Opcodes.H_PUTSTATIC) {
      checkDescriptor(version, value.getDesc(), false);
    } else {
      checkMethodDescriptor(version, value.getDesc());
    }
    const handleName = value.getName();
    if (!(handleName === '<init>' && tag === Opcodes.H_NEWINVOKESPECIAL)) {
      checkMethodIdentifier(version, handleName, 'handle name');
    }
  } else if (value instanceof ConstantDynamic) {
    if (major(version) < Opcodes.V11) {
      throw new IllegalArgumentException('ldc of a ConstantDynamic requires at least version 11');
    }
    checkMethodIdentifier(version, value.getName(), 'constant dynamic name');
    checkDescriptor(version, value.getDescriptor(), false);
    checkLdcConstant(version, value.getBootstrapMethod());
    const count = value.getBootstrapMethodArgumentCount();
    for (let i = 0; i < count; ++i) {
      checkLdcConstant(version, value.getBootstrapMethodArgument(i));
    }
  } else {
    checkConstant(value);
  }
}

/** Whether `value` is an element value AnnotationVisitor.visit accepts (JVMS §4.7.16.1). */
export function isAnnotationValue(value: unknown): boolean {
  if (
    isInt(value) ||
    isLong(value) ||
    typeof value === 'boolean' ||
    typeof value === 'string' ||
    value instanceof Byte ||
    value instanceof Short ||
    value instanceof Character ||
    value instanceof Float ||
    value instanceof Double ||
    value instanceof Int8Array ||
    value instanceof Uint16Array ||
    value instanceof Int16Array ||
    value instanceof Int32Array ||
    value instanceof BigInt64Array ||
    value instanceof Float32Array ||
    value instanceof Float64Array
  ) {
    return true;
  }
  if (value instanceof Type) {
    return value.getSort() !== Type.METHOD;
  }
  if (Array.isArray(value)) {
    // boolean[] is the one primitive array with no typed array counterpart.
    for (const element of value) {
      if (typeof element !== 'boolean') {
        return false;
      }
    }
    return true;
  }
  return false;
}

/** A short text for a value in an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') {
    return `${value}L`;
  }
  if (typeof value === 'object' && value !== null) {
    const name = value.constructor?.name ?? 'Object';
    return `${String(value)} (${name})`;
  }
  return `${String(value)} (${typeof value})`;
}

// ## Type references (JVMS §4.7.20.1)

/** Checks that typeRef's target_info bits fit its sort, e.g. only a parameter index for FIELD. */
export function checkTypeRef(typeRef: number): void {
  let mask = 0;
  switch (typeRef >>> 24) {
    case TypeReference.CLASS_TYPE_PARAMETER:
    case TypeReference.METHOD_TYPE_PARAMETER:
    case TypeReference.METHOD_FORMAL_PARAMETER:
      mask = 0xffff0000 | 0;
      break;
    case TypeReference.FIELD:
    case TypeReference.METHOD_RETURN:
    case TypeReference.METHOD_RECEIVER:
    case TypeReference.LOCAL_VARIABLE:
    case TypeReference.RESOURCE_VARIABLE:
    case TypeReference.INSTANCEOF:
    case TypeReference.NEW:
    case TypeReference.CONSTRUCTOR_REFERENCE:
    case TypeReference.METHOD_REFERENCE:
      mask = 0xff000000 | 0;
      break;
    case TypeReference.CLASS_EXTENDS:
    case TypeReference.CLASS_TYPE_PARAMETER_BOUND:
    case TypeReference.METHOD_TYPE_PARAMETER_BOUND:
    case TypeReference.THROWS:
    case TypeReference.EXCEPTION_PARAMETER:
      mask = 0xffffff00 | 0;
      break;
    case TypeReference.CAST:
    case TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT:
    case TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT:
    case TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT:
    case TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT:
      mask = 0xff0000ff | 0;
      break;
    default:
      break;
  }
  if (mask === 0 || (typeRef & ~mask) !== 0) {
    throw new IllegalArgumentException(`Invalid type reference 0x${(typeRef >>> 0).toString(16)}`);
  }
}

/** Throws unless typeRef's sort is one of `sorts` (the sorts valid where it is visited). */
export function checkTypeRefSort(typeRef: number, sorts: readonly number[]): void {
  const sort = new TypeReference(typeRef).getSort();
  if (sorts.indexOf(sort) === -1) {
    throw new IllegalArgumentException(`Invalid type reference sort 0x${sort.toString(16)}`);
  }
}

// ## Signatures (JVMS §4.7.9.1), checked by a hand-written recursive descent over the grammar

const ERROR_AT = ': error at index ';

/** Checks a ClassSignature: [TypeParameters] SuperclassSignature SuperinterfaceSignature*. */
export function checkClassSignature(signature: string): void {
  let pos = 0;
  if (getChar(signature, 0) === '<') {
    pos = checkTypeParameters(signature, pos);
  }
  pos = checkClassTypeSignature(signature, pos);
  while (getChar(signature, pos) === 'L') {
    pos = checkClassTypeSignature(signature, pos);
  }
  if (pos !== signature.length) {
    throw new IllegalArgumentException(signature + ERROR_AT + pos);
  }
}

/** Checks a MethodSignature: [TypeParameters] ( JavaTypeSignature* ) Result ThrowsSignature*. */
export function checkMethodSignature(signature: string): void {
  let pos = 0;
  if (getChar(signature, 0) === '<') {
    pos = checkTypeParameters(signature, pos);
  }
  pos = checkChar('(', signature, pos);
  while ('ZCBSIFJDL[T'.indexOf(getChar(signature, pos)) !== -1 && getChar(signature, pos) !== '') {
    pos = checkJavaTypeSignature(signature, pos);
  }
  pos = checkChar(')', signature, pos);
  if (getChar(signature, pos) === 'V') {
    ++pos;
  } else {
    pos = checkJavaTypeSignature(signature, pos);
  }
  while (getChar(signature, pos) === '^') {
    ++pos;
    if (getChar(signature, pos) === 'L') {
      pos = checkClassTypeSignature(signature, pos);
    } else {
      pos = checkTypeVariableSignature(signature, pos);
    }
  }
  if (pos !== signature.length) {
    throw new IllegalArgumentException(signature + ERROR_AT + pos);
  }
}

/** Checks a FieldSignature: a ReferenceTypeSignature. */
export function checkFieldSignature(signature: string): void {
  const pos = checkReferenceTypeSignature(signature, 0);
  if (pos !== signature.length) {
    throw new IllegalArgumentException(signature + ERROR_AT + pos);
  }
}

// TypeParameters: < TypeParameter TypeParameter* >
function checkTypeParameters(signature: string, startPos: number): number {
  let pos = checkChar('<', signature, startPos);
  pos = checkTypeParameter(signature, pos);
  while (getChar(signature, pos) !== '>') {
    pos = checkTypeParameter(signature, pos);
  }
  return pos + 1;
}

// TypeParameter: Identifier ClassBound InterfaceBound*; ClassBound: ':' [ReferenceTypeSignature]
function checkTypeParameter(signature: string, startPos: number): number {
  let pos = checkSignatureIdentifier(signature, startPos);
  pos = checkChar(':', signature, pos);
  const c = getChar(signature, pos);
  if (c !== '' && 'L[T'.indexOf(c) !== -1) {
    pos = checkReferenceTypeSignature(signature, pos);
  }
  while (getChar(signature, pos) === ':') {
    pos = checkReferenceTypeSignature(signature, pos + 1);
  }
  return pos;
}

// ReferenceTypeSignature: ClassTypeSignature | TypeVariableSignature | '[' JavaTypeSignature
function checkReferenceTypeSignature(signature: string, pos: number): number {
  switch (getChar(signature, pos)) {
    case 'L':
      return checkClassTypeSignature(signature, pos);
    case '[':
      return checkJavaTypeSignature(signature, pos + 1);
    default:
      return checkTypeVariableSignature(signature, pos);
  }
}

// ClassTypeSignature: L [PackageSpecifier] SimpleClassTypeSignature ('.' SimpleClassTypeSignature)* ;
function checkClassTypeSignature(signature: string, startPos: number): number {
  let pos = checkChar('L', signature, startPos);
  pos = checkSignatureIdentifier(signature, pos);
  while (getChar(signature, pos) === '/') {
    pos = checkSignatureIdentifier(signature, pos + 1);
  }
  if (getChar(signature, pos) === '<') {
    pos = checkTypeArguments(signature, pos);
  }
  while (getChar(signature, pos) === '.') {
    pos = checkSignatureIdentifier(signature, pos + 1);
    if (getChar(signature, pos) === '<') {
      pos = checkTypeArguments(signature, pos);
    }
  }
  return checkChar(';', signature, pos);
}

// TypeArguments: < TypeArgument TypeArgument* >
function checkTypeArguments(signature: string, startPos: number): number {
  let pos = checkChar('<', signature, startPos);
  pos = checkTypeArgument(signature, pos);
  while (getChar(signature, pos) !== '>') {
    pos = checkTypeArgument(signature, pos);
  }
  return pos + 1;
}

// TypeArgument: [+|-] ReferenceTypeSignature | *
function checkTypeArgument(signature: string, startPos: number): number {
  let pos = startPos;
  const c = getChar(signature, pos);
  if (c === '*') {
    return pos + 1;
  }
  if (c === '+' || c === '-') {
    pos++;
  }
  return checkReferenceTypeSignature(signature, pos);
}

// TypeVariableSignature: T Identifier ;
function checkTypeVariableSignature(signature: string, startPos: number): number {
  let pos = checkChar('T', signature, startPos);
  pos = checkSignatureIdentifier(signature, pos);
  return checkChar(';', signature, pos);
}

// JavaTypeSignature: ReferenceTypeSignature | BaseType
function checkJavaTypeSignature(signature: string, pos: number): number {
  switch (getChar(signature, pos)) {
    case 'B':
    case 'C':
    case 'D':
    case 'F':
    case 'I':
    case 'J':
    case 'S':
    case 'Z':
      return pos + 1;
    default:
      return checkReferenceTypeSignature(signature, pos);
  }
}

// Identifier: one or more characters, none of . ; [ / < > :
function checkSignatureIdentifier(signature: string, startPos: number): number {
  let pos = startPos;
  while (pos < signature.length && '.;[/<>:'.indexOf(signature.charAt(pos)) === -1) {
    ++pos;
  }
  if (pos === startPos) {
    throw new IllegalArgumentException(`${signature}: identifier expected at index ${startPos}`);
  }
  return pos;
}

function checkChar(c: string, signature: string, pos: number): number {
  if (getChar(signature, pos) === c) {
    return pos + 1;
  }
  throw new IllegalArgumentException(`${signature}: '${c}' expected at index ${pos}`);
}

/** The character at pos, or '' past the end (Java's version returns the char 0). */
function getChar(string: string, pos: number): string {
  return pos < string.length ? string.charAt(pos) : '';
}
