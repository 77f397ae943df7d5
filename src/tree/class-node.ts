import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import type { ModuleVisitor } from '../asm/module-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import { Opcodes } from '../asm/opcodes.js';
import type { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationNode } from './annotation-node.js';
import { FieldNode } from './field-node.js';
import { InnerClassNode } from './inner-class-node.js';
import { MethodNode } from './method-node.js';
import { ModuleNode } from './module-node.js';
import { RecordComponentNode } from './record-component-node.js';
import { TypeAnnotationNode } from './type-annotation-node.js';
import { UnsupportedClassVersionException } from './unsupported-class-version-exception.js';
import { Util } from './util.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

/**
 * A node that represents a class (a ClassFile structure, JVMS §4.1): a ClassVisitor that records
 * what it visits, and replays it with `accept`.
 */
export class ClassNode extends ClassVisitor {
  /** The class file version: minor version in the 16 high bits, major version in the 16 low bits. */
  version: number;

  /** The class's access flags; also tells whether the class is deprecated (ACC_DEPRECATED) or a record (ACC_RECORD). */
  access: number;

  /** The internal name of this class. */
  name: string;

  /** The generic signature of this class. May be null. */
  signature: string | null;

  /** The internal name of the super class; null only for java/lang/Object (and module-info). */
  superName: string | null;

  /** The internal names of the interfaces directly implemented by this class. */
  interfaces: string[];

  /** The name of the source file this class was compiled from. May be null. */
  sourceFile: string | null;

  /** The SourceDebugExtension of this class (JVMS §4.7.11). May be null. */
  sourceDebug: string | null;

  /** The module declared by this class (module-info). May be null. */
  module: ModuleNode | null;

  /** The internal name of the enclosing class of a local or anonymous class; null otherwise. */
  outerClass: string | null;

  /** The name of the method enclosing this local or anonymous class; null if none (JVMS §4.7.7). */
  outerMethod: string | null;

  /** The descriptor of the method enclosing this local or anonymous class; null if none. */
  outerMethodDesc: string | null;

  /** The runtime visible annotations of this class. May be null. */
  visibleAnnotations: AnnotationNode[] | null;

  /** The runtime invisible annotations of this class. May be null. */
  invisibleAnnotations: AnnotationNode[] | null;

  /** The runtime visible type annotations of this class. May be null. */
  visibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The runtime invisible type annotations of this class. May be null. */
  invisibleTypeAnnotations: TypeAnnotationNode[] | null;

  /** The non standard attributes of this class. May be null. */
  attrs: Attribute[] | null;

  /** The inner classes entries of this class (InnerClasses attribute). */
  innerClasses: InnerClassNode[];

  /** The internal name of the nest host of this class. May be null. */
  nestHostClass: string | null;

  /** The internal names of the nest members of this class. May be null. */
  nestMembers: string[] | null;

  /** The internal names of the permitted subclasses of this sealed class. May be null. */
  permittedSubclasses: string[] | null;

  /** The record components of this class. May be null. */
  recordComponents: RecordComponentNode[] | null;

  /** The fields of this class. */
  fields: FieldNode[];

  /** The methods of this class. */
  methods: MethodNode[];

  /** `new ClassNode()` (ClassNode itself only) or `new ClassNode(api)` (the form subclasses must use). */
  constructor(api?: number) {
    super(api === undefined ? Opcodes.ASM9 : api);
    if (api === undefined && new.target !== ClassNode) {
      throw new IllegalStateException('subclasses of ClassNode must pass an api');
    }
    this.version = 0;
    this.access = 0;
    this.name = null as unknown as string;
    this.signature = null;
    this.superName = null;
    this.interfaces = [];
    this.sourceFile = null;
    this.sourceDebug = null;
    this.module = null;
    this.outerClass = null;
    this.outerMethod = null;
    this.outerMethodDesc = null;
    this.visibleAnnotations = null;
    this.invisibleAnnotations = null;
    this.visibleTypeAnnotations = null;
    this.invisibleTypeAnnotations = null;
    this.attrs = null;
    this.innerClasses = [];
    this.nestHostClass = null;
    this.nestMembers = null;
    this.permittedSubclasses = null;
    this.recordComponents = null;
    this.fields = [];
    this.methods = [];
  }

