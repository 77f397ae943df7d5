// # The class model: classes over a class path, subtyping and the conversions that need it
//
// What the compiler knows of a class is what its class file says (JVMS §4): its super types, its
// members' names, descriptors and flags, and its InnerClasses entries (for nested type names).
// TypeEnvironment answers those questions for classes on a ClassPath and for classes being edited
// in memory (the overlay), and decides subtyping (JLS §4.10), assignment conversion (§5.2), the
// strict and loose invocation contexts of overload resolution (§5.3) and casts (§5.5).
//
// Decisions:
// - Class files are read with SKIP_CODE | SKIP_DEBUG | SKIP_FRAMES: members and attributes only,
//   the cheap part of a class file, and cached for the environment's life.
// - The overlay wins over the class path: a class being edited must be seen as edited (a method
//   just added is a candidate for the next snippet). Its model is rebuilt when its ClassNode
//   changes shape (member counts, super types, flags); invalidate() covers in-place renames.
// - A class that cannot be found is an error naming the class and the places searched
//   (`ClassPath.describe()`), never a silent "not a subtype": a wrong overload chosen because a
//   jar is missing is worse than a clear failure.

import { ClassReader } from '../../asm/class-reader.js';
import type { ConstantValue } from '../../asm/java-values.js';
import { Opcodes } from '../../asm/opcodes.js';
import type { ClassPath } from '../../classpath/class-path.js';
import { ClassNode } from '../../tree/class-node.js';
import { CompileError } from './compile-error.js';
import { fitsIn, isPrimitiveWidening, JavaType } from './java-type.js';

/** A field as the compiler sees it (JVMS §4.5). */
export interface FieldModel {
  readonly name: string;
  readonly descriptor: string;
  readonly type: JavaType;
  readonly access: number;
  readonly signature: string | null;
  /** The ConstantValue attribute (JVMS §4.7.2) of a static final field, or null. */
  readonly constantValue: ConstantValue | null;
  readonly isStatic: boolean;
}

/** A method or constructor (`<init>`) as the compiler sees it (JVMS §4.6). */
export interface MethodModel {
  readonly name: string;
  readonly descriptor: string;
  readonly access: number;
  readonly signature: string | null;
  readonly exceptions: readonly string[];
  readonly argumentTypes: readonly JavaType[];
  readonly returnType: JavaType;
  readonly isStatic: boolean;
  readonly isAbstract: boolean;
  /** ACC_VARARGS: the last parameter is a variable arity parameter (JLS §8.4.1). */
  readonly isVarargs: boolean;
  /** ACC_BRIDGE: a compiler-generated bridge (JLS §15.12.4.5), never chosen by resolution. */
  readonly isBridge: boolean;
  readonly isSynthetic: boolean;
}

/** One entry of the InnerClasses attribute (JVMS §4.7.6). */
export interface InnerClassEntry {
  readonly name: string;
  /** The class it is a member of; null for local and anonymous classes. */
  readonly outerName: string | null;
  /** Its simple name; null for anonymous classes. */
  readonly innerName: string | null;
  readonly access: number;
}

/** A class or interface. */
export interface ClassModel {
  /** Internal name (`java/util/Map$Entry`). */
  readonly name: string;
  /** Null for java/lang/Object (and module-info). */
  readonly superName: string | null;
  readonly interfaces: readonly string[];
  /** The Signature attribute (JVMS §4.7.9.1): its type parameters and generic super types, or null. */
  readonly signature: string | null;
  /**
   * The class's flags; for a nested class, the flags of its own InnerClasses entry, which alone say
   * private, protected and static (JVMS §4.7.6).
   */
  readonly access: number;
  readonly isInterface: boolean;
  readonly fields: readonly FieldModel[];
  readonly methods: readonly MethodModel[];
  readonly innerClasses: readonly InnerClassEntry[];
  /**
   * The class this one is nested in: the outer class of a member class (its InnerClasses entry),
   * or the class enclosing a local or anonymous class (EnclosingMethod); null for a top-level class.
   */
  readonly enclosingClass: string | null;
  /** The method a local or anonymous class is declared in (EnclosingMethod, JVMS §4.7.7), or null. */
  readonly enclosingMethod: { readonly name: string; readonly descriptor: string } | null;
  /** The member classes declared in this class, by simple name (from InnerClasses). */
  readonly memberTypes: ReadonlyMap<string, InnerClassEntry>;
}

