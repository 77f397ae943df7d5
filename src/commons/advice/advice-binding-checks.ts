// # An advice's bindings checked against one instrumented method
//
// Before any code is written: every parameter of the enter and exit advice can take its value from
// this method (an argument it has, `this` where there is one, the return value of a method that
// returns one…) and, when writable, give it back; the fields @Advice.FieldValue and
// @AssignReturned.ToFields name exist and can be read or written here; skipOn, repeatOn and
// onThrowable fit the method. A refusal is an IllegalStateException in Byte Buddy's words where Byte
// Buddy has them, so that advice refused by one is refused by the other with the same message.

import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import type { ClassPath } from '../../classpath/class-path.js';
import { ClassReader } from '../../asm/class-reader.js';
import { ClassNode } from '../../tree/class-node.js';
import {
  type AdviceConstant,
  type AdviceMethod,
  type AdviceParameter,
  acceptsConstant,
  adviceConstantType,
  adviceError,
  annotationPropertyConstant,
} from './advice-method.js';
import { type AdvisedField, type FieldLookup, fieldText, packageOf } from './advised-fields.js';
import { OBJECT_TYPE, THROWABLE_TYPE, boxesTo, isPrimitive, unwrapped, widensTo } from './advice-value-types.js';
import { type AssignReturned, type ReturnedAssignment, assignedType } from './assign-returned.js';
import { checkOriginConstant } from './origin-constant.js';
import { type AdvisedMethod, methodText, originText } from './origin-text.js';
import { isReferenceAssignable } from './reference-assignability.js';

/** The annotation defaults read so far, by class path (by `type.property`): read once, not once per method. */
const annotationDefaultsRead = new WeakMap<ClassPath, Map<string, AdviceConstant>>();

/** What the checks need to know of the class: its fields, its version, its class path. */
export interface AdviceCheckContext {
  /** Finds the fields @Advice.FieldValue names (none without it: such an advice is refused). */
  readonly fields: FieldLookup | null;
  /** The class file's major version (0: unknown), for the constants it can hold. */
  readonly majorVersion: number;
  /** Answers whether one reference type is assignable to another; without it HotSpot's verifier does. */
  readonly classPath: ClassPath | null;
}

/** Checks `enter` and `exit` against `method` when constructed (throwing the first refusal), and keeps the fields they name. */
export class AdviceBindingChecks {
  /** The field each @Advice.FieldValue parameter names. */
  readonly fieldOf = new Map<AdviceParameter, AdvisedField>();
  /** The field each @AssignReturned.ToFields assignment names. */
  readonly assignedFields = new Map<ReturnedAssignment, AdvisedField>();
  /** The default each bindProperty parameter whose annotation does not give the property takes. */
  readonly annotationDefaults = new Map<AdviceParameter, AdviceConstant>();
  private readonly targetArgumentTypes: Type[];
  private readonly targetReturnType: Type;
  private readonly isStatic: boolean;
  private readonly isConstructor: boolean;
  private readonly fields: FieldLookup | null;
  private readonly majorVersion: number;
  private readonly classPath: ClassPath | null;

  constructor(
    private readonly method: AdvisedMethod,
    private readonly enter: AdviceMethod | null,
    private readonly exit: AdviceMethod | null,
    context: AdviceCheckContext,
  ) {
    this.targetArgumentTypes = Type.getArgumentTypes(method.descriptor);
    this.targetReturnType = Type.getReturnType(method.descriptor);
    this.isStatic = (method.access & Opcodes.ACC_STATIC) !== 0;
    this.isConstructor = method.name === '<init>';
    this.fields = context.fields;
    this.majorVersion = context.majorVersion;
    this.classPath = context.classPath;
    this.check();
  }