  // ## Implementation of ClassVisitor

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    this.version = version;
    this.access = access;
    this.name = name;
    this.signature = signature;
    this.superName = superName;
    this.interfaces = Util.asArrayList(interfaces);
  }

  override visitSource(file: string | null, debug: string | null): void {
    this.sourceFile = file;
    this.sourceDebug = debug;
  }

  override visitModule(name: string, access: number, version: string | null): ModuleVisitor {
    this.module = new ModuleNode(name, access, version);
    return this.module;
  }

  override visitNestHost(nestHost: string): void {
    this.nestHostClass = nestHost;
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    this.outerClass = owner;
    this.outerMethod = name;
    this.outerMethodDesc = descriptor;
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor {
    const annotation = new AnnotationNode(descriptor);
    if (visible) {
      this.visibleAnnotations = Util.add(this.visibleAnnotations, annotation);
    } else {
      this.invisibleAnnotations = Util.add(this.invisibleAnnotations, annotation);
    }
    return annotation;
  }

  override visitTypeAnnotation(typeRef: number, typePath: TypePath | null, descriptor: string, visible: boolean): AnnotationVisitor {
    const typeAnnotation = new TypeAnnotationNode(typeRef, typePath, descriptor);
    if (visible) {
      this.visibleTypeAnnotations = Util.add(this.visibleTypeAnnotations, typeAnnotation);
    } else {
      this.invisibleTypeAnnotations = Util.add(this.invisibleTypeAnnotations, typeAnnotation);
    }
    return typeAnnotation;
  }

  override visitAttribute(attribute: Attribute): void {
    this.attrs = Util.add(this.attrs, attribute);
  }

  override visitNestMember(nestMember: string): void {
    this.nestMembers = Util.add(this.nestMembers, nestMember);
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    this.permittedSubclasses = Util.add(this.permittedSubclasses, permittedSubclass);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    this.innerClasses.push(new InnerClassNode(name, outerName, innerName, access));
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor {
    const recordComponent = new RecordComponentNode(name, descriptor, signature);
    this.recordComponents = Util.add(this.recordComponents, recordComponent);
    return recordComponent;
  }

  override visitField(access: number, name: string, descriptor: string, signature: string | null = null, value: ConstantValue | null = null): FieldVisitor {
    const field = new FieldNode(access, name, descriptor, signature, value);
    this.fields.push(field);
    return field;
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor {
    const method = new MethodNode(access, name, descriptor, signature, exceptions);
    this.methods.push(method);
    return method;
  }

  override visitEnd(): void {
    // Nothing to do.
  }

  // ## Accept methods

  /**
   * Throws UnsupportedClassVersionException if this class, or anything in it, uses features that
   * came after the given ASM API level (sealed classes: ASM9, records: ASM8, nests: ASM7,
   * modules: ASM6, type annotations: ASM5).
   */
  check(api: number): void {
    if (api < Opcodes.ASM9 && this.permittedSubclasses !== null) {
      throw new UnsupportedClassVersionException();
    }
    if (api < Opcodes.ASM8 && ((this.access & Opcodes.ACC_RECORD) !== 0 || this.recordComponents !== null)) {
      throw new UnsupportedClassVersionException();
    }
    if (api < Opcodes.ASM7 && (this.nestHostClass !== null || this.nestMembers !== null)) {
      throw new UnsupportedClassVersionException();
    }
    if (api < Opcodes.ASM6 && this.module !== null) {
      throw new UnsupportedClassVersionException();
    }
    if (api < Opcodes.ASM5) {
      if (this.visibleTypeAnnotations !== null && this.visibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
      if (this.invisibleTypeAnnotations !== null && this.invisibleTypeAnnotations.length > 0) {
        throw new UnsupportedClassVersionException();
      }
    }
    if (this.visibleAnnotations !== null) {
      for (let i = this.visibleAnnotations.length - 1; i >= 0; --i) this.visibleAnnotations[i]!.check(api);
    }
    if (this.invisibleAnnotations !== null) {
      for (let i = this.invisibleAnnotations.length - 1; i >= 0; --i) this.invisibleAnnotations[i]!.check(api);
    }
    if (this.visibleTypeAnnotations !== null) {
      for (let i = this.visibleTypeAnnotations.length - 1; i >= 0; --i) this.visibleTypeAnnotations[i]!.check(api);
    }
    if (this.invisibleTypeAnnotations !== null) {
      for (let i = this.invisibleTypeAnnotations.length - 1; i >= 0; --i) this.invisibleTypeAnnotations[i]!.check(api);
    }
    if (this.recordComponents !== null) {
      for (let i = this.recordComponents.length - 1; i >= 0; --i) this.recordComponents[i]!.check(api);
    }
    for (let i = this.fields.length - 1; i >= 0; --i) this.fields[i]!.check(api);
    for (let i = this.methods.length - 1; i >= 0; --i) this.methods[i]!.check(api);
  }

  /** Makes `classVisitor` visit this class, in ASM's event order. */
  accept(classVisitor: ClassVisitor): void {
    // Visit the header.
    classVisitor.visit(this.version, this.access, this.name, this.signature, this.superName, this.interfaces.slice());
    // Visit the source.
    if (this.sourceFile !== null || this.sourceDebug !== null) {
      classVisitor.visitSource(this.sourceFile, this.sourceDebug);
    }
    // Visit the module.
    if (this.module !== null) {
      this.module.accept(classVisitor);
    }
    // Visit the nest host class.
    if (this.nestHostClass !== null) {
      classVisitor.visitNestHost(this.nestHostClass);
    }
    // Visit the outer class.
    if (this.outerClass !== null) {
      classVisitor.visitOuterClass(this.outerClass, this.outerMethod, this.outerMethodDesc);
    }
    // Visit the annotations.
    if (this.visibleAnnotations !== null) {
      for (let i = 0, n = this.visibleAnnotations.length; i < n; ++i) {
        const annotation = this.visibleAnnotations[i]!;
        annotation.accept(classVisitor.visitAnnotation(annotation.desc as string, true));
      }
    }
    if (this.invisibleAnnotations !== null) {
      for (let i = 0, n = this.invisibleAnnotations.length; i < n; ++i) {
        const annotation = this.invisibleAnnotations[i]!;
        annotation.accept(classVisitor.visitAnnotation(annotation.desc as string, false));
      }
    }
    if (this.visibleTypeAnnotations !== null) {
      for (let i = 0, n = this.visibleTypeAnnotations.length; i < n; ++i) {
        const typeAnnotation = this.visibleTypeAnnotations[i]!;
        typeAnnotation.accept(
          classVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, true),
        );
      }
    }
    if (this.invisibleTypeAnnotations !== null) {
      for (let i = 0, n = this.invisibleTypeAnnotations.length; i < n; ++i) {
        const typeAnnotation = this.invisibleTypeAnnotations[i]!;
        typeAnnotation.accept(
          classVisitor.visitTypeAnnotation(typeAnnotation.typeRef, typeAnnotation.typePath, typeAnnotation.desc as string, false),
        );
      }
    }
    // Visit the non standard attributes.
    if (this.attrs !== null) {
      for (let i = 0, n = this.attrs.length; i < n; ++i) {
        classVisitor.visitAttribute(this.attrs[i]!);
      }
    }
    // Visit the nest members.
    if (this.nestMembers !== null) {
      for (let i = 0, n = this.nestMembers.length; i < n; ++i) {
        classVisitor.visitNestMember(this.nestMembers[i]!);
      }
    }
    // Visit the permitted subclasses.
    if (this.permittedSubclasses !== null) {
      for (let i = 0, n = this.permittedSubclasses.length; i < n; ++i) {
        classVisitor.visitPermittedSubclass(this.permittedSubclasses[i]!);
      }
    }
    // Visit the inner classes.
    for (let i = 0, n = this.innerClasses.length; i < n; ++i) {
      this.innerClasses[i]!.accept(classVisitor);
    }
    // Visit the record components.
    if (this.recordComponents !== null) {
      for (let i = 0, n = this.recordComponents.length; i < n; ++i) {
        this.recordComponents[i]!.accept(classVisitor);
      }
    }
    // Visit the fields.
    for (let i = 0, n = this.fields.length; i < n; ++i) {
      this.fields[i]!.accept(classVisitor);
    }
    // Visit the methods.
    for (let i = 0, n = this.methods.length; i < n; ++i) {
      this.methods[i]!.accept(classVisitor);
    }
    classVisitor.visitEnd();
  }
}
