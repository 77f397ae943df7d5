// # CheckClassAdapter: checks the calls made to a ClassVisitor (JVMS §4.1-4.7)
//
// Put it in front of a ClassWriter (or anywhere in a visitor chain) to catch a transformation
// that misuses the visitor API before it produces a broken class: each call's arguments are
// checked (flags allowed for the element, internal names, descriptors, signatures, versions…) as
// well as the order of the calls (visit first, visitEnd last and once, visitSource, visitModule,
// visitNestHost and visitOuterClass at most once, nest host and nest members exclusive). Field,
// method, record component, module and annotation visitors are wrapped in their own checkers.
// Like ASM it does not check cross-call consistency such as two fields with the same name.

import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { Analyzer } from '../analysis/analyzer.js';
import { AnalyzerException } from '../analysis/analyzer-exception.js';
import type { BasicValue } from '../analysis/basic-value.js';
import { SimpleVerifier } from '../analysis/simple-verifier.js';
import { ClassReader } from '../asm/class-reader.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import { type ClassHierarchy, ClassWriter } from '../asm/class-writer.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { Label } from '../asm/label.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import type { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import { Type } from '../asm/type.js';
import { TypeReference } from '../asm/type-reference.js';
import { ClassNode } from '../tree/class-node.js';
import { CheckAnnotationAdapter } from './check-annotation-adapter.js';
import { IllegalArgumentException, IllegalStateException } from './check-errors.js';
import { CheckFieldAdapter } from './check-field-adapter.js';
import { CheckMethodAdapter, MethodWriterWrapper, printAnalyzerResult } from './check-method-adapter.js';
import { CheckModuleAdapter } from './check-module-adapter.js';
import { CheckRecordComponentAdapter } from './check-record-component-adapter.js';
import type { PrintWriter } from './printer.js';
import {
  checkAccess,
  checkClassSignature,
  checkConstant,
  checkDescriptor,
  checkFieldSignature,
  checkFullyQualifiedName,
  checkIdentifier,
  checkInternalName,
  checkMethodAccess,
  checkMethodDescriptor,
  checkMethodIdentifier,
  checkMethodSignature,
  checkTypeRef,
  checkTypeRefSort,
  checkUnqualifiedName,
} from './check-support.js';

/** A member visitor handed out by visitField/visitMethod/…, checked for visitEnd at the class's end. */
interface EndChecked {
  isVisitEndCalled(): boolean;
}

/**
 * A ClassVisitor that checks that its methods are called in a valid order with valid arguments,
 * then forwards them. Errors are IllegalArgumentException (bad argument), IllegalStateException
 * (call out of order) or UnsupportedOperationException, from check-errors.ts; messages name the
 * call and the offending value.
 *
 * `new CheckClassAdapter(classVisitor, checkDataFlow?)` (this class only) or
 * `new CheckClassAdapter(api, classVisitor, checkDataFlow)` (subclasses). `checkDataFlow`
 * (default true, as in ASM) also type-checks each method at its visitEnd with a BasicVerifier
 * (see CheckMethodAdapter); max stack and locals are then checked too when the delegate is a
 * ClassWriter that does not compute them.
 *
 * `CheckClassAdapter.verify(classReader, printResults, printWriter)` type-checks every method of
 * a class with a SimpleVerifier and prints the errors (see there).
 */
export class CheckClassAdapter extends ClassVisitor {
  /** Whether methods are type-checked at their visitEnd (CheckMethodAdapter's data-flow mode). */
  private readonly checkDataFlow: boolean;
  /** The class version given to visit. */
  private version: number;
  private visitCalled: boolean;
  private visitModuleCalled: boolean;
  private visitSourceCalled: boolean;
  private visitOuterClassCalled: boolean;
  private visitNestHostCalled: boolean;
  /** The package of the nest members (JVMS §5.4.4: nest mates share a package); null: none yet. */
  private nestMemberPackageName: string | null;
  private visitEndCalled: boolean;
  /** The instruction index of every label visited so far, shared by all the class's methods. */
  private readonly labelInsnIndices: Map<Label, number>;
  /** The member visitors returned so far with a description, to check that each was ended. */
  private readonly members: { visitor: EndChecked; description: string }[];

