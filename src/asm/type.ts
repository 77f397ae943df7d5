import { UnsupportedOperationException } from './java-exceptions.js';
import { ClassFormatError } from '../classfile/class-format-error.js';
import { Opcodes } from './opcodes.js';

/** String.prototype.charCodeAt, called with .call in per-character loops (why: see ByteVector). */
const charCodeAt = String.prototype.charCodeAt;

// Character codes used while scanning descriptors (JVMS §4.3).
const RIGHT_PAREN = 41; // ')'
const LEFT_BRACKET = 91; // '['
const CHAR_L = 76; // 'L'
const CHAR_J = 74; // 'J'
const CHAR_D = 68; // 'D'
const CHAR_V = 86; // 'V'

/**
 * A Java field or method type, made from a descriptor (JVMS §4.3.2, §4.3.3) or an internal name
 * (JVMS §4.2.1). Same sorts, factories and accessors as ASM's Type; Java-reflection factories
 * (getType(Class), getType(Method)…) have no JavaScript counterpart and are left out.
 *
 * Like ASM, a Type keeps a window [valueBegin, valueEnd) on the string it was parsed from
 * instead of copying substrings: an internal name for OBJECT and INTERNAL types, a descriptor
 * otherwise. For OBJECT types, the characters around the window are the 'L' and ';' of the
 * descriptor.
 */
export class Type {
  /** The sort of the void type. */
  static readonly VOID = 0;
  static readonly BOOLEAN = 1;
  static readonly CHAR = 2;
  static readonly BYTE = 3;
  static readonly SHORT = 4;
  static readonly INT = 5;
  static readonly FLOAT = 6;
  static readonly LONG = 7;
  static readonly DOUBLE = 8;
  /** The sort of array types. */
  static readonly ARRAY = 9;
  /** The sort of class and interface types. */
  static readonly OBJECT = 10;
  /** The sort of method types. */
  static readonly METHOD = 11;
  /** Object types created from an internal name (no descriptor around the window); never returned by getSort. */
  private static readonly INTERNAL = 12;

  static readonly VOID_TYPE = new Type(0, 'VZCBSIFJD', 0, 1);
  static readonly BOOLEAN_TYPE = new Type(1, 'VZCBSIFJD', 1, 2);
  static readonly CHAR_TYPE = new Type(2, 'VZCBSIFJD', 2, 3);
  static readonly BYTE_TYPE = new Type(3, 'VZCBSIFJD', 3, 4);
  static readonly SHORT_TYPE = new Type(4, 'VZCBSIFJD', 4, 5);
  static readonly INT_TYPE = new Type(5, 'VZCBSIFJD', 5, 6);
  static readonly FLOAT_TYPE = new Type(6, 'VZCBSIFJD', 6, 7);
  static readonly LONG_TYPE = new Type(7, 'VZCBSIFJD', 7, 8);
  static readonly DOUBLE_TYPE = new Type(8, 'VZCBSIFJD', 8, 9);

  private readonly sort: number;
  private readonly valueBuffer: string;
  private readonly valueBegin: number;
  private readonly valueEnd: number;

  private constructor(sort: number, valueBuffer: string, valueBegin: number, valueEnd: number) {
    this.sort = sort;
    this.valueBuffer = valueBuffer;
    this.valueBegin = valueBegin;
    this.valueEnd = valueEnd;
  }

  // ## Factories

  /** The Type of a field or method descriptor. */
  static getType(typeDescriptor: string): Type {
    return Type.getTypeInternal(typeDescriptor, 0, typeDescriptor.length);
  }

  /** The Type of an internal name (`java/lang/String`), or of an array descriptor (`[I`). */
  static getObjectType(internalName: string): Type {
    return new Type(
      charCodeAt.call(internalName, 0) === LEFT_BRACKET ? Type.ARRAY : Type.INTERNAL,
      internalName,
      0,
      internalName.length,
    );
  }

  /**
   * The method Type of a method descriptor, or of a return type and argument types (given one by
   * one as in Java's varargs, or as one array).
   */
  static getMethodType(methodDescriptor: string): Type;
  static getMethodType(returnType: Type, ...argumentTypes: Type[] | [Type[]]): Type;
  static getMethodType(first: string | Type, ...argumentTypes: Type[] | [Type[]]): Type {
    if (typeof first === 'string') {
      return new Type(Type.METHOD, first, 0, first.length);
    }
    return Type.getType(Type.getMethodDescriptor(first, ...argumentTypes));
  }

