import type { ClassHierarchy } from '../asm/class-writer.js';
import { Opcodes } from '../asm/opcodes.js';
import { Type } from '../asm/type.js';
import { ClassPath } from '../classpath/class-path.js';
import { BasicInterpreter } from './basic-interpreter.js';
import { BasicValue } from './basic-value.js';
import { BasicVerifier } from './basic-verifier.js';
import { IllegalStateException } from '../asm/java-exceptions.js';

const OBJECT_TYPE = Type.getObjectType('java/lang/Object');
const OBJECT = 'java/lang/Object';

/**
 * A `BasicVerifier` with exact reference types (ASM's `SimpleVerifier`): values are
 * `BasicValue`s of their class or array type, merges compute common super classes, and operands
 * are checked for assignability (JVMS §4.10.1.2).
 *
 * Where ASM loads classes with a ClassLoader, this verifier asks a `ClassHierarchy` (a `ClassPath`,
 * or any object answering getSuperName/isInterface/getInterfaces). By default, as ASM's default
 * class loader knows the JDK's classes, it reads the current JDK's (`new ClassPath([])`: JAVA_HOME,
 * else the `java` on PATH; one shared instance, read lazily, never a JVM); give another one, with
 * your own classes, with `setClassHierarchy`. The class being verified need not be in it. A class
 * that the hierarchy does not know makes the analysis fail with an error naming the class.
 *
 * Java's constructors map to:
 * - `new SimpleVerifier()`
 * - `new SimpleVerifier(currentClass, currentSuperClass, isInterface)`
 * - `new SimpleVerifier(currentClass, currentSuperClass, currentClassInterfaces, isInterface)`
 * - `new SimpleVerifier(api, currentClass, currentSuperClass, currentClassInterfaces, isInterface)`
 *   (ASM's protected constructor for subclasses).
 */
export class SimpleVerifier extends BasicVerifier {
  /** The class being verified, or null. */
  private readonly currentClass: Type | null;

  /** The super class of the class being verified, or null. */
  private readonly currentSuperClass: Type | null;

  /** The interfaces directly implemented by the class being verified, or null. */
  private readonly currentClassInterfaces: readonly Type[] | null;

  /** Whether the class being verified is an interface. */
  private readonly currentClassIsInterface: boolean;

  /** Where the super classes and interfaces of the referenced classes come from. */
  private classHierarchy: ClassHierarchy | null;

  /** Reference values by descriptor, so that each reference type gets one BasicValue. */
  private readonly valueCache: Map<string, BasicValue>;

  constructor();
  constructor(currentClass: Type | null, currentSuperClass: Type | null, isInterface: boolean);
  constructor(currentClass: Type | null, currentSuperClass: Type | null, currentClassInterfaces: readonly Type[] | null, isInterface: boolean);
  constructor(
    api: number,
    currentClass: Type | null,
    currentSuperClass: Type | null,
    currentClassInterfaces: readonly Type[] | null,
    isInterface: boolean,
  );
  constructor(...args: unknown[]) {
    let api = Opcodes.ASM9;
    let rest = args;
    if (typeof args[0] === 'number') {
      api = args[0];
      rest = args.slice(1);
    }
    super(api);
    // As ASM: only SimpleVerifier itself may use the api-less constructors (subclasses state the API they implement).
    if (rest === args && new.target !== SimpleVerifier) {
      throw new IllegalStateException('subclasses of SimpleVerifier must pass an api');
    }
    let currentClassInterfaces: readonly Type[] | null = null;
    let isInterface = false;
    if (rest.length === 3) {
      isInterface = rest[2] === true;
    } else if (rest.length >= 4) {
      currentClassInterfaces = (rest[2] as readonly Type[] | null | undefined) ?? null;
      isInterface = rest[3] === true;
    }
    this.currentClass = (rest[0] as Type | null | undefined) ?? null;
    this.currentSuperClass = (rest[1] as Type | null | undefined) ?? null;
    this.currentClassInterfaces = currentClassInterfaces;
    this.currentClassIsInterface = isInterface;
    this.classHierarchy = null;
    this.valueCache = new Map();
  }

  /** Sets where the super classes and interfaces of the referenced classes come from (ASM: setClassLoader). */
  setClassHierarchy(classHierarchy: ClassHierarchy): void {
    this.classHierarchy = classHierarchy;
  }

  /** The class hierarchy given to `setClassHierarchy`, or null when the default (the current JDK's classes) is used. */
  getClassHierarchy(): ClassHierarchy | null {
    return this.classHierarchy;
  }

