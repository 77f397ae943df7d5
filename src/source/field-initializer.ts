// # Javassist's CtField.Initializer: how addField initializes a field, as an object
//
// `cc.addField(f, CtField.Initializer.constant(0))`, `…byNew(pool.get('com.acme.Log'))`,
// `…byParameter(0)`, `…byCall(factory, 'create')`: each is the Java source of the value, for the
// constructor (or static initializer) it runs in — compiled there like addField's source text, where
// `this`, `$1`… and `$args` are the constructor's. What each passes follows Javassist's
// CtField.Initializer subclasses: an instance field's `byNew`/`byCall` hand the new object or the
// static method `this` (an `Object` parameter) first, a static field's nothing; `…WithParams` also
// the constructor's arguments as an Object[]; `stringParams` a String[] of them.

import { toDottedName } from '../classfile/class-names.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import type { CtClass } from './ct-class.js';

/** Where an initializer is compiled: a constructor's descriptor, or null for the static initializer. */
export type InitializerSite = { readonly constructorDescriptor: string | null; readonly fieldDescriptor: string };

/** A Java string literal for `value` (JLS §3.10.5 escapes). */
function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function stringArray(params: readonly string[] | null | undefined): string {
  return `new String[] { ${(params ?? []).map(stringLiteral).join(', ')} }`;
}

/** The arguments `this` (instance fields only), the string array, the constructor's arguments. */
function argumentList(site: InitializerSite, stringParams: readonly string[] | null | undefined, withConstructorArgs: boolean): string {
  const args: string[] = [];
  const instance = site.constructorDescriptor !== null;
  if (instance) args.push('this');
  if (stringParams != null) args.push(stringArray(stringParams));
  if (instance && withConstructorArgs) args.push('$args');
  return args.join(', ');
}

/** A constant as source of the field's type: the literal suffix or cast a field of that type needs. */
function constantSource(value: number | bigint | boolean | string, fieldDescriptor: string): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'boolean') return String(value);
  // Long.MIN_VALUE's digits are no long literal without the minus (JLS §3.10.1): written as a constant expression.
  if (typeof value === 'bigint') return value === -(2n ** 63n) ? '(-9223372036854775807L - 1L)' : `${value}L`;
  const number = Number.isNaN(value) ? '(0.0d / 0.0d)' : value === Infinity ? '(1.0d / 0.0d)' : value === -Infinity ? '(-1.0d / 0.0d)' : Object.is(value, -0) ? '-0.0d' : String(value);
  switch (fieldDescriptor) {
    case 'F':
      return `(float) ${Number.isInteger(value) || !Number.isFinite(value) ? number : `${number}d`}`;
    case 'D':
      return Number.isFinite(value) && !number.startsWith('-0') ? `${number}d` : number;
    case 'J':
      return `${number}L`;
    case 'B':
    case 'S':
    case 'C':
      return `(${fieldDescriptor === 'B' ? 'byte' : fieldDescriptor === 'S' ? 'short' : 'char'}) ${number}`;
    default:
      return `(${number})`;
  }
}

export class Initializer {
  private constructor(
    /** The source of the value at `site`; null: this constructor leaves the field alone. */
    private readonly sourceAt: (site: InitializerSite) => string | null,
    /** Whether a static field may take it. */
    private readonly staticAllowed = true,
  ) {}

  /** @internal The source of the value for `site`, or null for none. */
  sourceFor(site: InitializerSite, fieldName: string): string | null {
    if (site.constructorDescriptor === null && !this.staticAllowed) throw new CannotCompileException(`${fieldName}: this initializer cannot initialize a static field`);
    return this.sourceAt(site);
  }

  /** A constant: a number (converted to the field's type), a bigint for a long, a boolean or a String. */
  static constant(value: number | bigint | boolean | string): Initializer {
    return new Initializer((site) => constantSource(value, site.fieldDescriptor));
  }

  /** Java source of an expression (Javassist's byExpr). */
  static byExpr(source: string): Initializer {
    return new Initializer(() => source);
  }

  /** The `nth` (from 0) parameter of the constructor; a constructor with fewer parameters leaves the field alone. Not for static fields. */
  static byParameter(nth: number): Initializer {
    return new Initializer((site) => {
      const descriptor = site.constructorDescriptor!;
      return nth < parameterCount(descriptor) ? `$${nth + 1}` : null;
    }, false);
  }

  /** `new objectType(this)` (`new objectType()` for a static field), with `stringParams` as a String[] after `this`. */
  static byNew(objectType: CtClass, stringParams?: readonly string[] | null): Initializer {
    return new Initializer((site) => `new ${objectType.getName()}(${argumentList(site, stringParams, false)})`);
  }

  /** byNew, with the constructor's arguments (an Object[]) last. */
  static byNewWithParams(objectType: CtClass, stringParams?: readonly string[] | null): Initializer {
    return new Initializer((site) => `new ${objectType.getName()}(${argumentList(site, stringParams, true)})`);
  }

  /** The result of the static method `methodClass.methodName(this)` (no argument for a static field), with `stringParams` as a String[] after `this`. */
  static byCall(methodClass: CtClass, methodName: string, stringParams?: readonly string[] | null): Initializer {
    return new Initializer((site) => `${methodClass.getName()}.${methodName}(${argumentList(site, stringParams, false)})`);
  }

  /** byCall, with the constructor's arguments (an Object[]) last. */
  static byCallWithParams(methodClass: CtClass, methodName: string, stringParams?: readonly string[] | null): Initializer {
    return new Initializer((site) => `${methodClass.getName()}.${methodName}(${argumentList(site, stringParams, true)})`);
  }

  /** A new array of the array type `type`: `size` elements, or one size per dimension. */
  static byNewArray(type: CtClass, size: number | readonly number[]): Initializer {
    const sizes = typeof size === 'number' ? [size] : size;
    let component = type;
    let dimensions = 0;
    while (component.isArray()) {
      component = component.getComponentType()!;
      dimensions++;
    }
    if (dimensions === 0 || sizes.length > dimensions) throw new CannotCompileException(`byNewArray: ${type.getName()} has fewer than ${sizes.length} dimensions`);
    const name = component.isPrimitive() ? component.getName() : toDottedName(component.getName());
    return new Initializer(() => `new ${name}${sizes.map((s) => `[${s}]`).join('')}${'[]'.repeat(dimensions - sizes.length)}`);
  }
}

/** The number of parameters of a method descriptor. */
function parameterCount(descriptor: string): number {
  let count = 0;
  for (let i = 1; descriptor[i] !== ')'; i++) {
    while (descriptor[i] === '[') i++;
    if (descriptor[i] === 'L') i = descriptor.indexOf(';', i);
    count++;
  }
  return count;
}