  /** The element type of this array type (the type left after removing every dimension). */
  getElementType(): Type {
    const numDimensions = this.getDimensions();
    return Type.getTypeInternal(this.valueBuffer, this.valueBegin + numDimensions, this.valueEnd);
  }

  /** The argument types of this method type. */
  getArgumentTypes(): Type[] {
    return Type.getArgumentTypes(this.getDescriptor());
  }

  /** The argument types of a method descriptor. */
  static getArgumentTypes(methodDescriptor: string): Type[] {
    const argumentTypes: Type[] = [];
    let currentOffset = 1; // Skips '('.
    while (charAt(methodDescriptor, currentOffset) !== RIGHT_PAREN) {
      const argumentOffset = currentOffset;
      currentOffset = skipFieldType(methodDescriptor, currentOffset);
      argumentTypes.push(Type.getTypeInternal(methodDescriptor, argumentOffset, currentOffset));
    }
    return argumentTypes;
  }

  /** The return type of this method type. */
  getReturnType(): Type {
    return Type.getReturnType(this.getDescriptor());
  }

  /** The return type of a method descriptor. */
  static getReturnType(methodDescriptor: string): Type {
    return Type.getTypeInternal(methodDescriptor, Type.getReturnTypeOffset(methodDescriptor), methodDescriptor.length);
  }

  /** @internal The index of the return type in a method descriptor (just after ')'). */
  static getReturnTypeOffset(methodDescriptor: string): number {
    let currentOffset = 1; // Skips '('.
    while (charAt(methodDescriptor, currentOffset) !== RIGHT_PAREN) {
      currentOffset = skipFieldType(methodDescriptor, currentOffset);
    }
    return currentOffset + 1;
  }

  /** Parses the type in descriptorBuffer[descriptorBegin, descriptorEnd). */
  private static getTypeInternal(descriptorBuffer: string, descriptorBegin: number, descriptorEnd: number): Type {
    switch (charCodeAt.call(descriptorBuffer, descriptorBegin)) {
      case 86: // 'V'
        return Type.VOID_TYPE;
      case 90: // 'Z'
        return Type.BOOLEAN_TYPE;
      case 67: // 'C'
        return Type.CHAR_TYPE;
      case 66: // 'B'
        return Type.BYTE_TYPE;
      case 83: // 'S'
        return Type.SHORT_TYPE;
      case 73: // 'I'
        return Type.INT_TYPE;
      case 70: // 'F'
        return Type.FLOAT_TYPE;
      case 74: // 'J'
        return Type.LONG_TYPE;
      case 68: // 'D'
        return Type.DOUBLE_TYPE;
      case 91: // '['
        return new Type(Type.ARRAY, descriptorBuffer, descriptorBegin, descriptorEnd);
      case 76: // 'L'
        if (descriptorEnd - descriptorBegin < 2) break;
        return new Type(Type.OBJECT, descriptorBuffer, descriptorBegin + 1, descriptorEnd - 1);
      case 40: // '('
        return new Type(Type.METHOD, descriptorBuffer, descriptorBegin, descriptorEnd);
    }
    throw invalidDescriptor(descriptorBuffer);
  }

  // ## Names and descriptors

  /**
   * The binary name of the class of this type (`java.lang.String`), the primitive keyword
   * (`int`), or the element class name followed by `[]` per dimension. Not for method types.
   */
  getClassName(): string {
    switch (this.sort) {
      case Type.VOID:
        return 'void';
      case Type.BOOLEAN:
        return 'boolean';
      case Type.CHAR:
        return 'char';
      case Type.BYTE:
        return 'byte';
      case Type.SHORT:
        return 'short';
      case Type.INT:
        return 'int';
      case Type.FLOAT:
        return 'float';
      case Type.LONG:
        return 'long';
      case Type.DOUBLE:
        return 'double';
      case Type.ARRAY:
        return this.getElementType().getClassName() + '[]'.repeat(this.getDimensions());
      case Type.OBJECT:
      case Type.INTERNAL:
        return this.valueBuffer.substring(this.valueBegin, this.valueEnd).replaceAll('/', '.');
      default:
        throw new Error('getClassName is not defined for method types');
    }
  }

  /**
   * The internal name of this object type (`java/lang/String`), or the descriptor of this array
   * type. For other sorts, the descriptor, as ASM returns it.
   */
  getInternalName(): string {
    return this.valueBuffer.substring(this.valueBegin, this.valueEnd);
  }

