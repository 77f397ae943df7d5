import type { ByteVector } from './byte-vector.js';
import { IllegalArgumentException } from './java-exceptions.js';

/**
 * A reference to the place where an annotated type appears (JVMS §4.7.20.1 target_type and
 * target_info), packed into one int as ASM does: target_type in the high byte, followed by the
 * target_info fields that fit in 3 bytes. Bytecode offsets in target_info are left at 0 (the
 * reader resolves them to labels, the writer recomputes them). localvar_target is passed
 * separately to visitLocalVariableAnnotation.
 */
export class TypeReference {
  // Sorts, i.e. target_type values (JVMS §4.7.20 Tables 4.7.20-A, -B, -C).
  static readonly CLASS_TYPE_PARAMETER = 0x00;
  static readonly METHOD_TYPE_PARAMETER = 0x01;
  static readonly CLASS_EXTENDS = 0x10;
  static readonly CLASS_TYPE_PARAMETER_BOUND = 0x11;
  static readonly METHOD_TYPE_PARAMETER_BOUND = 0x12;
  static readonly FIELD = 0x13;
  static readonly METHOD_RETURN = 0x14;
  static readonly METHOD_RECEIVER = 0x15;
  static readonly METHOD_FORMAL_PARAMETER = 0x16;
  static readonly THROWS = 0x17;
  static readonly LOCAL_VARIABLE = 0x40;
  static readonly RESOURCE_VARIABLE = 0x41;
  static readonly EXCEPTION_PARAMETER = 0x42;
  static readonly INSTANCEOF = 0x43;
  static readonly NEW = 0x44;
  static readonly CONSTRUCTOR_REFERENCE = 0x45;
  static readonly METHOD_REFERENCE = 0x46;
  static readonly CAST = 0x47;
  static readonly CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT = 0x48;
  static readonly METHOD_INVOCATION_TYPE_ARGUMENT = 0x49;
  static readonly CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT = 0x4a;
  static readonly METHOD_REFERENCE_TYPE_ARGUMENT = 0x4b;

  private readonly targetTypeAndInfo: number;

  /** Wraps the int value received by the visit*TypeAnnotation methods. */
  constructor(typeRef: number) {
    this.targetTypeAndInfo = typeRef;
  }

  /** A reference of a sort without target_info fields (FIELD, METHOD_RETURN, NEW…). */
  static newTypeReference(sort: number): TypeReference {
    return new TypeReference(sort << 24);
  }

  /** A reference to type parameter `paramIndex` (sort CLASS_ or METHOD_TYPE_PARAMETER). */
  static newTypeParameterReference(sort: number, paramIndex: number): TypeReference {
    return new TypeReference((sort << 24) | (paramIndex << 16));
  }

  /** A reference to bound `boundIndex` of type parameter `paramIndex`. */
  static newTypeParameterBoundReference(sort: number, paramIndex: number, boundIndex: number): TypeReference {
    return new TypeReference((sort << 24) | (paramIndex << 16) | (boundIndex << 8));
  }

  /** A reference to the super class (itfIndex -1) or to interface `itfIndex`. */
  static newSuperTypeReference(itfIndex: number): TypeReference {
    return new TypeReference((TypeReference.CLASS_EXTENDS << 24) | ((itfIndex & 0xffff) << 8));
  }

  /** A reference to the type of formal parameter `paramIndex`. */
  static newFormalParameterReference(paramIndex: number): TypeReference {
    return new TypeReference((TypeReference.METHOD_FORMAL_PARAMETER << 24) | (paramIndex << 16));
  }

  /** A reference to exception `exceptionIndex` of the throws clause. */
  static newExceptionReference(exceptionIndex: number): TypeReference {
    return new TypeReference((TypeReference.THROWS << 24) | (exceptionIndex << 8));
  }

  /** A reference to the catch type of try-catch block `tryCatchBlockIndex` (in visit order). */
  static newTryCatchReference(tryCatchBlockIndex: number): TypeReference {
    return new TypeReference((TypeReference.EXCEPTION_PARAMETER << 24) | (tryCatchBlockIndex << 8));
  }

  /** A reference to type argument `argIndex` of a cast or of a generic call or reference. */
  static newTypeArgumentReference(sort: number, argIndex: number): TypeReference {
    return new TypeReference((sort << 24) | argIndex);
  }

  /** The target_type of this reference. */
  getSort(): number {
    return this.targetTypeAndInfo >>> 24;
  }

  getTypeParameterIndex(): number {
    return (this.targetTypeAndInfo & 0x00ff0000) >> 16;
  }

  getTypeParameterBoundIndex(): number {
    return (this.targetTypeAndInfo & 0x0000ff00) >> 8;
  }

  /** The interface index in the implements clause, or -1 for the super class. */
  getSuperTypeIndex(): number {
    return (((this.targetTypeAndInfo & 0x00ffff00) >> 8) << 16) >> 16;
  }

  getFormalParameterIndex(): number {
    return (this.targetTypeAndInfo & 0x00ff0000) >> 16;
  }

  getExceptionIndex(): number {
    return (this.targetTypeAndInfo & 0x00ffff00) >> 8;
  }

  getTryCatchBlockIndex(): number {
    return (this.targetTypeAndInfo & 0x00ffff00) >> 8;
  }

  getTypeArgumentIndex(): number {
    return this.targetTypeAndInfo & 0xff;
  }

  /** The int value to pass to the visit*TypeAnnotation methods. */
  getValue(): number {
    return this.targetTypeAndInfo;
  }

  /**
   * @internal Writes target_type and target_info (JVMS §4.7.20.1) for an int-encoded reference.
   * LOCAL_VARIABLE and RESOURCE_VARIABLE targets are written by the method writer itself.
   */
  static putTarget(targetTypeAndInfo: number, output: ByteVector): void {
    switch (targetTypeAndInfo >>> 24) {
      case TypeReference.CLASS_TYPE_PARAMETER:
      case TypeReference.METHOD_TYPE_PARAMETER:
      case TypeReference.METHOD_FORMAL_PARAMETER:
        output.putShort(targetTypeAndInfo >>> 16);
        break;
      case TypeReference.FIELD:
      case TypeReference.METHOD_RETURN:
      case TypeReference.METHOD_RECEIVER:
        output.putByte(targetTypeAndInfo >>> 24);
        break;
      case TypeReference.CAST:
      case TypeReference.CONSTRUCTOR_INVOCATION_TYPE_ARGUMENT:
      case TypeReference.METHOD_INVOCATION_TYPE_ARGUMENT:
      case TypeReference.CONSTRUCTOR_REFERENCE_TYPE_ARGUMENT:
      case TypeReference.METHOD_REFERENCE_TYPE_ARGUMENT:
        output.putInt(targetTypeAndInfo);
        break;
      case TypeReference.CLASS_EXTENDS:
      case TypeReference.CLASS_TYPE_PARAMETER_BOUND:
      case TypeReference.METHOD_TYPE_PARAMETER_BOUND:
      case TypeReference.THROWS:
      case TypeReference.EXCEPTION_PARAMETER:
      case TypeReference.INSTANCEOF:
      case TypeReference.NEW:
      case TypeReference.CONSTRUCTOR_REFERENCE:
      case TypeReference.METHOD_REFERENCE:
        output.put12(targetTypeAndInfo >>> 24, (targetTypeAndInfo & 0xffff00) >> 8);
        break;
      default:
        throw new IllegalArgumentException('Invalid type reference sort 0x' + (targetTypeAndInfo >>> 24).toString(16));
    }
  }
}
