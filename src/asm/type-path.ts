import type { ByteVector } from './byte-vector.js';
import { IllegalArgumentException } from './java-exceptions.js';

/**
 * The path to a type argument, wildcard bound, array element type or nested type within a type
 * annotation's target (JVMS §4.7.20.2 type_path). Like ASM, it is a view on the type_path bytes
 * where they were found (usually the class file itself), so that it can be copied back as is.
 */
export class TypePath {
  /** A step into the element type of an array type. */
  static readonly ARRAY_ELEMENT = 0;
  /** A step into the nested type of a class type. */
  static readonly INNER_TYPE = 1;
  /** A step into the bound of a wildcard type. */
  static readonly WILDCARD_BOUND = 2;
  /** A step into a type argument of a parameterized type. */
  static readonly TYPE_ARGUMENT = 3;

  /** @internal The bytes holding the type_path structure. */
  readonly typePathContainer: Uint8Array;
  /** @internal The offset of its path_length byte in typePathContainer. */
  readonly typePathOffset: number;

  /** @internal Readers create paths in place; users call TypePath.fromString. */
  constructor(typePathContainer: Uint8Array, typePathOffset: number) {
    this.typePathContainer = typePathContainer;
    this.typePathOffset = typePathOffset;
  }

  /** The number of steps (path_length). */
  getLength(): number {
    return this.typePathContainer[this.typePathOffset]!;
  }

  /** The kind of step `index`: ARRAY_ELEMENT, INNER_TYPE, WILDCARD_BOUND or TYPE_ARGUMENT. */
  getStep(index: number): number {
    return this.typePathContainer[this.typePathOffset + 2 * index + 1]!;
  }

  /** The type_argument_index of step `index` (meaningful for TYPE_ARGUMENT steps). */
  getStepArgument(index: number): number {
    return this.typePathContainer[this.typePathOffset + 2 * index + 2]!;
  }

  /**
   * Parses the form produced by toString: '[' for ARRAY_ELEMENT, '.' for INNER_TYPE, '*' for
   * WILDCARD_BOUND, and a decimal index followed by ';' for TYPE_ARGUMENT (the last ';' may be
   * omitted, as ASM allows). Returns null for null or ''.
   */
  static fromString(typePath: string | null): TypePath | null {
    if (typePath === null || typePath.length === 0) {
      return null;
    }
    const length = typePath.length;
    // At most one step per character: the buffer never needs to grow.
    const steps = new Uint8Array(1 + 2 * length);
    let size = 1;
    let index = 0;
    while (index < length) {
      let c = typePath.charCodeAt(index++);
      if (c === 91 /* '[' */) {
        steps[size++] = TypePath.ARRAY_ELEMENT;
        steps[size++] = 0;
      } else if (c === 46 /* '.' */) {
        steps[size++] = TypePath.INNER_TYPE;
        steps[size++] = 0;
      } else if (c === 42 /* '*' */) {
        steps[size++] = TypePath.WILDCARD_BOUND;
        steps[size++] = 0;
      } else if (c >= 48 && c <= 57) {
        let typeArg = c - 48;
        while (index < length) {
          c = typePath.charCodeAt(index++);
          if (c >= 48 && c <= 57) {
            typeArg = typeArg * 10 + c - 48;
          } else if (c === 59 /* ';' */) {
            break;
          } else {
            throw new IllegalArgumentException('Invalid type path: ' + typePath);
          }
        }
        steps[size++] = TypePath.TYPE_ARGUMENT;
        steps[size++] = typeArg;
      } else {
        throw new IllegalArgumentException('Invalid type path: ' + typePath);
      }
    }
    steps[0] = (size - 1) / 2;
    return new TypePath(steps, 0);
  }

  /** '[' per ARRAY_ELEMENT, '.' per INNER_TYPE, '*' per WILDCARD_BOUND, `n;` per TYPE_ARGUMENT. */
  toString(): string {
    const length = this.getLength();
    let result = '';
    for (let i = 0; i < length; ++i) {
      switch (this.getStep(i)) {
        case TypePath.ARRAY_ELEMENT:
          result += '[';
          break;
        case TypePath.INNER_TYPE:
          result += '.';
          break;
        case TypePath.WILDCARD_BOUND:
          result += '*';
          break;
        case TypePath.TYPE_ARGUMENT:
          result += this.getStepArgument(i) + ';';
          break;
        default:
          // JVMS §4.7.20.2 defines kinds 0-3 only; show others rather than fail while printing.
          result += '?' + this.getStep(i);
          break;
      }
    }
    return result;
  }

  /** @internal Writes the type_path structure of `typePath` (a zero length when null). */
  static put(typePath: TypePath | null, output: ByteVector): void {
    if (typePath === null) {
      output.putByte(0);
    } else {
      const length = typePath.typePathContainer[typePath.typePathOffset]! * 2 + 1;
      output.putByteArray(typePath.typePathContainer, typePath.typePathOffset, length);
    }
  }
}
