// # Classes declared in snippets: anonymous (JLS §15.9.5), local (§14.3) and local records (§8.10) —
// # the class file around the compiled members
//
// `new T(args) { members }` in a snippet of class C becomes a class C$N, `class L { … }` a class C$NL, as
// javac writes them:
// - `final synthetic` fields for the enclosing instance (`this$0`, in a non-static context) and for
//   each local variable of the enclosing code the body uses (`val$x`: they are effectively final,
//   JLS §15.9.5, so a copy made at creation is the variable);
// - an anonymous class's one package-private constructor taking the enclosing instance, the superclass
//   constructor's arguments, then the captured values: it stores the fields first (before super(…), as
//   javac does, so that an overridden method the superclass constructor calls sees them), calls the
//   superclass constructor the creation's arguments chose (JLS §15.9.5.1), then runs the body's field
//   initializers and instance initializers in order (a local class's constructors are its own, with the
//   same extra parameters after the declared ones: CodeGenerator.compileLocalConstructor);
// - InnerClasses (an entry with no outer class, and the simple name of a local class, JVMS §4.7.6),
//   EnclosingMethod (§4.7.7) and, where C heads its own nest (class files 55+), NestHost (§4.7.28) — C
//   then lists the class in its NestMembers — so that the body reaches C's private members as javac's
//   nestmates do;
// - bridge methods (JLS §15.12.4.5) where a body method overrides a method of a generic supertype at
//   another erasure (`compare(String, String)` for Comparator<String>'s `compare(Object, Object)`);
// - for a record, its implicit members (addRecordMembers).
// The members' code is compiled by the CodeGenerator (anonymousObject, localClass); this file holds what
// depends on the class alone.

import { Handle } from '../../asm/handle.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { ClassNode } from '../../tree/class-node.js';
import { FieldInsnNode } from '../../tree/field-insn-node.js';
import { FieldNode } from '../../tree/field-node.js';
import { InnerClassNode } from '../../tree/inner-class-node.js';
import { InsnNode } from '../../tree/insn-node.js';
import { LdcInsnNode } from '../../tree/ldc-insn-node.js';
import { InvokeDynamicInsnNode } from '../../tree/invoke-dynamic-insn-node.js';
import { MethodInsnNode } from '../../tree/method-insn-node.js';
import { MethodNode } from '../../tree/method-node.js';
import { RecordComponentNode } from '../../tree/record-component-node.js';
import { TypeInsnNode } from '../../tree/type-insn-node.js';
import { VarInsnNode } from '../../tree/var-insn-node.js';
import type { TypeEnvironment, MethodModel } from './class-model.js';
import { className } from './class-model.js';
import { CompileError, type SourcePosition } from './compile-error.js';
import type { GenericMembers } from './generic-members.js';
import { erasure, substitute, type TypeArgument } from './generic-type.js';
import { JavaType } from './java-type.js';

/** The name of the field holding the enclosing instance, as javac names it for a class nested once. */
export const OUTER_INSTANCE_FIELD = 'this$0';

/** The field holding the captured value of the enclosing code's variable `name`. */
export function capturedValueField(name: string): string {
  return `val$${name}`;
}

/** What the class file of an anonymous or local class says besides its members. */
export interface SnippetClassShape {
  readonly name: string;
  readonly version: number;
  readonly superName: string;
  readonly interfaces: readonly string[];
  /** The class Signature (JVMS §4.7.9.1) when the supertype is parameterized, else null. */
  readonly signature: string | null;
  /** The class whose code creates it. */
  readonly enclosingClass: string;
  /** The method whose code creates it, when known (EnclosingMethod's method_index is 0 otherwise). */
  readonly enclosingMethod: { readonly name: string; readonly descriptor: string } | null;
  /** The class of the enclosing instance; null in a static context. */
  readonly outerInstance: string | null;
  /** Its nest host (NestHost), or null when it heads a nest of its own. */
  readonly nestHost: string | null;
  /** A local class's simple name (its InnerClasses inner_name, JVMS §4.7.6); absent for an anonymous class. */
  readonly simpleName?: string;
  /** A local class's `final`/`abstract` (ACC_FINAL, ACC_ABSTRACT). */
  readonly access?: number;
}