/** Supplies the classes being edited in memory; undefined defers to the class path. */
export type ClassOverlay = (internalName: string) => ClassNode | undefined;

export { packageOf } from '../../classfile/class-names.js';

/** A class name spelled for messages: `java.util.Map.Entry`. */
export function className(internalName: string): string {
  return JavaType.classType(internalName).toString();
}

function modelOf(node: ClassNode): ClassModel {
  const innerClasses: InnerClassEntry[] = node.innerClasses.map((e) => ({
    name: e.name,
    outerName: e.outerName,
    innerName: e.innerName,
    access: e.access,
  }));
  const own = innerClasses.find((e) => e.name === node.name);
  const memberTypes = new Map<string, InnerClassEntry>();
  for (const entry of innerClasses) {
    if (entry.outerName === node.name && entry.innerName !== null) memberTypes.set(entry.innerName, entry);
  }
  // The InnerClasses entry holds the source-level flags of a nested class (private, protected, static).
  const access = own === undefined ? node.access : own.access;
  return {
    name: node.name,
    superName: node.superName,
    interfaces: [...node.interfaces],
    signature: node.signature,
    access,
    isInterface: (node.access & Opcodes.ACC_INTERFACE) !== 0,
    fields: node.fields.map((f) => ({
      name: f.name,
      descriptor: f.desc,
      type: JavaType.fromDescriptor(f.desc),
      access: f.access,
      signature: f.signature,
      constantValue: f.value,
      isStatic: (f.access & Opcodes.ACC_STATIC) !== 0,
    })),
    methods: node.methods.map((m) => {
      const { argumentTypes, returnType } = JavaType.methodTypes(m.desc);
      return {
        name: m.name,
        descriptor: m.desc,
        access: m.access,
        signature: m.signature,
        exceptions: m.exceptions === null ? [] : [...m.exceptions],
        argumentTypes,
        returnType,
        isStatic: (m.access & Opcodes.ACC_STATIC) !== 0,
        isAbstract: (m.access & Opcodes.ACC_ABSTRACT) !== 0,
        isVarargs: (m.access & Opcodes.ACC_VARARGS) !== 0,
        isBridge: (m.access & Opcodes.ACC_BRIDGE) !== 0,
        isSynthetic: (m.access & Opcodes.ACC_SYNTHETIC) !== 0,
      };
    }),
    innerClasses,
    enclosingClass: own?.outerName ?? node.outerClass ?? null,
    enclosingMethod: node.outerMethod != null && node.outerMethodDesc != null ? { name: node.outerMethod, descriptor: node.outerMethodDesc } : null,
    memberTypes,
  };
}

/** Per overlay ClassNode, how many times one of its members changed in place (see noteMemberChange). */
const memberRevisions = new WeakMap<ClassNode, number>();

/**
 * Tells every environment that a member of `node` changed its name, descriptor, flags or signature in
 * place (CtMethod.setName, setModifiers…): the counts of its shape do not show that.
 */
export function noteMemberChange(node: ClassNode): void {
  memberRevisions.set(node, (memberRevisions.get(node) ?? 0) + 1);
}

/** What tells whether an overlay ClassNode changed since its model was built. */
interface Shape {
  readonly memberRevision: number;
  readonly name: string;
  readonly access: number;
  readonly superName: string | null;
  readonly interfaces: readonly string[];
  readonly signature: string | null;
  readonly fields: number;
  readonly methods: number;
  readonly innerClasses: number;
}

function shapeOf(node: ClassNode): Shape {
  return {
    memberRevision: memberRevisions.get(node) ?? 0,
    name: node.name,
    access: node.access,
    superName: node.superName,
    interfaces: [...node.interfaces],
    signature: node.signature,
    fields: node.fields.length,
    methods: node.methods.length,
    innerClasses: node.innerClasses.length,
  };
}

/** Whether `node` still has `shape`: compared field by field, as findClass asks it for every lookup of an edited class. */
function hasShape(node: ClassNode, shape: Shape): boolean {
  return (
    (memberRevisions.get(node) ?? 0) === shape.memberRevision &&
    node.name === shape.name &&
    node.access === shape.access &&
    node.superName === shape.superName &&
    node.signature === shape.signature &&
    node.fields.length === shape.fields &&
    node.methods.length === shape.methods &&
    node.innerClasses.length === shape.innerClasses &&
    node.interfaces.length === shape.interfaces.length &&
    node.interfaces.every((name, i) => name === shape.interfaces[i])
  );
}

