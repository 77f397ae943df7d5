// # classforge/source — Javassist's API: ClassPool, CtClass, CtMethod… with Java source snippets
//
//   const pool = ClassPool.getDefault().appendClassPath('build/classes');
//   const cc = pool.get('com.acme.Service');
//   cc.getDeclaredMethod('handle').insertBefore('System.out.println("handle " + $1);');
//   await cc.writeFile('out');
//
// Snippets are compiled by classforge's own Java compiler (src/source/compiler/), not javac. Importing
// `source(ctClass, ctx)` transforms (DESIGN.md contract 3) get their CtClass from here too.

export type { AnnotationElementValue, AnnotationEntry, AnnotationValues } from './annotation-values.js';
export { CannotCompileException } from './cannot-compile-exception.js';
export { ByteArrayClassPath } from './byte-array-class-path.js';
export { ClassMap } from './class-map.js';
export { CodeConverter } from './code-converter.js';
export { ClassPool } from './class-pool.js';
export { CtClass, CtPrimitiveType } from './ct-class.js';
export { CtBehavior } from './ct-behavior.js';
export { CtConstructor } from './ct-constructor.js';
export { CtField } from './ct-field.js';
export type { Initializer as CtFieldInitializer } from './field-initializer.js';
export { ConstParameter } from './const-parameter.js';
export { CtMember } from './ct-member.js';
export { CtMethod } from './ct-method.js';
export { CtNewConstructor } from './ct-new-constructor.js';
export { CtNewMethod } from './ct-new-method.js';
export { Cast, ConstructorCall, Expr, FieldAccess, Handler, Instanceof, MethodCall, NewArray, NewExpr } from './expr.js';
export { ExprEditor, type ExprEditorLike } from './expr-editor.js';
export { Modifier } from './modifier.js';
export { NotFoundException } from './not-found-exception.js';
export { runSourceTransform } from './run-source-transform.js';
export { SerialVersionUID } from './serial-version-uid.js';
export { ClassFile, FieldInfo, MethodInfo } from './bytecode/member-info.js';
export { AnnotationsAttribute, AttributeInfo, CodeAttribute, ExceptionTable, LineNumberAttribute, LocalVariableAttribute, LocalVariableTypeAttribute, MethodParametersAttribute } from './bytecode/attributes.js';
export { ConstPool } from './bytecode/const-pool.js';
export { InstructionPrinter, type InstructionPrinterOutput } from './bytecode/instruction-printer.js';
export {
  AnnotationDefaultAttribute,
  ConstantAttribute,
  DeprecatedAttribute,
  EnclosingMethodAttribute,
  InnerClassesAttribute,
  NestHostAttribute,
  NestMembersAttribute,
  SourceFileAttribute,
} from './bytecode/class-file-attributes.js';
export { ByteArray } from './bytecode/byte-array.js';
export { ParameterAnnotationsAttribute } from './bytecode/parameter-annotations-attribute.js';
export { ExceptionsAttribute } from './bytecode/exceptions-attribute.js';
export { StackMapTable, type StackMapTableOutput } from './bytecode/stack-map-table.js';
export { BootstrapMethod, BootstrapMethodsAttribute } from './bytecode/bootstrap-methods-attribute.js';
export { AccessFlag } from './bytecode/access-flag.js';
export { CodeIterator, type Gap } from './bytecode/code-iterator.js';
export { Bytecode } from './bytecode/bytecode.js';
export { Descriptor } from './bytecode/descriptor.js';
export { BadBytecode, SignatureAttribute } from './bytecode/signature-attribute.js';
export { Mnemonic, Opcode } from './bytecode/mnemonic.js';
export {
  Annotation,
  AnnotationMemberValue,
  ArrayMemberValue,
  BooleanMemberValue,
  ByteMemberValue,
  CharMemberValue,
  ClassMemberValue,
  DoubleMemberValue,
  EnumMemberValue,
  FloatMemberValue,
  IntegerMemberValue,
  LongMemberValue,
  MemberValue,
  ShortMemberValue,
  StringMemberValue,
} from './bytecode/annotation.js';