/** The class with its `this$0` field and attributes, no members of the body yet. */
export function snippetClassNode(shape: SnippetClassShape): ClassNode {
  const node = new ClassNode();
  node.version = shape.version;
  node.access = Opcodes.ACC_SUPER | (shape.access ?? 0);
  node.name = shape.name;
  node.superName = shape.superName;
  node.interfaces = [...shape.interfaces];
  node.signature = shape.signature;
  node.outerClass = shape.enclosingClass;
  node.outerMethod = shape.enclosingMethod?.name ?? null;
  node.outerMethodDesc = shape.enclosingMethod?.descriptor ?? null;
  // JVMS §4.7.6: a local or anonymous class has no outer_class_info; an anonymous one no inner_name either
  // (javac gives it no flags; a local class its final/abstract).
  node.innerClasses.push(new InnerClassNode(shape.name, null, shape.simpleName ?? null, shape.access ?? 0));
  node.nestHostClass = shape.nestHost;
  if (shape.outerInstance !== null) {
    node.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, OUTER_INSTANCE_FIELD, `L${shape.outerInstance};`, null, null));
  }
  return node;
}

/** A captured variable of the enclosing code: its field and type. */
export interface CapturedValue {
  readonly field: string;
  readonly type: JavaType;
}

/**
 * The constructor's descriptor and the code it starts with: the fields set from its parameters, then
 * the superclass constructor called with the parameters in between (see the top of this file). The
 * caller appends the initializers and the return.
 */
export function anonymousConstructor(
  node: ClassNode,
  outerInstance: string | null,
  superDescriptor: string,
  captures: readonly CapturedValue[],
): { method: MethodNode; firstFreeSlot: number } {
  const superParameters = JavaType.methodTypes(superDescriptor).argumentTypes;
  const outer = outerInstance === null ? [] : [JavaType.classType(outerInstance)];
  const parameters = [...outer, ...superParameters, ...captures.map((c) => c.type)];
  const method = new MethodNode(Opcodes.ASM9, 0, '<init>', JavaType.methodDescriptor(parameters, JavaType.VOID), null, null);
  const code = method.instructions;
  const slots: number[] = [];
  let slot = 1;
  for (const type of parameters) {
    slots.push(slot);
    slot += type.size;
  }
  if (outerInstance !== null) {
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(new VarInsnNode(Opcodes.ALOAD, slots[0]!));
    code.add(new FieldInsnNode(Opcodes.PUTFIELD, node.name, OUTER_INSTANCE_FIELD, `L${outerInstance};`));
  }
  const firstCapture = outer.length + superParameters.length;
  captures.forEach((capture, i) => {
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(new VarInsnNode(capture.type.toAsmType().getOpcode(Opcodes.ILOAD), slots[firstCapture + i]!));
    code.add(new FieldInsnNode(Opcodes.PUTFIELD, node.name, capture.field, capture.type.descriptor()));
  });
  code.add(new VarInsnNode(Opcodes.ALOAD, 0));
  superParameters.forEach((type, i) => code.add(new VarInsnNode(type.toAsmType().getOpcode(Opcodes.ILOAD), slots[outer.length + i]!)));
  code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, node.superName!, '<init>', superDescriptor, false));
  return { method, firstFreeSlot: slot };
}

/** Whether a method takes part in overriding (JLS §8.4.8): not static, private or a constructor. */
function isOverridable(access: number, name: string): boolean {
  return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) === 0 && name !== '<init>' && name !== '<clinit>';
}