  constructor(classVisitor: ClassVisitor | null, checkDataFlow?: boolean);
  constructor(api: number, classVisitor: ClassVisitor | null, checkDataFlow: boolean);
  constructor(...args: [ClassVisitor | null, boolean?] | [number, ClassVisitor | null, boolean]) {
    const withApi = typeof args[0] === 'number';
    super(withApi ? (args[0] as number) : Opcodes.ASM9, (withApi ? args[1] : args[0]) as ClassVisitor | null);
    if (!withApi && new.target !== CheckClassAdapter) {
      throw new IllegalStateException('subclasses of CheckClassAdapter must pass an api');
    }
    this.checkDataFlow = ((withApi ? args[2] : args[1]) as boolean | undefined) ?? true;
    this.version = 0;
    this.visitCalled = false;
    this.visitModuleCalled = false;
    this.visitSourceCalled = false;
    this.visitOuterClassCalled = false;
    this.visitNestHostCalled = false;
    this.nestMemberPackageName = null;
    this.visitEndCalled = false;
    this.labelInsnIndices = new Map();
    this.members = [];
  }

  // ## Static checks, public as in ASM

  static readonly checkClassSignature = checkClassSignature;
  static readonly checkMethodSignature = checkMethodSignature;
  static readonly checkFieldSignature = checkFieldSignature;
  static readonly checkAccess = checkAccess;
  static readonly checkFullyQualifiedName = checkFullyQualifiedName;
  static readonly checkTypeRef = checkTypeRef;

  // ## The class visit

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    if (this.visitCalled) {
      throw new IllegalStateException('visit must be called only once');
    }
    this.visitCalled = true;
    this.checkState();
    checkClassVersion(version);
    checkAccess(
      access,
      Opcodes.ACC_PUBLIC |
        Opcodes.ACC_FINAL |
        Opcodes.ACC_SUPER |
        Opcodes.ACC_INTERFACE |
        Opcodes.ACC_ABSTRACT |
        Opcodes.ACC_SYNTHETIC |
        Opcodes.ACC_ANNOTATION |
        Opcodes.ACC_ENUM |
        Opcodes.ACC_DEPRECATED |
        Opcodes.ACC_RECORD |
        Opcodes.ACC_MODULE,
    );
    if (name === null || name === undefined) {
      throw new IllegalArgumentException('Illegal class name (null)');
    }
    if (!name.endsWith('package-info') && !name.endsWith('module-info')) {
      checkInternalName(version, name, 'class name');
    }
    if (name === 'java/lang/Object') {
      if (superName !== null && superName !== undefined) {
        throw new IllegalArgumentException("The super class name of the Object class must be 'null'");
      }
    } else if (name.endsWith('module-info')) {
      if (superName !== null && superName !== undefined) {
        throw new IllegalArgumentException("The super class name of a module-info class must be 'null'");
      }
    } else {
      checkInternalName(version, superName, 'super class name');
    }
    if (signature !== null && signature !== undefined) {
      checkClassSignature(signature);
    }
    // JVMS §4.1: the super_class of an interface is java/lang/Object.
    if ((access & Opcodes.ACC_INTERFACE) !== 0 && superName !== 'java/lang/Object') {
      throw new IllegalArgumentException("The super class name of interfaces must be 'java/lang/Object'");
    }
    if (interfaces !== null && interfaces !== undefined) {
      for (let i = 0; i < interfaces.length; ++i) {
        checkInternalName(version, interfaces[i]!, `interface name at index ${i}`);
      }
    }
    this.version = version;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitSource(file: string | null, debug: string | null): void {
    this.checkState();
    if (this.visitSourceCalled) {
      throw new IllegalStateException('visitSource can be called only once.');
    }
    this.visitSourceCalled = true;
    super.visitSource(file, debug);
  }

