// # Advice: Byte Buddy's Advice, applied by classforge
//
// An advice class is plain Java, compiled by javac against Byte Buddy's annotations: a static method
// annotated @Advice.OnMethodEnter runs at the start of each advised method, one annotated
// @Advice.OnMethodExit at each of its exits; their parameters are bound to the method's values
// (@Advice.This, @Advice.Argument, @Advice.AllArguments, @Advice.Origin, @Advice.Enter,
// @Advice.Return, @Advice.Thrown, @Advice.Local, @Advice.Unused). As in Byte Buddy, the advice code is
// copied into the advised methods (inline = true, the default), so the advice class need not be on
// the application's class path; with inline = false it is called instead, and must be.
//
//   const timing = Advice.to(ctx.classPath.getClassBytes('com/acme/TimingAdvice'));
//   export default defineTransform({ name: 'timing', visitor: (next) => timing.on((m) => m.name.startsWith('handle')).wrap(next) });
//
// classforge never loads the advice class, and Byte Buddy is needed only to compile it.

import { ClassReader } from '../../asm/class-reader.js';
import { ClassVisitor } from '../../asm/class-visitor.js';
import type { MethodVisitor } from '../../asm/method-visitor.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { ClassNode } from '../../tree/class-node.js';
import { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import type { InvokeDynamicInsnNode } from '../../tree/invoke-dynamic-insn-node.js';
import { Handle } from '../../asm/handle.js';
import { ConstantDynamic } from '../../asm/constant-dynamic.js';
import type { LdcInsnNode } from '../../tree/ldc-insn-node.js';
import type { MethodInsnNode } from '../../tree/method-insn-node.js';
import type { FieldInsnNode } from '../../tree/field-insn-node.js';
import { AdviceMethodVisitor } from './advice-method-visitor.js';
import { type AdviceConstant, type AdviceMethod, type CustomBinding, type CustomBindings, adviceError, adviceKindOf, readAdviceMethod } from './advice-method.js';
import type { AdvisedMethod } from './origin-text.js';
import { type AdvisedField, type FieldLookup, fieldLookup } from './advised-fields.js';
import type { ClassPath } from '../../classpath/class-path.js';
import type { FieldVisitor } from '../../asm/field-visitor.js';
import type { ConstantValue } from '../../asm/java-values.js';

export type { AdvisedMethod } from './origin-text.js';
export type { AdvisedField, FieldLookup } from './advised-fields.js';
export type { AdviceConstant, AdviceEnumConstant } from './advice-method.js';

/** Selects the methods an advice applies to (Byte Buddy's ElementMatcher<MethodDescription>). */
export type AdvisedMethodMatcher = (method: AdvisedMethod) => boolean;

export class Advice {
  /** The advice class's internal name. */
  readonly adviceClass: string;
  private readonly enter: AdviceMethod | null;
  private readonly exit: AdviceMethod | null;
  /** The lowest class file major version the advice's code can be copied into (invokedynamic: 51). */
  private readonly minimumMajorVersion: number;

  private constructor(adviceClass: string, enter: AdviceMethod | null, exit: AdviceMethod | null) {
    this.adviceClass = adviceClass;
    this.enter = enter;
    this.exit = exit;
    let minimum = 0;
    for (const advice of [enter, exit]) {
      if (advice === null || !advice.inline) continue;
      for (let insn = advice.node.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
        if (insn.getType() === AbstractInsnNode.INVOKE_DYNAMIC_INSN) {
          minimum = Math.max(minimum, Opcodes.V1_7);
          checkPortableInvokeDynamic(advice, insn as InvokeDynamicInsnNode);
        } else if (insn.getType() === AbstractInsnNode.LDC_INSN) {
          minimum = Math.max(minimum, ldcMinimumVersion((insn as LdcInsnNode).cst));
        }
      }
    }
    this.minimumMajorVersion = minimum;
  }

  /**
   * Reads an advice class (its class file bytes, or a ClassNode): Byte Buddy's Advice.to(Class). Throws
   * IllegalStateException when it has no advice method, two of a kind, or an advice Byte Buddy would
   * refuse (a non-static method, a parameter it cannot bind, a write to a read-only parameter…).
   */
  static to(advice: Uint8Array | ClassNode): Advice {
    return Advice.read(advice, new Map());
  }

  /**
   * Byte Buddy's Advice.withCustomMapping(): `Advice.withCustomMapping().bind('com.acme.Level', 'debug').to(bytes)`
   * gives every advice parameter annotated @com.acme.Level (an annotation of yours, RUNTIME-retained) the
   * value 'debug': a way to configure inlined advice, which cannot read a transform's state.
   */
  static withCustomMapping(): AdviceCustomMapping {
    return new AdviceCustomMapping(new Map());
  }

  /** @internal Advice.to with custom bindings (by annotation descriptor). */
  static read(advice: Uint8Array | ClassNode, customBindings: CustomBindings): Advice {
    let node: ClassNode;
    if (advice instanceof ClassNode) {
      node = advice;
    } else {
      node = new ClassNode();
      new ClassReader(advice).accept(node, 0);
    }
    const name = Type.getObjectType(node.name).getClassName();
    const isInterface = (node.access & Opcodes.ACC_INTERFACE) !== 0;
    let enter: AdviceMethod | null = null;
    let exit: AdviceMethod | null = null;
    for (const method of node.methods) {
      for (const { kind, annotation } of adviceKindOf(method)) {
        const read = readAdviceMethod(node.name, isInterface, method, kind, annotation, customBindings);
        if (kind === 'enter') {
          if (enter !== null) throw adviceError(`Duplicate advice for ${enter.label} and ${read.label}`);
          enter = read;
        } else {
          if (exit !== null) throw adviceError(`Duplicate advice for ${exit.label} and ${read.label}`);
          exit = read;
        }
      }
    }
    if (enter === null && exit === null) throw adviceError(`No advice defined by ${name}`);
    for (const advice of [enter, exit]) if (advice !== null && advice.inline) checkReachableMembers(advice, node);
    return new Advice(node.name, enter, exit);
  }

  /** The advice applied to the methods `matcher` selects: `advice.on(matcher).wrap(nextClassVisitor)`. */
  on(matcher: AdvisedMethodMatcher): AdviceWrapper {
    return new AdviceWrapper(this, matcher);
  }

  /**
   * The advice applied to one method: a MethodVisitor to give that method's code to, which passes it
   * on to `next` with the advice added (Byte Buddy's Advice.wrap). Throws IllegalStateException when
   * the advice cannot bind to this method (an argument it does not have, `this` of a static method…).
   * `context.fields` finds @Advice.FieldValue's fields; `context.majorVersion` (the class file's) lets
   * constants the class cannot hold be refused here rather than by the JVM; `context.classPath` lets
   * reference types that cannot be assigned be refused here rather than by the verifier.
   */
  wrap(
    method: AdvisedMethod,
    next: MethodVisitor | null,
    context: { fields?: FieldLookup | null; majorVersion?: number; classPath?: ClassPath | null } = {},
  ): MethodVisitor {
    return new AdviceMethodVisitor(next, method, this.enter, this.exit, context);
  }

  /** @internal Throws when the class (of `majorVersion`) cannot hold the advice's code. */
  checkClassVersion(owner: string, majorVersion: number): void {
    if (majorVersion < this.minimumMajorVersion) {
      throw adviceError(
        `${Type.getObjectType(owner).getClassName()} (class file version ${majorVersion}) cannot take the code of advice ` +
          `${Type.getObjectType(this.adviceClass).getClassName()}, which needs version ${this.minimumMajorVersion} or later`,
      );
    }
  }
}

/** An advice and the methods it applies to; `wrap(next)` gives the ClassVisitor that applies it. */
export class AdviceWrapper {
  constructor(
    private readonly advice: Advice,
    private readonly matcher: AdvisedMethodMatcher,
  ) {}

  /**
   * A ClassVisitor passing the class on to `next`, with the advice in every selected method that has
   * code. `classPath` (a transform's ctx.classPath) finds the superclasses' fields @Advice.FieldValue
   * names and checks reference types bound to parameters; without it, only the class's own fields are
   * found and HotSpot's verifier checks the types.
   */
  wrap(next: ClassVisitor | null, options: { classPath?: ClassPath } = {}): ClassVisitor {
    return new AdviceClassVisitor(next, this.advice, this.matcher, options.classPath ?? null);
  }
}

class AdviceClassVisitor extends ClassVisitor {
  private owner = '';
  private ownerIsInterface = false;
  private superName: string | null = null;
  private majorVersion = 0;
  /** The class's own fields, visited before its methods (ClassReader's order). */
  private readonly fields: AdvisedField[] = [];
  private lookup: FieldLookup | null = null;

  constructor(
    next: ClassVisitor | null,
    private readonly advice: Advice,
    private readonly matcher: AdvisedMethodMatcher,
    private readonly classPath: ClassPath | null,
  ) {
    super(Opcodes.ASM9, next);
  }

  override visit(version: number, access: number, name: string, signature: string | null, superName: string | null, interfaces: string[] | null): void {
    this.owner = name;
    this.ownerIsInterface = (access & Opcodes.ACC_INTERFACE) !== 0;
    this.superName = superName;
    this.majorVersion = version & 0xffff;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  override visitField(
    access: number,
    name: string,
    descriptor: string,
    signature: string | null = null,
    value: ConstantValue | boolean | null = null,
  ): FieldVisitor | null {
    this.fields.push({ owner: this.owner, access, name, descriptor });
    return super.visitField(access, name, descriptor, signature, value);
  }

  override visitMethod(access: number, name: string, descriptor: string, signature: string | null = null, exceptions: string[] | null = null): MethodVisitor | null {
    const next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) return next;
    const method: AdvisedMethod = { owner: this.owner, ownerIsInterface: this.ownerIsInterface, access, name, descriptor, signature, exceptions };
    if (!this.matcher(method)) return next;
    this.advice.checkClassVersion(this.owner, this.majorVersion);
    this.lookup ??= fieldLookup(this.owner, this.superName, this.fields, this.classPath);
    return this.advice.wrap(method, next, { fields: this.lookup, majorVersion: this.majorVersion, classPath: this.classPath });
  }
}

/** The first class file version whose pool holds the constant (JVMS §4.4: Class in ldc 49, MethodType/Handle 51, Dynamic 55). */
function ldcMinimumVersion(constant: unknown): number {
  if (constant instanceof Type) return constant.getSort() === Type.METHOD ? Opcodes.V1_7 : Opcodes.V1_5;
  if (constant instanceof Handle) return Opcodes.V1_7;
  if (constant instanceof ConstantDynamic) return Opcodes.V11;
  return 0;
}

/**
 * An invokedynamic copied into another class must not bootstrap with the advice class's own private
 * methods: a lambda in an inlined advice (its body is a private lambda$ method of the advice class).
 */
function checkPortableInvokeDynamic(advice: AdviceMethod, insn: InvokeDynamicInsnNode): void {
  for (const argument of [insn.bsm, ...insn.bsmArgs]) {
    if (argument instanceof Handle && argument.getOwner() === advice.owner) {
      throw adviceError(
        `${advice.label}: a lambda or method reference to the advice class's own method ${argument.getName()} cannot be ` +
          'inlined into another class; call a method of a helper class instead, or use inline = false',
      );
    }
  }
}

/**
 * Inlined advice code runs in the instrumented classes: a private method or field of the advice class
 * is out of their reach (JVMS §5.4.4), and would fail only when the code runs (IllegalAccessError),
 * as it does with Byte Buddy, which does not look. Refused here, naming the member.
 */
function checkReachableMembers(advice: AdviceMethod, adviceClass: ClassNode): void {
  const privateMembers = new Map<string, string>();
  for (const method of adviceClass.methods) {
    if ((method.access & Opcodes.ACC_PRIVATE) !== 0) privateMembers.set(method.name + method.desc, `method ${method.name}`);
  }
  for (const field of adviceClass.fields) {
    if ((field.access & Opcodes.ACC_PRIVATE) !== 0) privateMembers.set(field.name + field.desc, `field ${field.name}`);
  }
  if (privateMembers.size === 0) return;
  for (let insn = advice.node.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    const type = insn.getType();
    if (type !== AbstractInsnNode.METHOD_INSN && type !== AbstractInsnNode.FIELD_INSN) continue;
    const member = insn as MethodInsnNode | FieldInsnNode;
    if (member.owner !== advice.owner) continue;
    const privateMember = privateMembers.get(member.name + member.desc);
    if (privateMember !== undefined) {
      throw adviceError(
        `${advice.label}: its code is copied into the instrumented classes, which cannot reach the advice class's private ${privateMember}; ` +
          'make it public (or use inline = false)',
      );
    }
  }
}

/**
 * Advice with annotations of your own bound to constants (Byte Buddy's Advice.WithCustomMapping, for
 * constant values): each bind returns a new mapping; `to` reads the advice class with them.
 */
export class AdviceCustomMapping {
  private readonly bindings: CustomBindings;

  /** @internal */
  constructor(bindings: CustomBindings) {
    this.bindings = bindings;
  }

  /**
   * Binds the parameters annotated with `annotation` (its binary name, `com.acme.Level`, or internal name)
   * to `value`: a string (String), a number (an int; Float/Double objects for floating point; Byte, Short
   * and Character objects), a bigint (long), a boolean, a Type (a Class constant) or an enum constant
   * (`{ enumType: 'com/acme/Mode', name: 'FAST' }`, or bindEnum). A parameter takes it as its own type,
   * boxed, or as a supertype (Object, CharSequence, Number, Enum…).
   */
  bind(annotation: string, value: AdviceConstant): AdviceCustomMapping {
    if (typeof value === 'number' && !(Number.isInteger(value) && value >= -2147483648 && value <= 2147483647)) {
      throw adviceError(`${value} bound to ${annotation} is not a Java int: give a Float or Double object, or a bigint for a long`);
    }
    return this.with(annotation, { constant: value });
  }

  /** Binds the parameters annotated with `annotation` to the constant `name` of the enum `enumType` (Byte Buddy's bind(type, Enum)). */
  bindEnum(annotation: string, enumType: string, name: string): AdviceCustomMapping {
    return this.bind(annotation, { enumType: enumType.replace(/\./g, '/'), name });
  }

  /**
   * Binds the parameters annotated with `annotation` to the value of its element `property` on each
   * parameter (Byte Buddy's bindProperty): `@Named("buyer") String who` gets "buyer". A String, primitive,
   * Class or enum element; when a parameter's annotation leaves it out, its default is read from the
   * annotation type's class file, which the class path must then hold.
   */
  bindProperty(annotation: string, property: string): AdviceCustomMapping {
    return this.with(annotation, { property });
  }

  /**
   * Binds the parameters annotated with `annotation` to the value of the field `name` of `owner` (a binary or
   * internal name), read where the advice runs (Byte Buddy's bind(type, Field)): a static field of any class
   * the instrumented class can access, or a field of the instrumented class or a superclass it can see, read
   * from `this` (so not in static methods, nor before super() in a constructor). Read-only. The field is found
   * through the class path given to wrap (the instrumented class's own fields without one).
   */
  bindField(annotation: string, owner: string, name: string): AdviceCustomMapping {
    return this.with(annotation, { field: { owner: owner.replace(/\./g, '/'), name } });
  }

  private with(annotation: string, binding: CustomBinding): AdviceCustomMapping {
    const descriptor = `L${annotation.replace(/\./g, '/')};`;
    if (this.bindings.has(descriptor)) throw adviceError(`Annotation type already mapped: ${annotation.replace(/\//g, '.')}`);
    return new AdviceCustomMapping(new Map([...this.bindings, [descriptor, binding]]));
  }

  /** The advice class read with these bindings (as Advice.to). */
  to(advice: Uint8Array | ClassNode): Advice {
    return Advice.read(advice, this.bindings);
  }
}
