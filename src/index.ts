// # classforge — the public API (`import … from 'classforge'`)
//
// ASM 9's names, one module per concept. Internal classes (SymbolTable, MethodWriter, Frame…) are not
// exported: they are implementation details of ClassReader/ClassWriter, as in ASM.

// ## Class-file bytes
export { ClassFormatError } from './classfile/class-format-error.js';

// ## The core visitor API (ASM's org.objectweb.asm)
export { Opcodes } from './asm/opcodes.js';
export { ClassReader } from './asm/class-reader.js';
export { ClassWriter } from './asm/class-writer.js';
export { UnknownClassError } from './asm/class-writer.js';
export type { ClassWriterOptions, ClassHierarchy } from './asm/class-writer.js';
export { ClassVisitor } from './asm/class-visitor.js';
export { MethodVisitor } from './asm/method-visitor.js';
export { FieldVisitor } from './asm/field-visitor.js';
export { AnnotationVisitor } from './asm/annotation-visitor.js';
export { RecordComponentVisitor } from './asm/record-component-visitor.js';
export { ModuleVisitor } from './asm/module-visitor.js';
export { Label } from './asm/label.js';
export { Type } from './asm/type.js';
export { Handle } from './asm/handle.js';
export { ConstantDynamic } from './asm/constant-dynamic.js';
export { Attribute } from './asm/attribute.js';
export { ByteVector } from './asm/byte-vector.js';
export { TypePath } from './asm/type-path.js';
export { TypeReference } from './asm/type-reference.js';
export { ClassTooLargeException } from './asm/class-too-large-exception.js';
export { MethodTooLargeException } from './asm/method-too-large-exception.js';
export { Float, Double, Byte, Short, Character } from './asm/java-values.js';
export type { ConstantValue } from './asm/java-values.js';
export type { AnnotationValue } from './asm/annotation-visitor.js';
export type { FrameElement } from './asm/method-visitor.js';
export { SignatureReader } from './asm/signature/signature-reader.js';
export { SignatureVisitor } from './asm/signature/signature-visitor.js';
export { SignatureWriter } from './asm/signature/signature-writer.js';

// ## The class path (directories, jars, the JDK runtime image), read without a JVM
export * from './classpath/index.js';

// ## The tree API (ASM's org.objectweb.asm.tree)
export * from './tree/index.js';

// ## Printing (ASM's org.objectweb.asm.util)
export * from './util/index.js';

// ## Data-flow analysis and verification (ASM's org.objectweb.asm.tree.analysis, plus HotSpot's type checker)
export * from './analysis/index.js';

// ## Adapters (ASM's org.objectweb.asm.commons)
export * from './commons/index.js';

// ## Transforms (defineTransform modules; the pipeline behind `classforge transform`)
export * from './transform/index.js';