  /** The descriptor of this type (JVMS §4.3). */
  getDescriptor(): string {
    if (this.sort === Type.OBJECT) {
      return this.valueBuffer.substring(this.valueBegin - 1, this.valueEnd + 1);
    } else if (this.sort === Type.INTERNAL) {
      return 'L' + this.valueBuffer.substring(this.valueBegin, this.valueEnd) + ';';
    }
    return this.valueBuffer.substring(this.valueBegin, this.valueEnd);
  }

  /**
   * The method descriptor made of a return type and argument types (given one by one as in
   * Java's varargs, or as one array).
   */
  static getMethodDescriptor(returnType: Type, ...argumentTypes: Type[] | [Type[]]): string {
    const types: Type[] =
      argumentTypes.length === 1 && Array.isArray(argumentTypes[0]) ? argumentTypes[0] : (argumentTypes as Type[]);
    let descriptor = '(';
    for (const argumentType of types) {
      descriptor += argumentType.getDescriptor();
    }
    return descriptor + ')' + returnType.getDescriptor();
  }

  // ## Sort, dimensions, sizes and opcodes

  /** One of VOID, BOOLEAN, CHAR, BYTE, SHORT, INT, FLOAT, LONG, DOUBLE, ARRAY, OBJECT or METHOD. */
  getSort(): number {
    return this.sort === Type.INTERNAL ? Type.OBJECT : this.sort;
  }

  /** The number of dimensions of this array type. */
  getDimensions(): number {
    let numDimensions = 1;
    while (charCodeAt.call(this.valueBuffer, this.valueBegin + numDimensions) === LEFT_BRACKET) {
      numDimensions++;
    }
    return numDimensions;
  }

  /** The size of values of this type in local variable slots: 0 for void, 2 for long and double, else 1. */
  getSize(): number {
    switch (this.sort) {
      case Type.VOID:
        return 0;
      case Type.LONG:
      case Type.DOUBLE:
        return 2;
      case Type.METHOD:
        throw new Error('getSize is not defined for method types');
      default:
        return 1;
    }
  }

  /** The number of arguments of this method type (long and double count for one). */
  getArgumentCount(): number {
    return Type.getArgumentCount(this.getDescriptor());
  }

  /** The number of arguments of a method descriptor (long and double count for one; no `this`). */
  static getArgumentCount(methodDescriptor: string): number {
    let argumentCount = 0;
    let currentOffset = 1; // Skips '('.
    while (charAt(methodDescriptor, currentOffset) !== RIGHT_PAREN) {
      currentOffset = skipFieldType(methodDescriptor, currentOffset);
      ++argumentCount;
    }
    return argumentCount;
  }

  /**
   * The size of the arguments (plus one for an implicit `this`) and of the return value of this
   * method type, packed as `(argumentsSize << 2) | returnSize`.
   */
  getArgumentsAndReturnSizes(): number {
    return Type.getArgumentsAndReturnSizes(this.getDescriptor());
  }

  /**
   * The size of the arguments (plus one for an implicit `this`) and of the return value of a
   * method descriptor, packed as `(argumentsSize << 2) | returnSize`.
   */
  static getArgumentsAndReturnSizes(methodDescriptor: string): number {
    let argumentsSize = 1;
    let currentOffset = 1; // Skips '('.
    let currentChar = charAt(methodDescriptor, currentOffset);
    while (currentChar !== RIGHT_PAREN) {
      if (currentChar === CHAR_J || currentChar === CHAR_D) {
        currentOffset++;
        argumentsSize += 2;
      } else {
        currentOffset = skipFieldType(methodDescriptor, currentOffset);
        argumentsSize += 1;
      }
      currentChar = charAt(methodDescriptor, currentOffset);
    }
    currentChar = charAt(methodDescriptor, currentOffset + 1);
    if (currentChar === CHAR_V) {
      return argumentsSize << 2;
    }
    return (argumentsSize << 2) | (currentChar === CHAR_J || currentChar === CHAR_D ? 2 : 1);
  }

