import type { AnnotationVisitor } from '../asm/annotation-visitor.js';
import type { Attribute } from '../asm/attribute.js';
import { ClassVisitor } from '../asm/class-visitor.js';
import type { FieldVisitor } from '../asm/field-visitor.js';
import type { ConstantValue } from '../asm/java-values.js';
import type { MethodVisitor } from '../asm/method-visitor.js';
import type { ModuleVisitor } from '../asm/module-visitor.js';
import { Opcodes } from '../asm/opcodes.js';
import type { RecordComponentVisitor } from '../asm/record-component-visitor.js';
import type { TypePath } from '../asm/type-path.js';
import { AnnotationRemapper } from './annotation-remapper.js';
import { FieldRemapper } from './field-remapper.js';
import { MethodRemapper } from './method-remapper.js';
import { ModuleHashesAttribute } from './module-hashes-attribute.js';
import { ModuleRemapper } from './module-remapper.js';
import { RecordComponentRemapper } from './record-component-remapper.js';
import type { Remapper } from './remapper.js';

/**
 * A ClassVisitor that remaps every type and member name of a class with a Remapper: header,
 * generic signatures, InnerClasses, EnclosingMethod, NestHost/NestMembers, PermittedSubclasses,
 * record components, fields (with their ConstantValue), methods and their code (through
 * MethodRemapper), annotations, the Module attributes and the module names of a
 * ModuleHashesAttribute (when read with that prototype).
 *
 * As in ASM, strings computed from class names are not remapped: string-switch hash codes, the
 * names compared in `$deserializeLambda$`, reflection arguments.
 *
 * Constructors: `(classVisitor, remapper)` (ASM9) or `(api, classVisitor, remapper)` for
 * subclasses. The `create*Remapper` factories can be overridden; ASM's deprecated one-argument
 * `createAnnotationRemapper(annotationVisitor)` is not provided.
 */
export class ClassRemapper extends ClassVisitor {
  /** The remapper applied to the visited class. */
  protected readonly remapper: Remapper;
  /** The internal name of the visited class, before remapping. */
  protected className: string;

