// # Javassist's Descriptor: type and method descriptors (JVMS §4.3) to and from Java names
//
// The static helpers real Javassist code calls to build a descriptor for getMethod, print one, or
// count a method's parameter words: `Descriptor.ofMethod(CtClass.intType, [pool.get('java.lang.String')])`
// is `(Ljava/lang/String;)I`, `Descriptor.toString('(JI)V')` is `(long,int)`. Class names are dotted
// (`java.lang.String`) and JVM names slashed (`java/lang/String`), as in Javassist.

import { toDottedName, toInternalName } from '../../classfile/class-names.js';
import type { ClassPool } from '../class-pool.js';
import type { CtClass } from '../ct-class.js';

const PRIMITIVE_NAMES: Readonly<Record<string, string>> = {
  Z: 'boolean', B: 'byte', C: 'char', S: 'short', I: 'int', J: 'long', F: 'float', D: 'double', V: 'void',
};

/** The index after the type descriptor starting at `at` in `desc`, or -1 if there is none there. */
function typeEnd(desc: string, at: number): number {
  let i = at;
  while (desc[i] === '[') i++;
  const c = desc[i];
  if (c === 'L') {
    const semicolon = desc.indexOf(';', i);
    return semicolon < 0 ? -1 : semicolon + 1;
  }
  return c !== undefined && c in PRIMITIVE_NAMES ? i + 1 : -1;
}

/** The parameter type descriptors of a method descriptor. */
function parameterDescriptors(desc: string): string[] {
  const result: string[] = [];
  let i = 1;
  while (desc[i] !== ')' && i < desc.length) {
    const end = typeEnd(desc, i);
    if (end < 0) throw new Error(`bad descriptor: ${desc}`);
    result.push(desc.slice(i, end));
    i = end;
  }
  return result;
}

/** The size in words of a type descriptor's value: 2 for long and double, 0 for void, else 1. */
function size(typeDesc: string): number {
  return typeDesc === 'J' || typeDesc === 'D' ? 2 : typeDesc === 'V' ? 0 : 1;
}

/**
 * Javassist's Descriptor.Iterator: walks a descriptor type by type; next() answers the index of the
 * type it moved past (its first '[' for an array), isParameter() whether it is inside the parentheses.
 */
class DescriptorIterator {
  private index = 0;
  private curPos = 0;
  private param = false;

  constructor(private readonly desc: string) {}

  hasNext(): boolean {
    return this.index < this.desc.length;
  }

  isParameter(): boolean {
    return this.param;
  }

  /** The first character of the current type. */
  currentChar(): string {
    return this.desc.charAt(this.curPos);
  }

  /** Whether the current type takes two slots (long, double). */
  is2byte(): boolean {
    const c = this.currentChar();
    return c === 'D' || c === 'J';
  }

  next(): number {
    let nextPos = this.index;
    let c = this.desc.charAt(nextPos);
    if (c === '(') {
      this.index++;
      c = this.desc.charAt(++nextPos);
      this.param = true;
    }
    if (c === ')') {
      this.index++;
      c = this.desc.charAt(++nextPos);
      this.param = false;
    }
    while (c === '[') c = this.desc.charAt(++nextPos);
    if (c === 'L') {
      nextPos = this.desc.indexOf(';', nextPos) + 1;
      if (nextPos <= 0) throw new RangeError('bad descriptor');
    } else nextPos++;
    this.curPos = this.index;
    this.index = nextPos;
    return this.curPos;
  }
}