  override visitModule(name: string, access: number, version: string | null): ModuleVisitor {
    this.checkState();
    if (this.visitModuleCalled) {
      throw new IllegalStateException('visitModule can be called only once.');
    }
    this.visitModuleCalled = true;
    checkFullyQualifiedName(this.version, name, 'module name');
    checkAccess(access, Opcodes.ACC_OPEN | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_MANDATED);
    const checkModuleAdapter = new CheckModuleAdapter(
      this.api,
      super.visitModule(name, access, version),
      (access & Opcodes.ACC_OPEN) !== 0,
    );
    checkModuleAdapter.classVersion = this.version;
    this.members.push({ visitor: checkModuleAdapter, description: `module ${name}` });
    return checkModuleAdapter;
  }

  override visitNestHost(nestHost: string): void {
    this.checkState();
    checkInternalName(this.version, nestHost, 'nestHost');
    if (this.visitNestHostCalled) {
      throw new IllegalStateException('visitNestHost can be called only once.');
    }
    // JVMS §4.7.28-29: a class has a NestHost or a NestMembers attribute, not both.
    if (this.nestMemberPackageName !== null) {
      throw new IllegalStateException('visitNestHost and visitNestMember are mutually exclusive.');
    }
    this.visitNestHostCalled = true;
    super.visitNestHost(nestHost);
  }