  constructor(classVisitor: ClassVisitor | null, remapper: Remapper);
  constructor(api: number, classVisitor: ClassVisitor | null, remapper: Remapper);
  constructor(apiOrVisitor: number | ClassVisitor | null, visitorOrRemapper: ClassVisitor | Remapper | null, remapper?: Remapper) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9, (withApi ? visitorOrRemapper : apiOrVisitor) as ClassVisitor | null);
    this.remapper = (withApi ? remapper : visitorOrRemapper) as Remapper;
    this.className = null as unknown as string;
  }

  override visit(
    version: number,
    access: number,
    name: string,
    signature: string | null,
    superName: string | null,
    interfaces: string[] | null,
  ): void {
    this.className = name;
    super.visit(
      version,
      access,
      this.remapper.mapType(name),
      this.remapper.mapSignature(signature, false),
      this.remapper.mapType(superName),
      interfaces === null ? null : this.remapper.mapTypes(interfaces),
    );
  }

  override visitModule(name: string, access: number, version: string | null): ModuleVisitor | null {
    const moduleVisitor = super.visitModule(this.remapper.mapModuleName(name), access, version);
    return moduleVisitor === null ? null : this.createModuleRemapper(moduleVisitor);
  }

  override visitAnnotation(descriptor: string, visible: boolean): AnnotationVisitor | null {
    const annotationVisitor = super.visitAnnotation(this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  override visitTypeAnnotation(
    typeRef: number,
    typePath: TypePath | null,
    descriptor: string,
    visible: boolean,
  ): AnnotationVisitor | null {
    const annotationVisitor = super.visitTypeAnnotation(typeRef, typePath, this.remapper.mapDesc(descriptor), visible);
    return annotationVisitor === null ? null : this.createAnnotationRemapper(descriptor, annotationVisitor);
  }

  /** Remaps, in place as ASM does, the module names of a ModuleHashes attribute; other attributes pass unchanged. */
  override visitAttribute(attribute: Attribute): void {
    if (attribute instanceof ModuleHashesAttribute && attribute.modules !== null) {
      const modules = attribute.modules;
      for (let i = 0; i < modules.length; ++i) {
        modules[i] = this.remapper.mapModuleName(modules[i]!);
      }
    }
    super.visitAttribute(attribute);
  }

  override visitRecordComponent(name: string, descriptor: string, signature: string | null): RecordComponentVisitor | null {
    const recordComponentVisitor = super.visitRecordComponent(
      this.remapper.mapRecordComponentName(this.className, name, descriptor),
      this.remapper.mapDesc(descriptor),
      this.remapper.mapSignature(signature, true),
    );
    return recordComponentVisitor === null ? null : this.createRecordComponentRemapper(recordComponentVisitor);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | null = null,
  ): FieldVisitor | null {
    const fieldVisitor = super.visitField(
      access,
      this.remapper.mapFieldName(this.className, name, descriptor),
      this.remapper.mapDesc(descriptor),
      this.remapper.mapSignature(signature, true),
      value === null ? null : this.remapper.mapValue(value),
    );
    return fieldVisitor === null ? null : this.createFieldRemapper(fieldVisitor);
  }

  override visitMethod(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    exceptions: string[] | null = null,
  ): MethodVisitor | null {
    const remappedDescriptor = this.remapper.mapMethodDesc(descriptor);
    const methodVisitor = super.visitMethod(
      access,
      this.remapper.mapMethodName(this.className, name, descriptor),
      remappedDescriptor,
      this.remapper.mapSignature(signature, false),
      exceptions === null ? null : this.remapper.mapTypes(exceptions),
    );
    return methodVisitor === null ? null : this.createMethodRemapper(methodVisitor);
  }

  override visitInnerClass(name: string, outerName: string | null, innerName: string | null, access: number): void {
    super.visitInnerClass(
      this.remapper.mapType(name),
      outerName === null ? null : this.remapper.mapType(outerName),
      innerName === null ? null : this.remapper.mapInnerClassName(name, outerName, innerName),
      access,
    );
  }

  override visitOuterClass(owner: string, name: string | null, descriptor: string | null): void {
    super.visitOuterClass(
      this.remapper.mapType(owner),
      name === null ? null : this.remapper.mapMethodName(owner, name, descriptor as string),
      descriptor === null ? null : this.remapper.mapMethodDesc(descriptor),
    );
  }

  override visitNestHost(nestHost: string): void {
    super.visitNestHost(this.remapper.mapType(nestHost));
  }

  override visitNestMember(nestMember: string): void {
    super.visitNestMember(this.remapper.mapType(nestMember));
  }

  override visitPermittedSubclass(permittedSubclass: string): void {
    super.visitPermittedSubclass(this.remapper.mapType(permittedSubclass));
  }

  /** Creates the remapper for a field's visitor (FieldRemapper by default). */
  protected createFieldRemapper(fieldVisitor: FieldVisitor): FieldVisitor {
    return new FieldRemapper(this.api, fieldVisitor, this.remapper);
  }

  /** Creates the remapper for a method's visitor (MethodRemapper by default). */
  protected createMethodRemapper(methodVisitor: MethodVisitor): MethodVisitor {
    return new MethodRemapper(this.api, methodVisitor, this.remapper);
  }

  /** Creates the remapper for an annotation of type `descriptor` (AnnotationRemapper by default). */
  protected createAnnotationRemapper(descriptor: string | null, annotationVisitor: AnnotationVisitor): AnnotationVisitor {
    return new AnnotationRemapper(this.api, descriptor, annotationVisitor, this.remapper);
  }

  /** Creates the remapper for the module's visitor (ModuleRemapper by default). */
  protected createModuleRemapper(moduleVisitor: ModuleVisitor): ModuleVisitor {
    return new ModuleRemapper(this.api, moduleVisitor, this.remapper);
  }

  /** Creates the remapper for a record component's visitor (RecordComponentRemapper by default). */
  protected createRecordComponentRemapper(recordComponentVisitor: RecordComponentVisitor): RecordComponentVisitor {
    return new RecordComponentRemapper(this.api, recordComponentVisitor, this.remapper);
  }
}
