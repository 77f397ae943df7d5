import { createHash } from 'node:crypto';
import { ByteVector } from '../asm/byte-vector.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import { IllegalStateException } from '../asm/java-exceptions.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import { Opcodes } from '../asm/opcodes.js';

/** A field, constructor or method that enters the serialVersionUID hash. */
interface Item {
  readonly name: string;
  readonly access: number;
  readonly descriptor: string;
}

const CLINIT = '<clinit>';

/**
 * A ClassVisitor that adds a `static final long serialVersionUID` field to a class that has none,
 * computed as the JDK's ObjectStreamClass does (Java Object Serialization Specification §4.6
 * "Stream Unique Identifiers"): the SHA-1 of the class name, modifiers, sorted interfaces, and sorted
 * non-private members, written as a DataOutputStream would; the first 8 digest bytes, little
 * endian, give the value. Enums are left alone (their serialVersionUID is always 0).
 *
 * Constructors: `(classVisitor)` (ASM9; not for subclasses, as in ASM) or `(api, classVisitor)`.
 * The value is a bigint (Java long). Uses node:crypto for SHA-1.
 */
export class SerialVersionUIDAdder extends ClassVisitor {
  /** Whether the SVUID must be computed (false for enums and once one is found). */
  private computeSvuid: boolean;
  /** Whether the class already declares serialVersionUID. */
  private hasSvuid: boolean;
  /** The class access flags (replaced by its InnerClasses flags for a nested class). */
  private access: number;
  /** The internal name of the class. */
  private name: string | null;
  /** The interfaces of the class (a copy, sorted when hashing). */
  private interfaces: string[];
  /** The fields that enter the hash. */
  private svuidFields: Item[];
  /** Whether the class has a <clinit>. */
  private hasStaticInitializer: boolean;
  /** The non-private constructors. */
  private svuidConstructors: Item[];
  /** The non-private methods other than <clinit>. */
  private svuidMethods: Item[];