export const Descriptor = {
  /** `new Descriptor.Iterator(desc)`. */
  Iterator: DescriptorIterator,

  /** The number of leading '[' (JVMS §4.3.2): 0 for a non-array type. */
  arrayDimension(descriptor: string): number {
    let dim = 0;
    while (descriptor.charAt(dim) === '[') dim++;
    return dim;
  },

  /** The descriptor with its first `dim` '[' removed. */
  toArrayComponent(descriptor: string, dim: number): string {
    return descriptor.substring(dim);
  },

  /** `java.lang.String` → `java/lang/String`; a CtClass: its JVM name, its descriptor for an array. */
  toJvmName(classOrName: string | CtClass): string {
    if (typeof classOrName === 'string') return toInternalName(classOrName);
    return classOrName.isArray() ? classOrName.getDescriptor() : toInternalName(classOrName.getName());
  },

  /** `java/lang/String` → `java.lang.String`. */
  toJavaName(jvmName: string): string {
    return toDottedName(jvmName);
  },

  /** A type descriptor as a Java name: `[Ljava/lang/String;` → `java.lang.String[]`, `I` → `int`. */
  toClassName(descriptor: string): string {
    let dimensions = 0;
    while (descriptor[dimensions] === '[') dimensions++;
    const base = descriptor.slice(dimensions);
    let name: string;
    if (base.startsWith('L') && base.endsWith(';')) name = toDottedName(base.slice(1, -1));
    else if (base.length === 1 && base in PRIMITIVE_NAMES) name = PRIMITIVE_NAMES[base]!;
    else throw new Error(`bad descriptor: ${descriptor}`);
    return name + '[]'.repeat(dimensions);
  },

  /** The descriptor of a type (`I`, `[Ljava/lang/String;`), or of the class named `className`: `L…;`. */
  of(typeOrClassName: CtClass | string): string {
    if (typeof typeOrClassName === 'string') return `L${toInternalName(typeOrClassName)};`;
    return typeOrClassName.getDescriptor();
  },

  /** `(params)returnType`. */
  ofMethod(returnType: CtClass | null, parameters: readonly CtClass[] | null): string {
    return Descriptor.ofParameters(parameters) + (returnType === null ? 'V' : returnType.getDescriptor());
  },

  /** A constructor's descriptor: `(params)V`. */
  ofConstructor(parameters: readonly CtClass[] | null): string {
    return Descriptor.ofMethod(null, parameters);
  },

  /** `(params)`, without a return type. */
  ofParameters(parameters: readonly CtClass[] | null): string {
    return `(${(parameters ?? []).map((type) => type.getDescriptor()).join('')})`;
  },

  /** The parameters of a method descriptor as Java source: `(JI)V` → `(long,int)`; another descriptor as is. */
  toString(descriptor: string): string {
    if (!descriptor.startsWith('(')) return descriptor;
    return `(${parameterDescriptors(descriptor).map((d) => Descriptor.toClassName(d)).join(',')})`;
  },

  /** The number of parameters of a method descriptor. */
  numOfParameters(descriptor: string): number {
    return parameterDescriptors(descriptor).length;
  },

  /** The words the parameters take (long and double two, JVMS §2.6.1). */
  paramSize(descriptor: string): number {
    return parameterDescriptors(descriptor).reduce((sum, d) => sum + size(d), 0);
  },

  /**
   * The words a value of a type descriptor takes; for a method descriptor, the return value's words
   * less the parameters' (what a call does to the operand stack, the target aside), as Javassist's.
   */
  dataSize(descriptor: string): number {
    if (!descriptor.startsWith('(')) return size(descriptor[0] === '[' ? 'L' : descriptor[0]!);
    const returnType = descriptor.slice(descriptor.indexOf(')') + 1);
    return size(returnType[0] === '[' ? 'L' : returnType[0]!) - Descriptor.paramSize(descriptor);
  },

  /** `(params)` of a method descriptor. */
  getParamDescriptor(descriptor: string): string {
    return descriptor.slice(0, descriptor.indexOf(')') + 1);
  },

  /** Whether two method descriptors have the same parameters. */
  eqParamTypes(desc1: string, desc2: string): boolean {
    return Descriptor.getParamDescriptor(desc1) === Descriptor.getParamDescriptor(desc2);
  },

  /** The method descriptor with a parameter of class `classOrName` (a dotted name or a CtClass) added last. */
  appendParameter(classOrName: string | CtClass, descriptor: string): string {
    const close = descriptor.indexOf(')');
    if (close < 0) return descriptor;
    return descriptor.slice(0, close) + parameterDescriptor(classOrName) + descriptor.slice(close);
  },

  /** The method descriptor with a parameter of class `classOrName` added first. */
  insertParameter(classOrName: string | CtClass, descriptor: string): string {
    if (!descriptor.startsWith('(')) return descriptor;
    return '(' + parameterDescriptor(classOrName) + descriptor.slice(1);
  },

  /** The method descriptor returning the class named `className` (dotted) instead. */
  changeReturnType(className: string, descriptor: string): string {
    const close = descriptor.indexOf(')');
    if (close < 0) return descriptor;
    return descriptor.slice(0, close + 1) + `L${toInternalName(className)};`;
  },

  /** The parameter types of a method descriptor, from `pool`. */
  getParameterTypes(descriptor: string, pool: ClassPool): CtClass[] | null {
    if (!descriptor.startsWith('(')) return null;
    return parameterDescriptors(descriptor).map((d) => pool.getByDescriptor(d));
  },

  /** The return type of a method descriptor, from `pool`. */
  getReturnType(descriptor: string, pool: ClassPool): CtClass {
    const close = descriptor.indexOf(')');
    if (close < 0) return pool.getByDescriptor(descriptor);
    return pool.getByDescriptor(descriptor.slice(close + 1));
  },

  /** The CtClass of a type descriptor. */
  toCtClass(descriptor: string, pool: ClassPool): CtClass {
    return pool.getByDescriptor(descriptor);
  },

  /** `descriptor` with every `L<oldName>;` (JVM names) renamed; given a map (JVM names), all of its entries. */
  rename(descriptor: string, oldNameOrMap: string | ReadonlyMap<string, string>, newName?: string): string {
    const map = typeof oldNameOrMap === 'string' ? new Map([[oldNameOrMap, newName!]]) : oldNameOrMap;
    return descriptor.replace(/L([^;()]+);/g, (whole, name: string) => {
      const renamed = map.get(name);
      return renamed === undefined ? whole : `L${renamed};`;
    });
  },
};

/** A parameter's descriptor: a CtClass's, or `L…;` of a dotted class name. */
function parameterDescriptor(classOrName: string | CtClass): string {
  return typeof classOrName === 'string' ? `L${toInternalName(classOrName)};` : classOrName.getDescriptor();
}
