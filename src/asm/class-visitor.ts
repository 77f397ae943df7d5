import type { AnnotationVisitor } from './annotation-visitor.js';
import type { Attribute } from './attribute.js';
import { checkApi } from './constants.js';
import type { FieldVisitor } from './field-visitor.js';
import { UnsupportedOperationException } from './java-exceptions.js';
import type { ConstantValue } from './java-values.js';
import type { MethodVisitor } from './method-visitor.js';
import type { ModuleVisitor } from './module-visitor.js';
import { Opcodes } from './opcodes.js';
import type { RecordComponentVisitor } from './record-component-visitor.js';
import type { TypePath } from './type-path.js';

/**
 * Visits a class (JVMS §4.1). Calls come in the order:
 * visit [visitSource] [visitModule] [visitNestHost] [visitOuterClass]
 * (visitAnnotation | visitTypeAnnotation | visitAttribute)*
 * (visitNestMember | visitPermittedSubclass | visitInnerClass | visitRecordComponent |
 * visitField | visitMethod)* visitEnd.
 *
 * Subclass it and call `super` to forward events to the delegate `cv`; methods that return a
 * visitor return null when there is no delegate.
 */
export class ClassVisitor {
  /** The ASM API level implemented by this visitor (one of Opcodes.ASM4…ASM9). */
  readonly api: number;
  /** The visitor to which events are forwarded, or null. */
  cv: ClassVisitor | null;

  constructor(api: number, classVisitor: ClassVisitor | null = null) {
    checkApi(api);
    this.api = api;
    this.cv = classVisitor;
  }

  /** The visitor to which this one forwards its events, or null. */
  getDelegate(): ClassVisitor | null {
    return this.cv;
  }

  /**
   * Visits the class header. `version` holds the minor version in its high 16 bits and the major
   * version in its low 16 bits; `access` may include ASM's ACC_DEPRECATED and ACC_RECORD.
   */
  visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    if (this.api < Opcodes.ASM8 && (access & Opcodes.ACC_RECORD) !== 0) {
      throw new UnsupportedOperationException('Records requires ASM8');
    }
    if (this.cv !== null) {
      this.cv.visit(version, access, name, signature, superName, interfaces);
    }
  }

  /** Visits the SourceFile (JVMS §4.7.10) and SourceDebugExtension (§4.7.11) values. */
  visitSource(source: string | null, debug: string | null): void {
    if (this.cv !== null) {
      this.cv.visitSource(source, debug);
    }
  }

  /** Visits the Module attribute (JVMS §4.7.25): dotted module name, flags, version or null. */
  visitModule(name: string, access: number, version: string | null): ModuleVisitor | null {
    if (this.api < Opcodes.ASM6) {
      throw new UnsupportedOperationException('Module requires ASM6');
    }
    if (this.cv !== null) {
      return this.cv.visitModule(name, access, version);
    }
    return null;
  }

  /** Visits the NestHost attribute (JVMS §4.7.28). */
  visitNestHost(nestHost: string): void {
    if (this.api < Opcodes.ASM7) {
      throw new UnsupportedOperationException('NestHost requires ASM7');
    }
    if (this.cv !== null) {
      this.cv.visitNestHost(nestHost);
    }
  }

  /**
   * Visits the EnclosingMethod attribute (JVMS §4.7.7); name and descriptor are null when the
   * class is not enclosed in a method.
   */
  visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    if (this.cv !== null) {
      this.cv.visitOuterClass(owner, name, descriptor);
    }
  }

  /** Visits an annotation of the class (JVMS §4.7.16, §4.7.17). */
  visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    if (this.cv !== null) {
      return this.cv.visitAnnotation(descriptor, visible);
    }
    return null;
  }

  /**
   * Visits an annotation on a type in the class signature (JVMS §4.7.20): typeRef's sort is
   * CLASS_TYPE_PARAMETER, CLASS_TYPE_PARAMETER_BOUND or CLASS_EXTENDS.
   */
  visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    if (this.api < Opcodes.ASM5) {
      throw new UnsupportedOperationException('TypeAnnotation requires ASM5');
    }
    if (this.cv !== null) {
      return this.cv.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
    }
    return null;
  }

  /** Visits a non-standard attribute of the class. */
  visitAttribute(attribute: Attribute): void {
    if (this.cv !== null) {
      this.cv.visitAttribute(attribute);
    }
  }

  /** Visits a member of the nest this class hosts (JVMS §4.7.29). */
  visitNestMember(nestMember: string): void {
    if (this.api < Opcodes.ASM7) {
      throw new UnsupportedOperationException('NestMember requires ASM7');
    }
    if (this.cv !== null) {
      this.cv.visitNestMember(nestMember);
    }
  }

  /** Visits a permitted subclass (JVMS §4.7.31). */
  visitPermittedSubclass(permittedSubclass: string): void {
    if (this.api < Opcodes.ASM9) {
      throw new UnsupportedOperationException('PermittedSubclasses requires ASM9');
    }
    if (this.cv !== null) {
      this.cv.visitPermittedSubclass(permittedSubclass);
    }
  }

  /**
   * Visits an InnerClasses entry (JVMS §4.7.6); outerName is null for local and anonymous
   * classes, innerName null for anonymous ones.
   */
  visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    if (this.cv !== null) {
      this.cv.visitInnerClass(name, outerName, innerName, access);
    }
  }

  /** Visits a record component (JVMS §4.7.30). */
  visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor | null {
    if (this.api < Opcodes.ASM8) {
      throw new UnsupportedOperationException('Record requires ASM8');
    }
    if (this.cv !== null) {
      return this.cv.visitRecordComponent(name, descriptor, signature);
    }
    return null;
  }

  /**
   * Visits a field (JVMS §4.5). `value` is its ConstantValue (JVMS §4.7.2) or null; `access` may
   * include ACC_DEPRECATED.
   */
  visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | boolean | null = null,
  ): FieldVisitor | null {
    if (this.cv !== null) {
      return this.cv.visitField(access, name, descriptor, signature, value as ConstantValue | null);
    }
    return null;
  }

  /**
   * Visits a method (JVMS §4.6). Must return a new visitor (or null) on every call.
   * `exceptions` are internal names, or null.
   */
  visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    if (this.cv !== null) {
      return this.cv.visitMethod(access, name, descriptor, signature, exceptions);
    }
    return null;
  }

  /** Visits the end of the class. */
  visitEnd(): void {
    if (this.cv !== null) {
      this.cv.visitEnd();
    }
  }
}
