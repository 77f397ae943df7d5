import { ConstantDynamic } from '../asm/constant-dynamic.js';
import { Handle } from '../asm/handle.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import { SignatureReader } from '../asm/signature/signature-reader.js';
import type { SignatureVisitor } from '../asm/signature/signature-visitor.js';
import { SignatureWriter } from '../asm/signature/signature-writer.js';
import { Type } from '../asm/type.js';
import { SignatureRemapper } from './signature-remapper.js';

/**
 * Remaps type, method, field, package and module names. Every mapping method returns its input
 * unchanged by default; subclasses override `map(internalName)` (class names, which the
 * descriptor, signature and value helpers build upon) and the member-level hooks they need.
 *
 * Departures from Java's overloads, kept source-compatible for ported code:
 * - `mapType(String)` is the public method; ASM's private `mapType(Type)` is `mapTypeValue`.
 * - `mapValue` is generic: it returns a value of the type it was given (a Type stays a Type, a
 *   Handle a Handle…), which saves casts at call sites.
 * - `mapInvokeDynamicMethodName(name, descriptor, bootstrapMethodHandle?, bootstrapMethodArguments?)`
 *   also receives the bootstrap method and arguments when called for an invokedynamic instruction
 *   (as the later ASM 9 releases do); overrides written for the two-argument form keep working.
 */
export abstract class Remapper {
  /** Remaps the class named in a field descriptor (JVMS §4.3.2); primitive descriptors are returned as is. */
  mapDesc(descriptor: string): string {
    return this.mapTypeValue(Type.getType(descriptor)).getDescriptor();
  }

  /**
   * Remaps a Type: the element class of an array or object type with `map`, a method type with
   * `mapMethodDesc`; primitive types are returned as is.
   */
  private mapTypeValue(type: Type): Type {
    switch (type.getSort()) {
      case Type.ARRAY: {
        let remappedDescriptor = '';
        for (let i = type.getDimensions(); i > 0; --i) {
          remappedDescriptor += '[';
        }
        remappedDescriptor += this.mapTypeValue(type.getElementType()).getDescriptor();
        return Type.getType(remappedDescriptor);
      }
      case Type.OBJECT: {
        const remappedInternalName = this.map(type.getInternalName());
        return remappedInternalName !== null && remappedInternalName !== undefined
          ? Type.getObjectType(remappedInternalName)
          : type;
      }
      case Type.METHOD:
        return Type.getMethodType(this.mapMethodDesc(type.getDescriptor()));
      default:
        return type;
    }
  }

  /**
   * Remaps an internal name, or an array descriptor as found in CONSTANT_Class entries
   * (JVMS §4.4.1); null stays null.
   */
  mapType(internalName: string): string;
  mapType(internalName: string | null): string | null;
  mapType(internalName: string | null): string | null {
    if (internalName === null) {
      return null;
    }
    return this.mapTypeValue(Type.getObjectType(internalName)).getInternalName();
  }

  /** Remaps internal names; returns the given array itself when nothing changed, else a copy. */
  mapTypes(internalNames: string[]): string[] {
    let remappedInternalNames: string[] | null = null;
    for (let i = 0; i < internalNames.length; ++i) {
      const internalName = internalNames[i]!;
      const remappedInternalName = this.mapType(internalName);
      // Like ASM, a name is written into the copy even when equal to the original (only null,
      // which mapType never returns for a name, would leave the array untouched).
      if (remappedInternalName !== null) {
        if (remappedInternalNames === null) {
          remappedInternalNames = internalNames.slice();
        }
        remappedInternalNames[i] = remappedInternalName;
      }
    }
    return remappedInternalNames !== null ? remappedInternalNames : internalNames;
  }

  /** Remaps the argument and return types of a method descriptor (JVMS §4.3.3). */
  mapMethodDesc(methodDescriptor: string): string {
    if (methodDescriptor === '()V') {
      return methodDescriptor;
    }
    let result = '(';
    for (const argumentType of Type.getArgumentTypes(methodDescriptor)) {
      result += this.mapTypeValue(argumentType).getDescriptor();
    }
    const returnType = Type.getReturnType(methodDescriptor);
    if (returnType === Type.VOID_TYPE) {
      result += ')V';
    } else {
      result += ')' + this.mapTypeValue(returnType).getDescriptor();
    }
    return result;
  }

  /**
   * Remaps a constant or annotation value: Type, Handle and ConstantDynamic (with its bootstrap
   * method and arguments, recursively) are remapped, every other value is returned as is.
   */
  mapValue<T>(value: T): T {
    if (value instanceof Type) {
      return this.mapTypeValue(value) as T;
    }
    if (value instanceof Handle) {
      // JVMS §4.4.8: kinds 1–4 (REF_getField…REF_putStatic) refer to fields, the others to methods.
      const isFieldHandle = value.getTag() <= Opcodes.H_PUTSTATIC;
      const owner = value.getOwner();
      const name = value.getName();
      const descriptor = value.getDesc();
      return new Handle(
        value.getTag(),
        this.mapType(owner),
        isFieldHandle
          ? this.mapFieldName(owner, name, descriptor)
          : this.mapMethodName(owner, name, descriptor),
        isFieldHandle ? this.mapDesc(descriptor) : this.mapMethodDesc(descriptor),
        value.isInterface(),
      ) as T;
    }
    if (value instanceof ConstantDynamic) {
      const bootstrapMethodArgumentCount = value.getBootstrapMethodArgumentCount();
      const remappedBootstrapMethodArguments: ConstantValue[] = new Array<ConstantValue>(bootstrapMethodArgumentCount);
      for (let i = 0; i < bootstrapMethodArgumentCount; ++i) {
        remappedBootstrapMethodArguments[i] = this.mapValue(value.getBootstrapMethodArgument(i));
      }
      const descriptor = value.getDescriptor();
      return new ConstantDynamic(
        this.mapInvokeDynamicMethodName(value.getName(), descriptor),
        this.mapDesc(descriptor),
        this.mapValue(value.getBootstrapMethod()),
        remappedBootstrapMethodArguments,
      ) as T;
    }
    return value;
  }