  /** The checks against the method (Byte Buddy's messages where it has them). */
  private check(): void {
    const text = methodText(this.method);
    if (this.exit?.onThrowable != null && this.isConstructor) throw adviceError(`Cannot catch exception during constructor call for ${text}`);
    if ((this.enter?.skipOn != null || this.exit?.repeatOn != null) && this.isConstructor) throw adviceError(`Cannot skip code execution from constructor: ${text}`);
    const localTypes = new Map<string, Type>();
    for (const advice of [this.enter, this.exit]) {
      if (advice === null) continue;
      for (const parameter of advice.parameters) {
        const binding = parameter.binding;
        const where = `${advice.label}: parameter ${parameter.label}`;
        switch (binding.kind) {
          case 'this':
            if ((this.isStatic || (this.isConstructor && advice.kind === 'enter')) && !binding.optional) {
              throw adviceError(`Cannot map this reference for static method or constructor start: ${text}`);
            }
            break;
          case 'argument':
            if (binding.index < 0 || binding.index >= this.targetArgumentTypes.length) {
              if (!binding.optional) throw adviceError(`${text} does not define an index ${binding.index}`);
            } else {
              this.checkAssignable(this.targetArgumentTypes[binding.index]!, parameter.type, binding.dynamic, !binding.readOnly, where);
            }
            break;
          case 'enter':
            if (this.enter === null || this.enter.returnType.getSort() === Type.VOID) throw adviceError(`${where}: @Advice.Enter needs an enter advice that returns a value`);
            this.checkAssignable(this.enter.returnType, parameter.type, binding.dynamic, !binding.readOnly, where);
            break;
          case 'exit':
            this.checkAssignable(advice.returnType, parameter.type, binding.dynamic, !binding.readOnly, where);
            break;
          case 'return':
            if (this.targetReturnType.getSort() === Type.VOID) {
              if (!binding.dynamic) throw adviceError(`${where}: cannot assign the void return value of ${text} (use typing = DYNAMIC for a default value)`);
            } else {
              this.checkAssignable(this.targetReturnType, parameter.type, binding.dynamic, !binding.readOnly, where);
            }
            break;
          case 'thrown':
            if (advice.onThrowable === null) throw adviceError(`${where}: @Advice.Thrown needs OnMethodExit.onThrowable`);
            break;
          case 'allArguments':
            // Written back element by element: without typing DYNAMIC only into Object arguments (Byte Buddy's
            // words; it names an argument argN unless the class file keeps its name).
            if (!binding.readOnly && !binding.dynamic) {
              this.targetArgumentTypes.forEach((type, index) => {
                if (type.getDescriptor() !== OBJECT_TYPE.getDescriptor()) throw adviceError(`Cannot assign class java.lang.Object to ${type.getClassName()} arg${index}`);
              });
            }
            break;
          case 'annotationDefault': {
            const value = this.annotationDefault(binding.annotationType, binding.property, `${where}: @${binding.annotation}'s ${binding.property}`);
            const constantType = adviceConstantType(value);
            if (!acceptsConstant(parameter.type, constantType)) {
              throw adviceError(`${where}: cannot assign the ${constantType.getClassName()} bound to @${binding.annotation} to ${parameter.type.getClassName()}`);
            }
            this.annotationDefaults.set(parameter, value);
            break;
          }
          case 'origin':
            if (parameter.type.getDescriptor() === 'Ljava/lang/String;') originText(binding.pattern, this.method);
            else checkOriginConstant(parameter.type.getDescriptor(), this.method, this.majorVersion, where);
            break;
          case 'field': {
            const field = this.usableField(binding.name, binding.declaringType, advice, !binding.readOnly, text);
            this.checkAssignable(Type.getType(field.descriptor), parameter.type, binding.dynamic, !binding.readOnly, where);
            this.fieldOf.set(parameter, field);
            break;
          }
          case 'boundField': {
            const field = this.boundField(binding.owner, binding.name, advice, text);
            this.checkAssignable(Type.getType(field.descriptor), parameter.type, false, false, where);
            this.fieldOf.set(parameter, field);
            break;
          }
          case 'local': {
            const known = localTypes.get(binding.name);
            if (known !== undefined && known.getDescriptor() !== parameter.type.getDescriptor()) {
              throw adviceError(`${where}: @Advice.Local("${binding.name}") is a ${known.getClassName()} in the other advice`);
            }
            localTypes.set(binding.name, parameter.type);
            break;
          }
          default:
            break;
        }
      }
      if (advice.assignReturned !== null) this.checkAssignments(advice, advice.assignReturned, text);
    }
  }