  override newValue(type: Type | null): BasicValue | null {
    if (type === null) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    const sort = type.getSort();
    if (sort !== Type.ARRAY && sort !== Type.OBJECT) {
      return super.newValue(type);
    }
    const descriptor = type.getDescriptor();
    let value = this.valueCache.get(descriptor);
    if (value === undefined) {
      if (sort === Type.ARRAY) {
        // Arrays of boolean, char, byte and short keep their type; other arrays are rebuilt from
        // the value of their element type.
        const elementType = type.getElementType();
        const elementSort = elementType.getSort();
        if (elementSort === Type.BOOLEAN || elementSort === Type.CHAR || elementSort === Type.BYTE || elementSort === Type.SHORT) {
          value = new BasicValue(type);
        } else {
          const elementValue = this.newValue(elementType)!;
          value = new BasicValue(Type.getType('['.repeat(type.getDimensions()) + elementValue.getType()!.getDescriptor()));
        }
      } else {
        value = new BasicValue(type);
      }
      this.valueCache.set(descriptor, value);
    }
    return value;
  }

  protected override isArrayValue(value: BasicValue): boolean {
    const type = value.getType();
    return type !== null && (type.getSort() === Type.ARRAY || type.equals(BasicInterpreter.NULL_TYPE));
  }

  protected override getElementValue(objectArrayValue: BasicValue): BasicValue {
    const arrayType = objectArrayValue.getType();
    if (arrayType !== null) {
      if (arrayType.getSort() === Type.ARRAY) {
        return this.newValue(Type.getType(arrayType.getDescriptor().substring(1)))!;
      } else if (arrayType.equals(BasicInterpreter.NULL_TYPE)) {
        return objectArrayValue;
      }
    }
    throw new Error('AssertionError: not an array value: ' + String(objectArrayValue));
  }

  protected override isSubTypeOf(value: BasicValue, expected: BasicValue): boolean {
    let type = value.getType();
    let expectedType = expected.getType();
    // A null type is the one of BasicValue.UNINITIALIZED_VALUE.
    if (type === null || expectedType === null) {
      return type === null && expectedType === null;
    }
    if (type.equals(expectedType)) {
      return true;
    }
    switch (expectedType.getSort()) {
      case Type.INT:
      case Type.FLOAT:
      case Type.LONG:
      case Type.DOUBLE:
        return false;
      case Type.ARRAY:
      case Type.OBJECT: {
        if (type.equals(BasicInterpreter.NULL_TYPE)) {
          return true;
        }
        // A primitive value is no reference (as in ASM up to 9.4; later versions try to load "float").
        if (type.getSort() !== Type.OBJECT && type.getSort() !== Type.ARRAY) {
          return false;
        }
        // Reduce both types to an element class and a number of dimensions, an array of primitive
        // values being an array of Object with one dimension less.
        let dim = 0;
        if (type.getSort() === Type.ARRAY) {
          dim = type.getDimensions();
          type = type.getElementType();
          if (type.getSort() !== Type.OBJECT) {
            dim = dim - 1;
            type = OBJECT_TYPE;
          }
        }
        let expectedDim = 0;
        if (expectedType.getSort() === Type.ARRAY) {
          expectedDim = expectedType.getDimensions();
          expectedType = expectedType.getElementType();
          if (expectedType.getSort() !== Type.OBJECT) {
            // An array of primitive values has no subtype but itself.
            return false;
          }
        }
        if (dim < expectedDim) {
          return false;
        }
        if (dim > expectedDim) {
          type = OBJECT_TYPE;
        }
        if (this.isAssignableFrom(expectedType, type)) {
          return true;
        }
        if (this.isInterface(expectedType)) {
          // Merges only compute class types (a common super interface may not be unique), so any
          // reference is accepted where an interface is expected, as the JVM does (JVMS §4.10.1.2).
          this.requireClass(type);
          return true;
        }
        return false;
      }
      default:
        throw new Error('AssertionError: unexpected expected type ' + expectedType.getDescriptor());
    }
  }