  constructor(classVisitor: ClassVisitor | null);
  constructor(api: number, classVisitor: ClassVisitor | null);
  constructor(apiOrVisitor: number | ClassVisitor | null, classVisitor?: ClassVisitor | null) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, withApi ? (classVisitor ?? null) : apiOrVisitor);
    if (!withApi && new.target !== SerialVersionUIDAdder) {
      throw new IllegalStateException('subclasses of SerialVersionUIDAdder must pass an api');
    }
    this.computeSvuid = false;
    this.hasSvuid = false;
    this.access = 0;
    this.name = null;
    this.interfaces = [];
    this.svuidFields = [];
    this.hasStaticInitializer = false;
    this.svuidConstructors = [];
    this.svuidMethods = [];
  }

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    // Steps 1–3: class name, modifiers and interfaces.
    this.computeSvuid = (access & Opcodes.ACC_ENUM) === 0;
    if (this.computeSvuid) {
      this.name = name;
      this.access = access;
      this.interfaces = interfaces === null ? [] : interfaces.slice();
      this.svuidFields = [];
      this.svuidConstructors = [];
      this.svuidMethods = [];
    }
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    // Steps 5–7: the class initializer, and the non-private constructors and methods.
    if (this.computeSvuid) {
      if (name === CLINIT) {
        this.hasStaticInitializer = true;
      }
      const mods =
        access &
        (Opcodes.ACC_PUBLIC |
          Opcodes.ACC_PRIVATE |
          Opcodes.ACC_PROTECTED |
          Opcodes.ACC_STATIC |
          Opcodes.ACC_FINAL |
          Opcodes.ACC_SYNCHRONIZED |
          Opcodes.ACC_NATIVE |
          Opcodes.ACC_ABSTRACT |
          Opcodes.ACC_STRICT);
      if ((access & Opcodes.ACC_PRIVATE) === 0) {
        if (name === '<init>') {
          this.svuidConstructors.push({ name, access: mods, descriptor });
        } else if (name !== CLINIT) {
          this.svuidMethods.push({ name, access: mods, descriptor });
        }
      }
    }
    return super.visitMethod(access, name, descriptor, signature, exceptions);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor | null {
    // Step 4: the fields, except private static and private transient ones.
    if (this.computeSvuid) {
      if (name === 'serialVersionUID') {
        this.computeSvuid = false;
        this.hasSvuid = true;
      }
      if ((access & Opcodes.ACC_PRIVATE) === 0 || (access & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT)) === 0) {
        const mods =
          access &
          (Opcodes.ACC_PUBLIC |
            Opcodes.ACC_PRIVATE |
            Opcodes.ACC_PROTECTED |
            Opcodes.ACC_STATIC |
            Opcodes.ACC_FINAL |
            Opcodes.ACC_VOLATILE |
            Opcodes.ACC_TRANSIENT);
        this.svuidFields.push({ name, access: mods, descriptor });
      }
    }
    return super.visitField(access, name, descriptor, signature, value);
  }

  override visitInnerClass(innerClassName: string, outerName: string | null, innerName: string | null, innerClassAccess: number): void {
    // A nested class's real modifiers (e.g. protected, static) are those of its InnerClasses entry
    // (JVMS §4.7.6), which is what Class.getModifiers reports and the JDK hashes.
    if (this.name !== null && this.name === innerClassName) {
      this.access = innerClassAccess;
    }
    super.visitInnerClass(innerClassName, outerName, innerName, innerClassAccess);
  }

  override visitEnd(): void {
    if (this.computeSvuid && !this.hasSvuid) {
      this.addSVUID(this.computeSVUID());
    }
    super.visitEnd();
  }

  /** Whether the class declares serialVersionUID itself (meaningful after visitEnd). */
  hasSVUID(): boolean {
    return this.hasSvuid;
  }

  /** Adds `static final long serialVersionUID = svuid`. */
  protected addSVUID(svuid: bigint): void {
    const fieldVisitor = super.visitField(Opcodes.ACC_FINAL + Opcodes.ACC_STATIC, 'serialVersionUID', 'J', null, svuid);
    if (fieldVisitor !== null) {
      fieldVisitor.visitEnd();
    }
  }

  /** Computes the serialVersionUID of the visited class (a signed 64-bit value). */
  protected computeSVUID(): bigint {
    // ByteVector's putUTF8/putInt write exactly what DataOutputStream.writeUTF/writeInt do.
    const output = new ByteVector();
    // 1. The class name, dotted.
    output.putUTF8((this.name ?? '').replace(/\//g, '.'));
    // 2. The class modifiers; an interface is abstract exactly when it declares methods.
    let mods = this.access;
    if ((mods & Opcodes.ACC_INTERFACE) !== 0) {
      mods = this.svuidMethods.length === 0 ? mods & ~Opcodes.ACC_ABSTRACT : mods | Opcodes.ACC_ABSTRACT;
    }
    output.putInt(mods & (Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT));
    // 3. The interface names, sorted, dotted.
    this.interfaces.sort(compareStrings);
    for (const interfaceName of this.interfaces) {
      output.putUTF8(interfaceName.replace(/\//g, '.'));
    }
    // 4. The fields sorted by name (descriptors keep their slashes).
    writeItems(this.svuidFields, output, false);
    // 5. The class initializer.
    if (this.hasStaticInitializer) {
      output.putUTF8(CLINIT);
      output.putInt(Opcodes.ACC_STATIC);
      output.putUTF8('()V');
    }
    // 6. and 7. The constructors, then the methods, sorted by name and descriptor (dotted).
    writeItems(this.svuidConstructors, output, true);
    writeItems(this.svuidMethods, output, true);
    // 8. and 9. SHA-1, then the first 8 bytes as a little-endian long.
    const hashBytes = this.computeSHAdigest(output.data.subarray(0, output.length));
    let svuid = 0n;
    for (let i = Math.min(hashBytes.length, 8) - 1; i >= 0; i--) {
      svuid = (svuid << 8n) | BigInt(hashBytes[i]!);
    }
    return BigInt.asIntN(64, svuid);
  }

  /** The SHA-1 digest of `value`. */
  protected computeSHAdigest(value: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha1').update(value).digest());
  }
}

/** Java's String.compareTo (UTF-16 code unit order, which is also JavaScript's). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts the items by name, then descriptor, and writes name, modifiers and descriptor of each. */
function writeItems(items: Item[], output: ByteVector, dotted: boolean): void {
  const sorted = items.slice().sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.descriptor, b.descriptor));
  for (const item of sorted) {
    output.putUTF8(item.name);
    output.putInt(item.access);
    output.putUTF8(dotted ? item.descriptor.replace(/\//g, '.') : item.descriptor);
  }
}