const OBJECT = 'java/lang/Object';
/** JLS §4.10.3: the direct supertypes of an array type besides arrays of supertypes. */
const ARRAY_SUPERTYPES = new Set([OBJECT, 'java/lang/Cloneable', 'java/io/Serializable']);

/**
 * The classes a snippet is compiled against: a class path plus the classes being edited, with the
 * type relations of JLS §4.10 and the conversions of JLS §5.
 */
export class TypeEnvironment {
  readonly classPath: ClassPath;
  private readonly overlay: ClassOverlay | undefined;
  /** Class path models by internal name; null when the class is not on the class path. */
  private readonly cache: Map<string, ClassModel | null>;
  private readonly overlayCache = new WeakMap<ClassNode, { shape: Shape; model: ClassModel }>();
  /** `sub + ' ' + sup` → whether sub is a subclass/subinterface of sup (classes only). */
  private readonly subtypeCache = new Map<string, boolean>();
  /** supertypes() by internal name; dropped with subtypeCache. */
  private readonly supertypesCache = new Map<string, readonly string[]>();

  /**
   * `classModels`: the models of the class path's classes, to share between environments over the
   * same class files (a transform run makes a pool per class, over one class path): they depend on
   * the class files alone, and the overlay is asked first.
   */
  constructor(classPath: ClassPath, overlay?: ClassOverlay, classModels: Map<string, ClassModel | null> = new Map()) {
    this.classPath = classPath;
    this.overlay = overlay;
    this.cache = classModels;
  }

  /**
   * Forgets the subtype answers, after a class of the overlay appeared, went or changed its super
   * types: an answer about a class-path class can depend on an overlay class it extends.
   */
  hierarchyChanged(): void {
    this.subtypeCache.clear();
    this.supertypesCache.clear();
    this.hierarchyGeneration++;
  }

  /** Moves at every hierarchyChanged(): what was learnt of names and types before may be stale. */
  hierarchyGeneration = 0;

  /** Forgets what was learnt of `internalName` (all classes when omitted), after an in-place edit. */
  invalidate(internalName?: string): void {
    if (internalName === undefined) this.cache.clear();
    else this.cache.delete(internalName);
    this.hierarchyChanged();
  }

  /**
   * This environment with `node` first in its overlay: the anonymous or local class a snippet declares
   * (JLS §15.9.5, §14.3), seen while its members compile and before it joins the pool (or never, in a throwaway
   * compilation). The class path's models are shared; the type relations are learnt again.
   */
  withClass(node: ClassNode): TypeEnvironment {
    const overlay = this.overlay;
    return new TypeEnvironment(this.classPath, (internalName) => (internalName === node.name ? node : overlay?.(internalName)), this.cache);
  }

  // ## Classes

  /** The class named `internalName`, from the overlay first, then the class path; null when neither has it. */
  findClass(internalName: string): ClassModel | null {
    if (internalName.startsWith('[')) return null;
    const edited = this.overlay?.(internalName);
    if (edited !== undefined) {
      const known = this.overlayCache.get(edited);
      if (known !== undefined && hasShape(edited, known.shape)) return known.model;
      const model = modelOf(edited);
      this.overlayCache.set(edited, { shape: shapeOf(edited), model });
      return model;
    }
    let model = this.cache.get(internalName);
    if (model === undefined) {
      model = null;
      const bytes = this.classPath.getClassBytes(internalName);
      if (bytes !== undefined) {
        const node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        model = modelOf(node);
      }
      this.cache.set(internalName, model);
    }
    return model;
  }

  /** Whether a class exists (in the overlay or on the class path), without reading more than needed. */
  hasClass(internalName: string): boolean {
    if (this.overlay?.(internalName) !== undefined) return true;
    const known = this.cache.get(internalName);
    if (known !== undefined) return known !== null;
    return this.classPath.hasClass(internalName);
  }

  /** findClass, or a CompileError naming the class and the class path searched. */
  requireClass(internalName: string): ClassModel {
    const model = this.findClass(internalName);
    if (model === null) {
      throw new CompileError(`cannot find class ${className(internalName)} on the class path: ${this.classPath.describe()}`);
    }
    return model;
  }