  override merge(value1: BasicValue, value2: BasicValue): BasicValue {
    let type1 = value1.getType();
    let type2 = value2.getType();
    if (type1 === null || type2 === null) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    if (type1 === type2 || type1.equals(type2)) {
      return value1;
    }
    // A primitive type merged with a different type gives an unusable value.
    const sort1 = type1.getSort();
    const sort2 = type2.getSort();
    if (sort1 !== Type.OBJECT && sort1 !== Type.ARRAY) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    if (sort2 !== Type.OBJECT && sort2 !== Type.ARRAY) {
      return BasicValue.UNINITIALIZED_VALUE;
    }
    if (type1.equals(BasicInterpreter.NULL_TYPE)) {
      return value2;
    }
    if (type2.equals(BasicInterpreter.NULL_TYPE)) {
      return value1;
    }
    let dim1 = 0;
    if (sort1 === Type.ARRAY) {
      dim1 = type1.getDimensions();
      type1 = type1.getElementType();
      if (type1.getSort() !== Type.OBJECT) {
        dim1 = dim1 - 1;
        type1 = OBJECT_TYPE;
      }
    }
    let dim2 = 0;
    if (sort2 === Type.ARRAY) {
      dim2 = type2.getDimensions();
      type2 = type2.getElementType();
      if (type2.getSort() !== Type.OBJECT) {
        dim2 = dim2 - 1;
        type2 = OBJECT_TYPE;
      }
    }
    if (dim1 !== dim2) {
      return this.newArrayValue(OBJECT_TYPE, Math.min(dim1, dim2));
    }
    if (this.isAssignableFrom(type1, type2)) {
      return this.newArrayValue(type1, dim1);
    }
    if (this.isAssignableFrom(type2, type1)) {
      return this.newArrayValue(type2, dim1);
    }
    if (!this.isInterface(type1)) {
      let superType: Type | null = type1;
      while (superType !== null && !superType.equals(OBJECT_TYPE)) {
        superType = this.getSuperClass(superType);
        if (superType !== null && this.isAssignableFrom(superType, type2)) {
          return this.newArrayValue(superType, dim1);
        }
      }
    }
    return this.newArrayValue(OBJECT_TYPE, dim1);
  }

  private newArrayValue(type: Type, dimensions: number): BasicValue {
    if (dimensions === 0) {
      return this.newValue(type)!;
    }
    return this.newValue(Type.getType('['.repeat(dimensions) + type.getDescriptor()))!;
  }

  /** Whether `type` (of OBJECT sort) is an interface; from the class hierarchy unless it is the class being verified. */
  protected isInterface(type: Type): boolean {
    if (this.currentClass !== null && this.currentClass.equals(type)) {
      return this.currentClassIsInterface;
    }
    const internalName = type.getInternalName();
    const isInterface = this.hierarchy().isInterface(internalName);
    if (isInterface === undefined) {
      throw this.classNotFound(internalName);
    }
    return isInterface;
  }

  /** The super class of `type` (of OBJECT sort), null for java/lang/Object (and interfaces without one). */
  protected getSuperClass(type: Type): Type | null {
    if (this.currentClass !== null && this.currentClass.equals(type)) {
      return this.currentSuperClass;
    }
    const internalName = type.getInternalName();
    const superName = this.hierarchy().getSuperName(internalName);
    if (superName === undefined) {
      throw this.classNotFound(internalName);
    }
    if (superName === null) {
      return null;
    }
    // Java's Class.getSuperclass is null for interfaces.
    if (this.isInterface(type)) {
      return null;
    }
    return Type.getObjectType(superName);
  }

  /**
   * Whether `type1` is `type2`, or a super class or super interface of it (Java's
   * `Class.isAssignableFrom`). Both are of OBJECT sort; the class being verified is answered
   * from the constructor's arguments, any other class from the class hierarchy.
   */
  protected isAssignableFrom(type1: Type, type2: Type): boolean {
    if (type1.equals(type2)) {
      return true;
    }
    const currentClass = this.currentClass;
    if (currentClass !== null && currentClass.equals(type1)) {
      const superType2 = this.getSuperClass(type2);
      if (superType2 === null) {
        return false;
      }
      if (this.currentClassIsInterface) {
        const sort = type2.getSort();
        return sort === Type.OBJECT || sort === Type.ARRAY;
      }
      return this.isAssignableFrom(type1, superType2);
    }
    if (currentClass !== null && currentClass.equals(type2)) {
      if (this.currentSuperClass !== null && this.isAssignableFrom(type1, this.currentSuperClass)) {
        return true;
      }
      const interfaces = this.currentClassInterfaces;
      if (interfaces !== null) {
        for (let i = 0; i < interfaces.length; ++i) {
          if (this.isAssignableFrom(type1, interfaces[i]!)) {
            return true;
          }
        }
      }
      return false;
    }
    if (type1.getSort() === Type.ARRAY || type2.getSort() === Type.ARRAY) {
      return this.isArrayAssignableFrom(type1, type2);
    }
    return this.isClassAssignableFrom(type1.getInternalName(), type2.getInternalName());
  }