  /**
   * The opcode for this type corresponding to an int opcode: given ILOAD, ISTORE, IALOAD,
   * IASTORE, IADD, ISUB, IMUL, IDIV, IREM, INEG, ISHL, ISHR, IUSHR, IAND, IOR, IXOR or IRETURN,
   * returns the variant for this type (FRETURN for float and IRETURN, …).
   */
  getOpcode(opcode: number): number {
    if (opcode === Opcodes.IALOAD || opcode === Opcodes.IASTORE) {
      switch (this.sort) {
        case Type.BOOLEAN:
        case Type.BYTE:
          return opcode + (Opcodes.BALOAD - Opcodes.IALOAD);
        case Type.CHAR:
          return opcode + (Opcodes.CALOAD - Opcodes.IALOAD);
        case Type.SHORT:
          return opcode + (Opcodes.SALOAD - Opcodes.IALOAD);
        case Type.INT:
          return opcode;
        case Type.FLOAT:
          return opcode + (Opcodes.FALOAD - Opcodes.IALOAD);
        case Type.LONG:
          return opcode + (Opcodes.LALOAD - Opcodes.IALOAD);
        case Type.DOUBLE:
          return opcode + (Opcodes.DALOAD - Opcodes.IALOAD);
        case Type.ARRAY:
        case Type.OBJECT:
        case Type.INTERNAL:
          return opcode + (Opcodes.AALOAD - Opcodes.IALOAD);
        default:
          throw new UnsupportedOperationException('no array opcode for type ' + this.toString());
      }
    }
    switch (this.sort) {
      case Type.VOID:
        if (opcode !== Opcodes.IRETURN) {
          throw new UnsupportedOperationException('opcode ' + opcode + ' for type V');
        }
        return Opcodes.RETURN;
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return opcode;
      case Type.FLOAT:
        return opcode + (Opcodes.FRETURN - Opcodes.IRETURN);
      case Type.LONG:
        return opcode + (Opcodes.LRETURN - Opcodes.IRETURN);
      case Type.DOUBLE:
        return opcode + (Opcodes.DRETURN - Opcodes.IRETURN);
      case Type.ARRAY:
      case Type.OBJECT:
      case Type.INTERNAL:
        if (opcode !== Opcodes.ILOAD && opcode !== Opcodes.ISTORE && opcode !== Opcodes.IRETURN) {
          throw new UnsupportedOperationException('opcode ' + opcode + ' for type ' + this.toString());
        }
        return opcode + (Opcodes.ARETURN - Opcodes.IRETURN);
      default:
        throw new UnsupportedOperationException('opcode ' + opcode + ' for a method type');
    }
  }

  // ## equals, hashCode, toString

  /** Whether `object` is a Type with the same sort and descriptor. */
  equals(object: unknown): boolean {
    if (this === object) return true;
    if (!(object instanceof Type)) return false;
    if (this.getSort() !== object.getSort()) return false;
    const begin = this.valueBegin;
    const end = this.valueEnd;
    const otherBegin = object.valueBegin;
    if (end - begin !== object.valueEnd - otherBegin) return false;
    for (let i = begin, j = otherBegin; i < end; i++, j++) {
      if (charCodeAt.call(this.valueBuffer, i) !== charCodeAt.call(object.valueBuffer, j)) return false;
    }
    return true;
  }

  /** Same value as ASM's Type.hashCode. */
  hashCode(): number {
    let hashCode = 13 * this.getSort();
    if (this.sort >= Type.ARRAY) {
      for (let i = this.valueBegin, end = this.valueEnd; i < end; i++) {
        hashCode = Math.imul(17, hashCode + charCodeAt.call(this.valueBuffer, i));
      }
    }
    return hashCode;
  }

  /** The descriptor of this type. */
  toString(): string {
    return this.getDescriptor();
  }
}

/** The char code at `offset`, or an error if the descriptor ends before it. */
function charAt(descriptor: string, offset: number): number {
  if (offset >= descriptor.length) {
    throw invalidDescriptor(descriptor);
  }
  return charCodeAt.call(descriptor, offset);
}

/** Skips the field type starting at `offset` (JVMS §4.3.2) and returns the offset after it. */
function skipFieldType(descriptor: string, offset: number): number {
  while (charAt(descriptor, offset) === LEFT_BRACKET) {
    offset++;
  }
  if (charCodeAt.call(descriptor, offset++) === CHAR_L) {
    const semicolonOffset = descriptor.indexOf(';', offset);
    if (semicolonOffset < 0) {
      throw invalidDescriptor(descriptor);
    }
    offset = semicolonOffset + 1;
  }
  return offset;
}

/**
 * Malformed descriptors raise a ClassFormatError (an Error, like Java's
 * IllegalArgumentException here), so that a bad descriptor read from a class file is reported
 * like any other malformed input.
 */
function invalidDescriptor(descriptor: string): ClassFormatError {
  return new ClassFormatError('Invalid descriptor: ' + descriptor);
}