  /** Whether `internalName` is an interface (a missing class is an error). */
  isInterface(internalName: string): boolean {
    return !internalName.startsWith('[') && this.requireClass(internalName).isInterface;
  }

  /**
   * The outermost class enclosing `internalName` (itself when top-level), following InnerClasses
   * and EnclosingMethod: private access is decided at that level (JLS §6.6.1).
   */
  topLevelClass(internalName: string): string {
    let name = internalName;
    for (let depth = 0; depth < 64; depth++) {
      const enclosing = this.findClass(name)?.enclosingClass ?? null;
      if (enclosing === null) return name;
      name = enclosing;
    }
    return name;
  }

  // ## Subtyping (JLS §4.10)

  /**
   * Whether `sub` is a subtype of `sup` (reflexive): JLS §4.10.1 among primitives (identity and
   * widening), §4.10.2 among classes and interfaces (the transitive closure of extends and
   * implements; every interface is a subtype of Object), §4.10.3 among arrays (covariant for
   * reference components; every array is a Object, Cloneable and Serializable), and the null type
   * below every reference type. Strings are internal names (arrays as descriptors).
   */
  isSubtype(sub: JavaType | string, sup: JavaType | string): boolean {
    const s = typeof sub === 'string' ? JavaType.classType(sub) : sub;
    const t = typeof sup === 'string' ? JavaType.classType(sup) : sup;
    if (s === t) return true;
    if (s.isPrimitive() || t.isPrimitive()) return s.isPrimitive() && t.isPrimitive() && isPrimitiveWidening(s, t);
    if (s.isVoid() || t.isVoid() || t.isNull()) return false;
    if (s.isNull()) return true;
    if (s.isArray()) {
      if (t.isClass()) return ARRAY_SUPERTYPES.has(t.internalName!);
      const sc = s.componentType!;
      const tc = t.componentType!;
      if (sc.isPrimitive() || tc.isPrimitive()) return sc === tc;
      return this.isSubtype(sc, tc);
    }
    if (t.isArray()) return false;
    return this.isSubclass(s.internalName!, t.internalName!);
  }

  /** Whether class or interface `sub` extends or implements `sup`, directly or not (reflexive). */
  isSubclass(sub: string, sup: string): boolean {
    if (sub === sup || sup === OBJECT) return true;
    const key = `${sub} ${sup}`;
    let answer = this.subtypeCache.get(key);
    if (answer === undefined) {
      const model = this.requireClass(sub);
      answer = false;
      if (model.superName !== null && this.isSubclass(model.superName, sup)) answer = true;
      else answer = model.interfaces.some((i) => this.isSubclass(i, sup));
      this.subtypeCache.set(key, answer);
    }
    return answer;
  }

  /**
   * Every proper supertype class and interface of `internalName`, each once: the superclass chain
   * first (nearest first), then the interfaces breadth first. Object is included, last, for
   * interfaces (JLS §4.10.2: Object is a direct supertype of an interface without superinterfaces).
   */
  supertypes(internalName: string): readonly string[] {
    // Every method call a snippet makes asks for its owner's: kept until the hierarchy changes.
    let known = this.supertypesCache.get(internalName);
    if (known === undefined) {
      known = this.computeSupertypes(internalName);
      this.supertypesCache.set(internalName, known);
    }
    return known;
  }