  override visitNestMember(nestMember: string): void {
    this.checkState();
    checkInternalName(this.version, nestMember, 'nestMember');
    if (this.visitNestHostCalled) {
      throw new IllegalStateException('visitMemberOfNest and visitNestHost are mutually exclusive.');
    }
    const packageName = packageNameOf(nestMember);
    if (this.nestMemberPackageName === null) {
      this.nestMemberPackageName = packageName;
    } else if (this.nestMemberPackageName !== packageName) {
      throw new IllegalStateException(`nest member ${nestMember} should be in the package ${this.nestMemberPackageName}`);
    }
    super.visitNestMember(nestMember);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    this.checkState();
    checkInternalName(this.version, permittedSubclass, 'permittedSubclass');
    super.visitPermittedSubclass(permittedSubclass);
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.checkState();
    if (this.visitOuterClassCalled) {
      throw new IllegalStateException('visitOuterClass can be called only once.');
    }
    this.visitOuterClassCalled = true;
    if (owner === null || owner === undefined) {
      throw new IllegalArgumentException('Illegal outer class owner');
    }
    if (descriptor !== null && descriptor !== undefined) {
      checkMethodDescriptor(this.version, descriptor);
    }
    super.visitOuterClass(owner, name, descriptor);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.checkState();
    checkInternalName(this.version, name, 'class name');
    if (outerName !== null && outerName !== undefined) {
      checkInternalName(this.version, outerName, 'outer class name');
    }
    if (innerName !== null && innerName !== undefined) {
      // javac names local classes `1Local`: the digits are skipped before the identifier check.
      let startIndex = 0;
      while (startIndex < innerName.length && isDigit(innerName.charCodeAt(startIndex))) {
        startIndex++;
      }
      if (startIndex === 0 || startIndex < innerName.length) {
        checkIdentifier(this.version, innerName, startIndex, -1, 'inner class name');
      }
    }
    checkAccess(
      access,
      Opcodes.ACC_PUBLIC |
        Opcodes.ACC_PRIVATE |
        Opcodes.ACC_PROTECTED |
        Opcodes.ACC_STATIC |
        Opcodes.ACC_FINAL |
        Opcodes.ACC_INTERFACE |
        Opcodes.ACC_ABSTRACT |
        Opcodes.ACC_SYNTHETIC |
        Opcodes.ACC_ANNOTATION |
        Opcodes.ACC_ENUM,
    );
    super.visitInnerClass(name, outerName, innerName, access);
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    this.checkState();
    checkUnqualifiedName(this.version, name, 'record component name');
    checkDescriptor(this.version, descriptor, false);
    if (signature !== null && signature !== undefined) {
      checkFieldSignature(signature);
    }
    const adapter = new CheckRecordComponentAdapter(this.api, super.visitRecordComponent(name, descriptor, signature));
    this.members.push({ visitor: adapter, description: `record component ${name}` });
    return adapter;
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor {
    this.checkState();
    checkAccess(
      access,
      Opcodes.ACC_PUBLIC |
        Opcodes.ACC_PRIVATE |
        Opcodes.ACC_PROTECTED |
        Opcodes.ACC_STATIC |
        Opcodes.ACC_FINAL |
        Opcodes.ACC_VOLATILE |
        Opcodes.ACC_TRANSIENT |
        Opcodes.ACC_SYNTHETIC |
        Opcodes.ACC_ENUM |
        Opcodes.ACC_MANDATED |
        Opcodes.ACC_DEPRECATED,
    );
    checkUnqualifiedName(this.version, name, 'field name');
    checkDescriptor(this.version, descriptor, false);
    if (signature !== null && signature !== undefined) {
      checkFieldSignature(signature);
    }
    if (value !== null && value !== undefined) {
      checkConstant(value);
    }
    const adapter = new CheckFieldAdapter(this.api, super.visitField(access, name, descriptor, signature, value));
    this.members.push({ visitor: adapter, description: `field ${name}` });
    return adapter;
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor {
    this.checkState();
    checkMethodAccess(
      this.version,
      access,
      Opcodes.ACC_PUBLIC |
        Opcodes.ACC_PRIVATE |
        Opcodes.ACC_PROTECTED |
        Opcodes.ACC_STATIC |
        Opcodes.ACC_FINAL |
        Opcodes.ACC_SYNCHRONIZED |
        Opcodes.ACC_BRIDGE |
        Opcodes.ACC_VARARGS |
        Opcodes.ACC_NATIVE |
        Opcodes.ACC_ABSTRACT |
        Opcodes.ACC_STRICT |
        Opcodes.ACC_SYNTHETIC |
        Opcodes.ACC_MANDATED |
        Opcodes.ACC_DEPRECATED,
    );
    if (name !== '<init>' && name !== '<clinit>') {
      checkMethodIdentifier(this.version, name, 'method name');
    }
    checkMethodDescriptor(this.version, descriptor);
    if (signature !== null && signature !== undefined) {
      checkMethodSignature(signature);
    }
    if (exceptions !== null && exceptions !== undefined) {
      for (let i = 0; i < exceptions.length; ++i) {
        checkInternalName(this.version, exceptions[i]!, `exception name at index ${i}`);
      }
    }
    let methodVisitor = super.visitMethod(access, name, descriptor, signature, exceptions);
    let checkMethodAdapter: CheckMethodAdapter;
    if (this.checkDataFlow) {
      if (this.cv instanceof ClassWriter) {
        // Lets the data-flow check know whether the writer computes max stack and locals.
        methodVisitor = new MethodWriterWrapper(this.api, this.version, this.cv, methodVisitor);
      }
      checkMethodAdapter = new CheckMethodAdapter(this.api, access, name, descriptor, methodVisitor, this.labelInsnIndices);
    } else {
      checkMethodAdapter = new CheckMethodAdapter(this.api, methodVisitor, this.labelInsnIndices);
    }
    checkMethodAdapter.version = this.version;
    // Beyond ASM (whose access is only known in data-flow mode): code in an abstract or native
    // method is caught by visitCode in both modes (JVMS §4.7.3).
    checkMethodAdapter.access = access;
    this.members.push({ visitor: checkMethodAdapter, description: `method ${name}${descriptor}` });
    return checkMethodAdapter;
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    this.checkState();
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitAnnotation(descriptor, visible));
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor {
    this.checkState();
    checkTypeRefSort(typeRef, [
      TypeReference.CLASS_TYPE_PARAMETER,
      TypeReference.CLASS_TYPE_PARAMETER_BOUND,
      TypeReference.CLASS_EXTENDS,
    ]);
    checkTypeRef(typeRef);
    checkDescriptor(this.version, descriptor, false);
    return new CheckAnnotationAdapter(super.visitTypeAnnotation(typeRef, typePath, descriptor, visible));
  }

  override visitAttribute(attribute: Attribute): void {
    this.checkState();
    if (attribute === null || attribute === undefined) {
      throw new IllegalArgumentException('Invalid attribute (must not be null)');
    }
    super.visitAttribute(attribute);
  }

  override visitEnd(): void {
    this.checkState();
    // Beyond ASM: every field, method, record component and module visitor handed out must have
    // been ended first, as the visitor contract requires.
    for (const { visitor, description } of this.members) {
      if (!visitor.isVisitEndCalled()) {
        throw new IllegalStateException(`visitEnd of ${description} must be called before the class's visitEnd`);
      }
    }
    this.visitEndCalled = true;
    super.visitEnd();
  }

  // ## Verification of a whole class

  /**
   * Type-checks every method of the class with an Analyzer over a SimpleVerifier, after reading
   * it through a CheckClassAdapter (without debug information). Each AnalyzerException is printed
   * to `printWriter` as `AnalyzerException: <message>`; with `printResults`, each method is also
   * printed with the frame before each instruction. ASM's ClassLoader argument is a
   * ClassHierarchy here (e.g. a ClassPath); without one (or with null), SimpleVerifier knows the
   * current JDK's classes, as ASM's default class loader does.
   */
  static verify(classReader: ClassReader, printResults: boolean, printWriter: PrintWriter): void;
  static verify(
    classReader: ClassReader,
    classHierarchy: ClassHierarchy | null,
    printResults: boolean,
    printWriter: PrintWriter,
  ): void;
  static verify(classReader: ClassReader, ...args: unknown[]): void {
    const classHierarchy = args.length >= 3 ? ((args[0] ?? null) as ClassHierarchy | null) : null;
    const printResults = (args.length >= 3 ? args[1] : args[0]) as boolean;
    const printWriter = (args.length >= 3 ? args[2] : args[1]) as PrintWriter;
    const classNode = new ClassNode();
    classReader.accept(new CheckClassAdapter(Opcodes.ASM9, classNode, false), ClassReader.SKIP_DEBUG);
    const superType = classNode.superName === null ? null : Type.getObjectType(classNode.superName);
    const interfaces = classNode.interfaces.map((name) => Type.getObjectType(name));
    for (const method of classNode.methods) {
      const verifier = new SimpleVerifier(
        Type.getObjectType(classNode.name),
        superType,
        interfaces,
        (classNode.access & Opcodes.ACC_INTERFACE) !== 0,
      );
      if (classHierarchy !== null) {
        verifier.setClassHierarchy(classHierarchy);
      }
      const analyzer = new Analyzer<BasicValue>(verifier);
      try {
        analyzer.analyze(classNode.name, method);
      } catch (error) {
        if (!(error instanceof AnalyzerException)) {
          throw error;
        }
        printWriter.write(`${error.name}: ${error.message}\n`);
      }
      if (printResults) {
        printAnalyzerResult(method, analyzer, printWriter);
      }
    }
    printWriter.flush?.();
  }

  // ## Helpers

  /** visit must have been called, visitEnd not yet. */
  private checkState(): void {
    if (!this.visitCalled) {
      throw new IllegalStateException('Cannot visit member before visit has been called.');
    }
    if (this.visitEndCalled) {
      throw new IllegalStateException('Cannot visit member after visitEnd has been called.');
    }
  }
}

/** JVMS §4.1: major 45 (1.0.2) up to the latest known; from 56 on the minor is 0 or 0xFFFF (preview). */
function checkClassVersion(version: number): void {
  const major = version & 0xffff;
  const minor = version >>> 16;
  if (!Number.isInteger(version) || major < 45 || major > Opcodes.V25) {
    throw new IllegalArgumentException(
      `Invalid class version: major ${major} (must be between 45 and ${Opcodes.V25}), version ${version}`,
    );
  }
  if (major >= Opcodes.V12 && minor !== 0 && minor !== 0xffff) {
    throw new IllegalArgumentException(
      `Invalid class version: minor ${minor} with major ${major} (must be 0, or 65535 for preview features)`,
    );
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The package of an internal name, '' in the unnamed package. */
function packageNameOf(name: string): string {
  const index = name.lastIndexOf('/');
  return index === -1 ? '' : name.substring(0, index);
}