/**
 * Adds the bridge methods the body's methods need (JLS §15.12.4.5, as javac's TransTypes writes them):
 * for each method of a supertype that a body method overrides — its parameter types, as the anonymous
 * class's parameterized supertypes instantiate them, erase to the body method's — at another erasure,
 * a public synthetic bridge with the supertype's descriptor that casts its arguments and calls the
 * body method. `bodyMethods` are the methods the body declared (not the constructor).
 */
export function addBridges(env: TypeEnvironment, members: GenericMembers, node: ClassNode, bodyMethods: readonly MethodNode[]): void {
  const thisType = members.thisType(node.name);
  for (const method of bodyMethods) {
    if (!isOverridable(method.access, method.name)) continue;
    const own = JavaType.methodTypes(method.desc);
    for (const supertype of env.supertypes(node.name)) {
      const model = env.requireClass(supertype);
      for (const inherited of model.methods) {
        if (inherited.name !== method.name || inherited.descriptor === method.desc || !isOverridable(inherited.access, inherited.name)) continue;
        if (inherited.argumentTypes.length !== own.argumentTypes.length || inherited.isBridge) continue;
        if (!overridesAt(members, thisType, supertype, inherited, own.argumentTypes)) continue;
        if (node.methods.some((m) => m.name === inherited.name && m.desc === inherited.descriptor)) continue;
        node.methods.push(bridge(node.name, method, inherited, (node.access & Opcodes.ACC_INTERFACE) !== 0));
      }
    }
  }
}

/**
 * Whether a method of parameter types `parameters` overrides `inherited` of `supertype` (JLS §8.4.2):
 * the inherited parameter types, instantiated as the class's parameterized supertype says, erase to
 * them. A raw or non-generic supertype: its erasures themselves.
 */
function overridesAt(members: GenericMembers, thisType: ReturnType<GenericMembers['thisType']>, supertype: string, inherited: MethodModel, parameters: readonly JavaType[]): boolean {
  const signature = members.methodSignature(inherited, supertype);
  const asSuper = members.asSuper(thisType, supertype);
  let inheritedParameters: readonly JavaType[] = inherited.argumentTypes;
  if (signature !== null && signature.typeParameters.length === 0 && signature.parameters.length === parameters.length && asSuper !== null && asSuper.args.length > 0) {
    const bindings = new Map<string, TypeArgument>();
    members.typeParameterNames(supertype).forEach((name, i) => {
      const arg = asSuper.args[i];
      if (arg !== undefined) bindings.set(name, arg);
    });
    inheritedParameters = signature.parameters.map((p) => erasure(substitute(p, bindings)));
  }
  return inheritedParameters.every((type, i) => type === parameters[i]);
}