  /**
   * Remaps a generic signature (JVMS §4.7.9.1) with the visitor from `createSignatureRemapper`:
   * a JavaTypeSignature when `typeSignature` is true (fields, locals, record components), else a
   * ClassSignature or MethodSignature. null stays null.
   */
  mapSignature(signature: string, typeSignature: boolean): string;
  mapSignature(signature: string | null, typeSignature: boolean): string | null;
  mapSignature(signature: string | null, typeSignature: boolean): string | null {
    if (signature === null) {
      return null;
    }
    const signatureReader = new SignatureReader(signature);
    const signatureWriter = new SignatureWriter();
    const signatureRemapper = this.createSignatureRemapper(signatureWriter);
    if (typeSignature) {
      signatureReader.acceptType(signatureRemapper);
    } else {
      signatureReader.accept(signatureRemapper);
    }
    return signatureWriter.toString();
  }

  /**
   * Creates the visitor `mapSignature` uses, delegating to `signatureVisitor`; a SignatureRemapper
   * by default.
   */
  protected createSignatureRemapper(signatureVisitor: SignatureVisitor): SignatureVisitor {
    return new SignatureRemapper(signatureVisitor, this);
  }

  /**
   * @deprecated ASM's pre-6 name of `createSignatureRemapper`, kept (as ASM 9 keeps it) for ported
   * subclasses that call it: it returns `createSignatureRemapper(signatureVisitor)`. As in ASM 9,
   * overriding it does not change what `mapSignature` uses; override `createSignatureRemapper`.
   */
  protected createRemappingSignatureAdapter(signatureVisitor: SignatureVisitor): SignatureVisitor {
    return this.createSignatureRemapper(signatureVisitor);
  }

  /** Maps the name of an element of the annotation type `descriptor`; unchanged by default. */
  mapAnnotationAttributeName(descriptor: string, name: string): string {
    void descriptor;
    return name;
  }

  /**
   * Maps the simple name of an InnerClasses entry (JVMS §4.7.6) whose class `name` is remapped:
   * kept if the class's own last segment did not change, else taken from the remapped name after
   * its last '$' and any digits (javac's naming of member and local classes).
   */
  mapInnerClassName(name: string, ownerName: string | null, innerName: string): string {
    void ownerName;
    const remappedInnerName = this.mapType(name);
    if (remappedInnerName === name) {
      return innerName;
    }
    const originSplit = name.lastIndexOf('/');
    const remappedSplit = remappedInnerName.lastIndexOf('/');
    if (originSplit !== -1 && remappedSplit !== -1) {
      if (name.substring(originSplit) === remappedInnerName.substring(remappedSplit)) {
        // Only the package changed.
        return innerName;
      }
    }
    if (remappedInnerName.includes('$')) {
      let index = remappedInnerName.lastIndexOf('$') + 1;
      while (index < remappedInnerName.length && isDigit(remappedInnerName.charAt(index))) {
        index++;
      }
      return remappedInnerName.substring(index);
    }
    return innerName;
  }

  /** Maps the name of method `owner.name descriptor`; unchanged by default. */
  mapMethodName(owner: string, name: string, descriptor: string): string {
    void owner;
    void descriptor;
    return name;
  }

  /**
   * Maps the name of an invokedynamic call site or dynamic constant; unchanged by default. The
   * bootstrap method and its arguments are given for invokedynamic instructions only.
   */
  mapInvokeDynamicMethodName(
    name: string,
    descriptor: string,
    bootstrapMethodHandle?: Handle,
    bootstrapMethodArguments?: readonly ConstantValue[],
  ): string {
    void descriptor;
    void bootstrapMethodHandle;
    void bootstrapMethodArguments;
    return name;
  }

  /** Maps the name of record component `owner.name` (JVMS §4.7.30); unchanged by default. */
  mapRecordComponentName(owner: string, name: string, descriptor: string): string {
    void owner;
    void descriptor;
    return name;
  }

  /** Maps the name of field `owner.name`; unchanged by default. */
  mapFieldName(owner: string, name: string, descriptor: string): string {
    void owner;
    void descriptor;
    return name;
  }

  /** Maps a package name in the Module attribute (JVMS §4.7.25: dotted form); unchanged by default. */
  mapPackageName(name: string): string {
    return name;
  }

  /** Maps a module name (dotted form); unchanged by default. */
  mapModuleName(name: string): string {
    return name;
  }

  /**
   * Maps an internal class name; unchanged by default. May return null (as SimpleRemapper does
   * for names it has no entry for), which means "unchanged" to the helpers above.
   */
  map(internalName: string): string | null {
    return internalName;
  }
}

/** Java's Character.isDigit, for the one character at hand (any Unicode decimal digit). */
function isDigit(character: string): boolean {
  return /\p{Nd}/u.test(character);
}