  /** The checks of an advice's @AssignReturned targets against this method. */
  private checkAssignments(advice: AdviceMethod, assignReturned: AssignReturned, text: string): void {
    const from = assignedType(advice.returnType, assignReturned);
    for (const assignment of assignReturned.assignments) {
      const where = `${advice.label}: ${assignment.label}`;
      const target = assignment.target;
      switch (target.kind) {
        case 'argument':
          // Byte Buddy's words, its spelling too.
          if (target.index < 0 || target.index >= this.targetArgumentTypes.length) throw adviceError(`${text} declares less then ${target.index} parameters`);
          this.checkAssignable(from, this.targetArgumentTypes[target.index]!, assignment.dynamic, false, where);
          break;
        case 'allArguments':
          if (from.getDescriptor() !== '[Ljava/lang/Object;') throw adviceError(`${where}: assigns an Object[] to the arguments, not ${from.getClassName()}`);
          break;
        case 'returned':
          if (this.targetReturnType.getSort() === Type.VOID) throw adviceError(`${where}: ${text} returns nothing to assign`);
          this.checkAssignable(from, this.targetReturnType, assignment.dynamic, false, where);
          break;
        case 'thrown':
          if (advice.onThrowable === null) throw adviceError(`${where}: only an exit advice with onThrowable can assign the exception`);
          this.checkAssignable(from, THROWABLE_TYPE, assignment.dynamic, false, where);
          break;
        case 'this':
          if (this.isStatic || (this.isConstructor && advice.kind === 'enter')) throw adviceError(`Cannot map this reference for static method or constructor start: ${text}`);
          this.checkAssignable(from, Type.getObjectType(this.method.owner), assignment.dynamic, false, where);
          break;
        case 'field': {
          const field = this.usableField(target.name, target.declaringType, advice, true, text);
          this.checkAssignable(from, Type.getType(field.descriptor), assignment.dynamic, false, where);
          this.assignedFields.set(assignment, field);
          break;
        }
      }
    }
  }