/** A bridge with `inherited`'s descriptor calling `method` of class `owner`. */
function bridge(owner: string, method: MethodNode, inherited: MethodModel, isInterface: boolean): MethodNode {
  const access = (method.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE;
  const result = new MethodNode(Opcodes.ASM9, access, inherited.name, inherited.descriptor, null, method.exceptions === null ? null : [...method.exceptions]);
  const target = JavaType.methodTypes(method.desc);
  const code = result.instructions;
  code.add(new VarInsnNode(Opcodes.ALOAD, 0));
  let slot = 1;
  inherited.argumentTypes.forEach((type, i) => {
    code.add(new VarInsnNode(type.toAsmType().getOpcode(Opcodes.ILOAD), slot));
    slot += type.size;
    const wanted = target.argumentTypes[i]!;
    if (wanted !== type && wanted.isReference()) code.add(new TypeInsnNode(Opcodes.CHECKCAST, wanted.isArray() ? wanted.descriptor() : wanted.internalName!));
  });
  // In an interface (a local interface's default method) the bridge is a default method too, calling through the interface.
  code.add(new MethodInsnNode(isInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, method.name, method.desc, isInterface));
  code.add(new InsnNode(inherited.returnType.toAsmType().getOpcode(Opcodes.IRETURN)));
  result.maxLocals = slot;
  result.maxStack = slot + 1;
  return result;
}

/**
 * JLS §8.1.1.1: a class that is not abstract must implement every abstract method it inherits. Checked
 * as the JVM selects methods (JVMS §5.4.6), by name and descriptor: a concrete method of the class or a
 * superclass, or a default method of a superinterface, implements it; otherwise the class would throw
 * AbstractMethodError when the method is called.
 */
export function checkImplementsAbstractMethods(env: TypeEnvironment, node: ClassNode, description: string, position: SourcePosition): void {
  const missing = unimplementedAbstractMethod(env, node);
  if (missing === null) return;
  const parameters = missing.method.argumentTypes.map((type) => type.toString()).join(',');
  throw new CompileError(`${description} is not abstract and does not override abstract method ${missing.method.name}(${parameters}) in ${className(missing.owner)}`, position);
}

/** An abstract method `node` inherits and does not implement (see checkImplementsAbstractMethods), or null. */
export function unimplementedAbstractMethod(env: TypeEnvironment, node: ClassNode): { readonly method: MethodModel; readonly owner: string } | null {
  const supertypes = env.supertypes(node.name);
  const concrete = new Set(node.methods.filter((m) => (m.access & Opcodes.ACC_ABSTRACT) === 0).map((m) => m.name + m.desc));
  for (const supertype of supertypes) {
    for (const method of env.requireClass(supertype).methods) {
      if (!method.isAbstract && !method.isStatic && (method.access & Opcodes.ACC_PRIVATE) === 0) concrete.add(method.name + method.descriptor);
    }
  }
  for (const supertype of supertypes) {
    for (const method of env.requireClass(supertype).methods) {
      if (!method.isAbstract || concrete.has(method.name + method.descriptor)) continue;
      return { method, owner: supertype };
    }
  }
  return null;
}

/** A component of a local record (JLS §8.10.1). */
export interface RecordComponent {
  readonly name: string;
  readonly type: JavaType;
  /** Its generic Signature, or null. */
  readonly signature: string | null;
}

/** java.lang.runtime.ObjectMethods.bootstrap, javac's bootstrap for a record's toString, hashCode and equals. */
const OBJECT_METHODS = new Handle(
  Opcodes.H_INVOKESTATIC,
  'java/lang/runtime/ObjectMethods',
  'bootstrap',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/TypeDescriptor;Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/invoke/MethodHandle;)Ljava/lang/Object;',
  false,
);

/**
 * The implicit members of a record (JLS §8.10.3): the Record attribute's components (JVMS §4.7.30), a
 * `private final` field and a public accessor per component, and `toString`, `hashCode` and `equals`
 * as javac writes them (an invokedynamic of ObjectMethods.bootstrap with the components' getters) —
 * each unless the body declares it.
 */