  private computeSupertypes(internalName: string): readonly string[] {
    const model = this.requireClass(internalName);
    const classes: string[] = [];
    for (let superName = model.superName; superName !== null; superName = this.requireClass(superName).superName) {
      classes.push(superName);
    }
    const seen = new Set<string>([internalName, ...classes]);
    const interfaces: string[] = [];
    const queue: string[] = [...model.interfaces];
    for (const c of classes) queue.push(...this.requireClass(c).interfaces);
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      interfaces.push(next);
      queue.push(...this.requireClass(next).interfaces);
    }
    // Last for an interface: a superinterface's redeclaration of an Object method is nearer.
    if (model.isInterface && !seen.has(OBJECT)) interfaces.push(OBJECT);
    return [...classes, ...interfaces];
  }

  // ## Conversions (JLS §5)

  /**
   * JLS §5.3 strict invocation context: identity, widening primitive (§5.1.2), widening reference
   * (§5.1.5; the null type to any reference type). Phase 1 of overload resolution (§15.12.2.2).
   */
  isStrictlyConvertible(from: JavaType, to: JavaType): boolean {
    if (from.isVoid() || to.isVoid() || to.isNull()) return false;
    if (from.isPrimitive() !== to.isPrimitive()) return false;
    return this.isSubtype(from, to);
  }

  /**
   * JLS §5.2 assignment conversion without the constant narrowing (which needs the value: see
   * isAssignableConstant), which is also the loose invocation context of §5.3 (phase 2,
   * §15.12.2.3): strict conversions, plus boxing then widening reference (`int` → `Object`), and
   * unboxing then widening primitive (`Integer` → `long`).
   */
  isAssignable(from: JavaType, to: JavaType): boolean {
    if (this.isStrictlyConvertible(from, to)) return true;
    if (from.isPrimitive() && to.isReference() && !to.isNull()) return this.isSubtype(from.boxed()!, to);
    if (from.isClass() && to.isPrimitive()) {
      const unboxed = from.unboxed();
      return unboxed !== null && (unboxed === to || isPrimitiveWidening(unboxed, to));
    }
    return false;
  }

  /**
   * JLS §5.2's constant case: a constant expression of type byte, short, char or int whose value
   * fits may be narrowed to byte, short or char (`byte b = 10;`), and then boxed when the variable
   * is a Byte, Short or Character (`Character c = 65;`). Otherwise as isAssignable.
   */
  isAssignableConstant(value: number, from: JavaType, to: JavaType): boolean {
    if (this.isAssignable(from, to)) return true;
    if (from !== JavaType.BYTE && from !== JavaType.SHORT && from !== JavaType.CHAR && from !== JavaType.INT) return false;
    const target = to.isPrimitive() ? to : to.unboxed();
    if (target !== JavaType.BYTE && target !== JavaType.SHORT && target !== JavaType.CHAR) return false;
    return fitsIn(value, target);
  }

  /**
   * JLS §5.5 casting contexts, on erasures: among primitives any numeric to any numeric and
   * boolean to boolean only; boxing then widening reference (`(Object) 1`); unboxing then widening
   * primitive (`(long) integer`), and a narrowing reference cast followed by unboxing (`(int) obj`
   * where obj is an Object, Number, Comparable or Serializable: a supertype of the wrapper);
   * between references, anything except the provably impossible (§5.5.1): unrelated classes,
   * a final class and an interface it does not implement, arrays and non-array types other than
   * Object, Cloneable and Serializable, arrays with unrelated or different primitive components.
   */
  isCastable(from: JavaType, to: JavaType): boolean {
    if (from === to) return !from.isVoid();
    if (from.isVoid() || to.isVoid() || to.isNull()) return false;
    if (from.isPrimitive() && to.isPrimitive()) return from.isNumeric() && to.isNumeric();
    if (from.isPrimitive()) return this.isSubtype(from.boxed()!, to);
    if (to.isPrimitive()) {
      if (from.isNull()) return false;
      const unboxed = from.unboxed();
      if (unboxed !== null) return unboxed === to || isPrimitiveWidening(unboxed, to);
      return this.isSubtype(to.boxed()!, from);
    }
    return this.isReferenceCastable(from, to);
  }

  private isReferenceCastable(from: JavaType, to: JavaType): boolean {
    if (from.isNull() || this.isSubtype(from, to) || this.isSubtype(to, from)) return true;
    if (from.isArray() && to.isArray()) {
      const fc = from.componentType!;
      const tc = to.componentType!;
      if (fc.isPrimitive() || tc.isPrimitive()) return fc === tc;
      return this.isReferenceCastable(fc, tc);
    }
    if (from.isArray() || to.isArray()) return false; // the non-array side is not Object/Cloneable/Serializable
    const s = this.requireClass(from.internalName!);
    const t = this.requireClass(to.internalName!);
    if (!s.isInterface && !t.isInterface) return false; // unrelated classes
    if (s.isInterface && t.isInterface) return true;
    // One class, one interface: impossible only when the class is final (it cannot have a subclass
    // implementing the interface), and it does not implement it (already ruled out above).
    const klass = s.isInterface ? t : s;
    return (klass.access & Opcodes.ACC_FINAL) === 0;
  }
}