  /** Class.isAssignableFrom for two classes or interfaces, from the class hierarchy. */
  private isClassAssignableFrom(name1: string, name2: string): boolean {
    const hierarchy = this.hierarchy();
    const isInterface1 = hierarchy.isInterface(name1);
    if (isInterface1 === undefined) {
      throw this.classNotFound(name1);
    }
    // Look name2 up first: Java's getClass fails on an unknown class even when name1 is Object.
    if (hierarchy.getSuperName(name2) === undefined && !this.isCurrentClass(name2)) {
      throw this.classNotFound(name2);
    }
    if (name1 === OBJECT) {
      return true;
    }
    if (!isInterface1) {
      // A class is assignable only from its subclasses (interfaces have Object as super class).
      for (let name: string | null = name2; name !== null; name = this.superNameOf(name)) {
        if (name === name1) {
          return true;
        }
      }
      return false;
    }
    if (hierarchy.getInterfaces === undefined) {
      // Without interfaces, a class is never assignable to an interface (see ClassHierarchy).
      return false;
    }
    // Search name1 among the super interfaces of name2 and of its super classes.
    const visited = new Set<string>();
    const toVisit: string[] = [];
    for (let name: string | null = name2; name !== null; name = this.superNameOf(name)) {
      toVisit.push(name);
    }
    while (toVisit.length > 0) {
      const name = toVisit.pop()!;
      if (name === name1) {
        return true;
      }
      if (visited.has(name)) {
        continue;
      }
      visited.add(name);
      const interfaces = this.interfacesOf(name);
      for (let i = 0; i < interfaces.length; ++i) {
        toVisit.push(interfaces[i]!);
      }
    }
    return false;
  }

  /** Class.isAssignableFrom when one type is an array (JVMS §4.10.1.2: arrays are Cloneable and Serializable). */
  private isArrayAssignableFrom(type1: Type, type2: Type): boolean {
    if (type2.getSort() !== Type.ARRAY) {
      return false;
    }
    if (type1.getSort() !== Type.ARRAY) {
      const name = type1.getInternalName();
      return name === OBJECT || name === 'java/lang/Cloneable' || name === 'java/io/Serializable';
    }
    const component1 = Type.getType(type1.getDescriptor().substring(1));
    const component2 = Type.getType(type2.getDescriptor().substring(1));
    const sort1 = component1.getSort();
    const sort2 = component2.getSort();
    if (sort1 !== Type.OBJECT && sort1 !== Type.ARRAY) {
      return component1.equals(component2);
    }
    if (sort2 !== Type.OBJECT && sort2 !== Type.ARRAY) {
      return false;
    }
    return this.isAssignableFrom(component1, component2);
  }

  private isCurrentClass(internalName: string): boolean {
    return this.currentClass !== null && this.currentClass.getSort() === Type.OBJECT && this.currentClass.getInternalName() === internalName;
  }

  /** The super class name of a class of the hierarchy (or of the class being verified). */
  private superNameOf(internalName: string): string | null {
    if (this.isCurrentClass(internalName)) {
      return this.currentSuperClass === null ? null : this.currentSuperClass.getInternalName();
    }
    const superName = this.hierarchy().getSuperName(internalName);
    if (superName === undefined) {
      throw this.classNotFound(internalName);
    }
    return superName;
  }

  /** The direct super interfaces of a class of the hierarchy (or of the class being verified). */
  private interfacesOf(internalName: string): readonly string[] {
    if (this.isCurrentClass(internalName)) {
      const interfaces = this.currentClassInterfaces;
      return interfaces === null ? [] : interfaces.map((type) => type.getInternalName());
    }
    const hierarchy = this.hierarchy();
    const interfaces = hierarchy.getInterfaces!(internalName);
    if (interfaces === undefined) {
      throw this.classNotFound(internalName);
    }
    return interfaces ?? [];
  }

  /** Fails like Java's getClass when `type` (of OBJECT sort) is neither known nor the class being verified. */
  private requireClass(type: Type): void {
    if (type.getSort() !== Type.OBJECT) {
      return;
    }
    const internalName = type.getInternalName();
    if (!this.isCurrentClass(internalName) && this.hierarchy().getSuperName(internalName) === undefined) {
      throw this.classNotFound(internalName);
    }
  }

  /** The class hierarchy given to setClassHierarchy, else the current JDK's classes. */
  private hierarchy(): ClassHierarchy {
    return this.classHierarchy ?? defaultClassHierarchy();
  }

  /** Java's TypeNotPresentException, as an Error naming the class and where it was searched. */
  private classNotFound(internalName: string): Error {
    const error = new Error(
      this.classHierarchy === null
        ? `Class ${internalName} not found in SimpleVerifier's default class hierarchy, the current JDK ` +
            `(${defaultClassHierarchy().describe()}): call setClassHierarchy with a ClassPath that has it`
        : `Class ${internalName} not found in the class hierarchy given to SimpleVerifier`,
    );
    error.name = 'TypeNotPresentException';
    return error;
  }
}

/** The classes of the current JDK, shared by the SimpleVerifiers given no class hierarchy; made when first needed. */
let jdkClassPath: ClassPath | null = null;

function defaultClassHierarchy(): ClassPath {
  return (jdkClassPath ??= new ClassPath([]));
}