export function addRecordMembers(node: ClassNode, components: readonly RecordComponent[]): void {
  node.recordComponents = components.map((component) => new RecordComponentNode(component.name, component.type.descriptor(), component.signature));
  const declares = (name: string, descriptor: string) => node.methods.some((m) => m.name === name && m.desc === descriptor);
  for (const component of components) {
    const descriptor = component.type.descriptor();
    node.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, component.name, descriptor, component.signature, null));
    if (declares(component.name, `()${descriptor}`)) continue;
    const accessor = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC, component.name, `()${descriptor}`, component.signature === null ? null : `()${component.signature}`, null);
    accessor.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    accessor.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, node.name, component.name, descriptor));
    accessor.instructions.add(new InsnNode(component.type.toAsmType().getOpcode(Opcodes.IRETURN)));
    accessor.maxLocals = 1;
    accessor.maxStack = component.type.size;
    node.methods.push(accessor);
  }
  const bootstrapArguments = [
    Type.getObjectType(node.name),
    components.map((component) => component.name).join(';'),
    ...components.map((component) => new Handle(Opcodes.H_GETFIELD, node.name, component.name, component.type.descriptor(), false)),
  ];
  const self = `L${node.name};`;
  const objectMethod = (name: string, descriptor: string, indyDescriptor: string, returnOpcode: number, parameters: number) => {
    if (declares(name, descriptor)) return;
    const method = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, name, descriptor, null, null);
    for (let slot = 0; slot <= parameters; slot++) method.instructions.add(new VarInsnNode(Opcodes.ALOAD, slot));
    method.instructions.add(new InvokeDynamicInsnNode(name, indyDescriptor, OBJECT_METHODS, ...bootstrapArguments));
    method.instructions.add(new InsnNode(returnOpcode));
    method.maxLocals = parameters + 1;
    method.maxStack = parameters + 1;
    node.methods.push(method);
  };
  objectMethod('toString', '()Ljava/lang/String;', `(${self})Ljava/lang/String;`, Opcodes.ARETURN, 0);
  objectMethod('hashCode', '()I', `(${self})I`, Opcodes.IRETURN, 0);
  objectMethod('equals', '(Ljava/lang/Object;)Z', `(${self}Ljava/lang/Object;)Z`, Opcodes.IRETURN, 1);
}

/** The synthetic array of a local enum's constants, as javac names it. */
export const ENUM_VALUES_FIELD = '$VALUES';

/**
 * The implicit members of an enum (JLS §8.9.2, §8.9.3) as javac writes them: a `public static final` enum
 * field per constant, the `private static final synthetic $VALUES` array, `values()` (a clone of it),
 * `valueOf(String)` (Enum.valueOf) and the `private static synthetic $values()` that makes the array. The
 * static initializer (CodeGenerator.localClass) creates the constants, then sets $VALUES from $values().
 */
export function addEnumMembers(node: ClassNode, constants: readonly string[]): void {
  const self = `L${node.name};`;
  const array = `[${self}`;
  for (const constant of constants) {
    node.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_ENUM, constant, self, null, null));
  }
  node.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, ENUM_VALUES_FIELD, array, null, null));
  const values = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'values', `()${array}`, null, null);
  values.instructions.add(new FieldInsnNode(Opcodes.GETSTATIC, node.name, ENUM_VALUES_FIELD, array));
  values.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, array, 'clone', '()Ljava/lang/Object;', false));
  values.instructions.add(new TypeInsnNode(Opcodes.CHECKCAST, array));
  values.instructions.add(new InsnNode(Opcodes.ARETURN));
  values.maxStack = 1;
  node.methods.push(values);
  const valueOf = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, 'valueOf', `(Ljava/lang/String;)${self}`, null, null);
  valueOf.instructions.add(new LdcInsnNode(Type.getObjectType(node.name)));
  valueOf.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
  valueOf.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, 'java/lang/Enum', 'valueOf', '(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Enum;', false));
  valueOf.instructions.add(new TypeInsnNode(Opcodes.CHECKCAST, node.name));
  valueOf.instructions.add(new InsnNode(Opcodes.ARETURN));
  valueOf.maxStack = 2;
  valueOf.maxLocals = 1;
  node.methods.push(valueOf);
  const make = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, '$values', `()${array}`, null, null);
  make.instructions.add(new LdcInsnNode(constants.length));
  make.instructions.add(new TypeInsnNode(Opcodes.ANEWARRAY, node.name));
  constants.forEach((constant, i) => {
    make.instructions.add(new InsnNode(Opcodes.DUP));
    make.instructions.add(new LdcInsnNode(i));
    make.instructions.add(new FieldInsnNode(Opcodes.GETSTATIC, node.name, constant, self));
    make.instructions.add(new InsnNode(Opcodes.AASTORE));
  });
  make.instructions.add(new InsnNode(Opcodes.ARETURN));
  make.maxStack = 4;
  node.methods.push(make);
}
