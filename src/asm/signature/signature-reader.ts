import { ClassFormatError } from '../../classfile/class-format-error.js';
import type { SignatureVisitor } from './signature-visitor.js';

/**
 * Parses a generic signature (JVMS §4.7.9.1) and makes a SignatureVisitor visit it, like ASM's
 * SignatureReader. A malformed signature raises ClassFormatError naming the character index.
 */
export class SignatureReader {
  private readonly signatureValue: string;

  /** `signature` is a JavaTypeSignature, a ClassSignature or a MethodSignature. */
  constructor(signature: string) {
    this.signatureValue = signature;
  }

  /** Visits a ClassSignature or a MethodSignature (as passed to visit or visitMethod). */
  accept(signatureVisitor: SignatureVisitor): void {
    const signature = this.signatureValue;
    const length = signature.length;
    let offset: number;
    let currentChar: number;

    // TypeParameters: '<' then, per parameter, an identifier, ':' and an optional class bound,
    // then zero or more ':' interface bounds; '>' ends them.
    if (signature.charCodeAt(0) === 60 /* '<' */) {
      // At the top of each iteration, offset is the second character of a parameter name.
      offset = 2;
      do {
        const classBoundStartOffset = signature.indexOf(':', offset);
        if (classBoundStartOffset < 0) {
          throw invalidSignature(signature, offset, "':' after a type parameter name");
        }
        signatureVisitor.visitFormalTypeParameter(signature.substring(offset - 1, classBoundStartOffset));

        // The class bound may be empty (an interface bound follows directly).
        offset = classBoundStartOffset + 1;
        currentChar = signature.charCodeAt(offset);
        if (currentChar === 76 /* 'L' */ || currentChar === 91 /* '[' */ || currentChar === 84 /* 'T' */) {
          offset = parseType(signature, offset, signatureVisitor.visitClassBound());
        }
        while ((currentChar = charAt(signature, offset++)) === 58 /* ':' */) {
          offset = parseType(signature, offset, signatureVisitor.visitInterfaceBound());
        }
        // currentChar is now the first character of the next parameter, or '>'.
      } while (currentChar !== 62 /* '>' */);
    } else {
      offset = 0;
    }

    if (signature.charCodeAt(offset) === 40 /* '(' */) {
      // MethodSignature: parameter types, ')', the result, then '^' exception types.
      offset++;
      while (charAt(signature, offset) !== 41 /* ')' */) {
        offset = parseType(signature, offset, signatureVisitor.visitParameterType());
      }
      offset = parseType(signature, offset + 1, signatureVisitor.visitReturnType());
      while (offset < length) {
        if (signature.charCodeAt(offset) !== 94 /* '^' */) {
          throw invalidSignature(signature, offset, "'^' before a thrown type");
        }
        offset = parseType(signature, offset + 1, signatureVisitor.visitExceptionType());
      }
    } else {
      // ClassSignature: the super class, then the interfaces.
      offset = parseType(signature, offset, signatureVisitor.visitSuperclass());
      while (offset < length) {
        offset = parseType(signature, offset, signatureVisitor.visitInterface());
      }
    }
  }

  /** Visits a JavaTypeSignature (as passed to visitField or visitLocalVariable). */
  acceptType(signatureVisitor: SignatureVisitor): void {
    parseType(this.signatureValue, 0, signatureVisitor);
  }
}

/**
 * Type arguments nest by recursion; a class file can hold any signature (the JVM does not check
 * them), so the depth is bounded to fail with ClassFormatError rather than exhaust the stack.
 * Real signatures nest a few levels deep.
 */
const MAX_NESTING = 1000;

/** Parses the JavaTypeSignature at startOffset and returns the offset just after it. */
function parseType(signature: string, startOffset: number, visitor: SignatureVisitor, depth = 0): number {
  if (depth > MAX_NESTING) {
    throw invalidSignature(signature, startOffset, `at most ${MAX_NESTING} levels of nested type arguments`);
  }
  let signatureVisitor = visitor;
  let offset = startOffset;
  let currentChar = charAt(signature, offset++);
  // ArrayTypeSignature: '[' then the element type, visited through visitArrayType's visitor.
  // Handled by iteration so that long runs of '[' cannot exhaust the stack.
  while (currentChar === 91 /* '[' */) {
    signatureVisitor = signatureVisitor.visitArrayType();
    currentChar = charAt(signature, offset++);
  }

  switch (currentChar) {
    case 90: // 'Z'
    case 67: // 'C'
    case 66: // 'B'
    case 83: // 'S'
    case 73: // 'I'
    case 70: // 'F'
    case 74: // 'J'
    case 68: // 'D'
    case 86: // 'V'
      signatureVisitor.visitBaseType(String.fromCharCode(currentChar));
      return offset;

    case 84: {
      // 'T' TypeVariableSignature: an identifier up to ';'.
      const endOffset = signature.indexOf(';', offset);
      if (endOffset < 0) {
        throw invalidSignature(signature, offset, "';' after a type variable name");
      }
      signatureVisitor.visitTypeVariable(signature.substring(offset, endOffset));
      return endOffset + 1;
    }

    case 76: {
      // 'L' ClassTypeSignature: a class name, then zero or more '.' inner class names, each with
      // optional type arguments in '<' '>'; ';' ends it.
      let start = offset;
      let visited = false;
      let inner = false;
      for (;;) {
        currentChar = charAt(signature, offset++);
        if (currentChar === 46 /* '.' */ || currentChar === 59 /* ';' */) {
          // The name just ended; it was already visited if type arguments followed it.
          if (!visited) {
            const name = signature.substring(start, offset - 1);
            if (inner) {
              signatureVisitor.visitInnerClassType(name);
            } else {
              signatureVisitor.visitClassType(name);
            }
          }
          if (currentChar === 59 /* ';' */) {
            signatureVisitor.visitEnd();
            break;
          }
          start = offset;
          visited = false;
          inner = true;
        } else if (currentChar === 60 /* '<' */) {
          const name = signature.substring(start, offset - 1);
          if (inner) {
            signatureVisitor.visitInnerClassType(name);
          } else {
            signatureVisitor.visitClassType(name);
          }
          visited = true;
          while ((currentChar = charAt(signature, offset)) !== 62 /* '>' */) {
            switch (currentChar) {
              case 42: // '*' unbounded
                ++offset;
                signatureVisitor.visitTypeArgument();
                break;
              case 43: // '+'
              case 45: // '-'
                offset = parseType(
                  signature,
                  offset + 1,
                  signatureVisitor.visitTypeArgument(String.fromCharCode(currentChar)),
                  depth + 1,
                );
                break;
              default:
                // An exact type argument: the '=' is implicit.
                offset = parseType(signature, offset, signatureVisitor.visitTypeArgument('='), depth + 1);
                break;
            }
          }
          // The '>' is consumed by the read at the top of the loop.
        }
      }
      return offset;
    }

    default:
      throw invalidSignature(signature, offset - 1, 'a type signature');
  }
}

/** The char code at `offset`, or an error when the signature ends before it. */
function charAt(signature: string, offset: number): number {
  if (offset >= signature.length) {
    throw invalidSignature(signature, offset, 'more characters');
  }
  return signature.charCodeAt(offset);
}

function invalidSignature(signature: string, offset: number, expected: string): ClassFormatError {
  return new ClassFormatError(`Invalid signature ${JSON.stringify(signature)}: expected ${expected} at index ${offset}`);
}