  /**
   * The default of `annotationType`'s element `property` (its AnnotationDefault attribute, JVMS §4.7.22), read
   * from the class path: a parameter bound by bindProperty whose annotation leaves the property out takes it.
   */
  private annotationDefault(annotationType: string, property: string, where: string): AdviceConstant {
    const className = Type.getObjectType(annotationType).getClassName();
    const classPath = this.classPath;
    if (classPath === null) throw adviceError(`${where} is not given, and its default needs ${className} on a class path`);
    let defaults = annotationDefaultsRead.get(classPath);
    if (defaults === undefined) annotationDefaultsRead.set(classPath, (defaults = new Map()));
    const key = `${annotationType}.${property}`;
    let value = defaults.get(key);
    if (value === undefined) {
      const bytes = classPath.getClassBytes(annotationType);
      if (bytes === undefined) throw adviceError(`${where} is not given, and its default needs ${className} on the class path`);
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE);
      const element = node.methods.find((method) => method.name === property && method.desc.startsWith('()'));
      if (element?.annotationDefault == null) throw adviceError(`${where} is not given, and ${className} has no default for it`);
      value = annotationPropertyConstant(element.annotationDefault, where);
      defaults.set(key, value);
    }
    return value;
  }

  /**
   * The field an advice reads (@FieldValue) or writes (@FieldValue(readOnly = false), @AssignReturned.ToFields),
   * found from the class (and, with a class path, its superclasses), and refused in Byte Buddy's words where this
   * method cannot use it: an instance field from a static method or before super(), a final one written.
   */
  private usableField(name: string, declaringType: string | null, advice: AdviceMethod, writes: boolean, text: string): AdvisedField {
    const field = this.fields?.(name, declaringType) ?? null;
    if (field === null) throw adviceError(`Cannot locate field named ${name} for class ${Type.getObjectType(declaringType ?? this.method.owner).getClassName()}`);
    return this.checkFieldUse(field, advice, writes, text);
  }

  /** `field` if this method can use it as usableField says, else Byte Buddy's refusal. */
  private checkFieldUse(field: AdvisedField, advice: AdviceMethod, writes: boolean, text: string): AdvisedField {
    const isStaticField = (field.access & Opcodes.ACC_STATIC) !== 0;
    if (!isStaticField && this.isStatic) throw adviceError(`Cannot read non-static field ${fieldText(field)} from static method ${text}`);
    if (!isStaticField && this.isConstructor && advice.kind === 'enter') throw adviceError(`Cannot access non-static field before calling constructor: ${text}`);
    if (writes && (field.access & Opcodes.ACC_FINAL) !== 0) throw adviceError(`Cannot write to final field ${fieldText(field)}`);
    return field;
  }

  /**
   * The field bindField names, where this method can read it (Byte Buddy's words for what it cannot): one of
   * the class or a superclass it sees (usableField's rules), or a static field of a class it can access.
   */
  private boundField(owner: string, name: string, advice: AdviceMethod, text: string): AdvisedField {
    const inHierarchy = this.fields?.(name, owner) ?? null;
    if (inHierarchy !== null) return this.checkFieldUse(inHierarchy, advice, false, text);
    const bytes = this.classPath?.getClassBytes(owner);
    const ownerName = Type.getObjectType(owner).getClassName();
    if (bytes === undefined) throw adviceError(`Cannot locate field named ${name} for class ${ownerName}${this.classPath === null ? ' (no class path to read it from)' : ''}`);
    const node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE);
    const found = node.fields.find((candidate) => candidate.name === name);
    if (found === undefined) throw adviceError(`Cannot locate field named ${name} for class ${ownerName}`);
    const field: AdvisedField = { owner, access: found.access, name, descriptor: found.desc };
    const instrumented = Type.getObjectType(this.method.owner).getClassName();
    if ((field.access & Opcodes.ACC_STATIC) === 0) {
      // An instance field is read from `this`: only one the instrumented class has (inherited and visible).
      if (this.classPath?.isSubtypeOf(this.method.owner, owner) === true) throw adviceError(`Cannot access ${fieldText(field)} from class ${instrumented}`);
      throw adviceError(`${fieldText(field)} is no member of class ${instrumented}`);
    }
    const samePackage = packageOf(owner) === packageOf(this.method.owner);
    const accessible =
      (field.access & Opcodes.ACC_PUBLIC) !== 0 ||
      ((field.access & Opcodes.ACC_PRIVATE) === 0 && (samePackage || ((field.access & Opcodes.ACC_PROTECTED) !== 0 && this.classPath?.isSubtypeOf(this.method.owner, owner) === true)));
    if (!accessible || ((node.access & Opcodes.ACC_PUBLIC) === 0 && !samePackage)) throw adviceError(`Cannot access ${fieldText(field)} from class ${instrumented}`);
    return field;
  }

  /**
   * Whether a value of `from` binds to `parameter` (and, `writable`, is written back from it), as Byte Buddy's
   * assigner decides (checked against it type by type over 17 types, both typings, read-only and writable).
   */
  private checkAssignable(from: Type, to: Type, dynamic: boolean, writable: boolean, where: string): void {
    if (this.assignable(from, to, dynamic) && (!writable || this.assignable(to, from, dynamic))) return;
    throw adviceError(`${where}: cannot assign ${from.getClassName()} to ${to.getClassName()}${writable ? ' and back' : ''}`);
  }

  /**
   * Byte Buddy's assigner: a primitive widens (JLS §5.1.2: an int as a long); boxes to its wrapper or a
   * supertype of it (Number only for the numeric ones); a wrapper unboxes, then widens (an Integer as a
   * long), whatever the typing; with typing DYNAMIC any other reference is cast (to the primitive's
   * wrapper, then unboxed) and a boxed value cast to any reference. Reference types are checked against
   * each other when there is a class path (typing DYNAMIC casts instead); else HotSpot's verifier checks
   * them when the class loads.
   */
  private assignable(from: Type, to: Type, dynamic: boolean): boolean {
    if (from.getDescriptor() === to.getDescriptor()) return true;
    if (isPrimitive(from) && isPrimitive(to)) return widensTo(from, to);
    if (isPrimitive(from)) return dynamic || boxesTo(from, to.getInternalName());
    if (isPrimitive(to)) {
      const primitive = unwrapped(from);
      return primitive === null ? dynamic : widensTo(primitive, to);
    }
    if (dynamic || this.classPath === null) return true;
    return isReferenceAssignable(from, to, this.classPath) !== false;
  }
}
