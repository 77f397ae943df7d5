// # Javassist's BootstrapMethodsAttribute: the class's bootstrap methods (JVMS §4.7.23)
//
// What an invokedynamic (Bytecode.addInvokedynamic) or an ldc of a dynamic constant
// (ConstPool.addDynamicInfo) names by index: a MethodHandle entry and its static arguments (pool
// indexes). Read with `cf.getAttribute(BootstrapMethodsAttribute.tag)`, replaced with
// `cf.addAttribute(new BootstrapMethodsAttribute(cp, methods))` as in Javassist. classforge writes the
// class from its tree, where each instruction carries its bootstrap method itself: the table set here
// is what the edited code[] of the class's methods is decoded with (pool-edits.ts), and the class as
// written gets the bootstrap methods its instructions use.

import { AttributeInfo } from './attribute-info.js';
import type { ConstPool } from './const-pool.js';

/** One bootstrap method: the MethodHandle entry's index and the static arguments' indexes (Javassist's BootstrapMethod). */
export class BootstrapMethod {
  methodRef: number;
  arguments: number[];

  constructor(method: number, args: readonly number[]) {
    this.methodRef = method;
    this.arguments = [...args];
  }
}

export class BootstrapMethodsAttribute extends AttributeInfo {
  static readonly tag = 'BootstrapMethods';
  /** `new BootstrapMethodsAttribute.BootstrapMethod(ref, args)`, as Javassist's nested class. */
  static readonly BootstrapMethod = BootstrapMethod;

  private readonly info: Uint8Array;

  /** A table of `methods`, for ClassFile.addAttribute (the attribute's name joins `cp`, as in Javassist). */
  constructor(cp: ConstPool, methods: readonly BootstrapMethod[]);
  /** @internal The table of an attribute's info bytes. */
  constructor(cp: ConstPool | null, info: Uint8Array);
  constructor(cp: ConstPool | null, methodsOrInfo: readonly BootstrapMethod[] | Uint8Array) {
    super(BootstrapMethodsAttribute.tag);
    if (methodsOrInfo instanceof Uint8Array) {
      this.info = methodsOrInfo;
      return;
    }
    cp?.addUtf8Info(BootstrapMethodsAttribute.tag);
    // u2 num_bootstrap_methods; each: u2 bootstrap_method_ref, u2 num_bootstrap_arguments, u2 arguments[].
    const out: number[] = [];
    const u2 = (v: number): void => void out.push((v >>> 8) & 0xff, v & 0xff);
    u2(methodsOrInfo.length);
    for (const method of methodsOrInfo) {
      u2(method.methodRef);
      u2(method.arguments.length);
      method.arguments.forEach(u2);
    }
    this.info = Uint8Array.from(out);
  }

  /** The bootstrap methods, copies (changing them changes nothing here, as in Javassist). */
  getMethods(): BootstrapMethod[] {
    const u2 = (at: number): number => (this.info[at]! << 8) | this.info[at + 1]!;
    const methods: BootstrapMethod[] = [];
    let at = 2;
    for (let i = 0; i < u2(0); i++) {
      const ref = u2(at);
      const count = u2(at + 2);
      methods.push(new BootstrapMethod(ref, Array.from({ length: count }, (_, k) => u2(at + 4 + 2 * k))));
      at += 4 + 2 * count;
    }
    return methods;
  }

  /** The attribute's info bytes (JVMS §4.7.23), a copy. */
  get(): Uint8Array {
    return new Uint8Array(this.info);
  }

  /** The attribute's size in the class file: its info bytes and the 6-byte header (Javassist's AttributeInfo.length). */
  length(): number {
    return this.info.length + 6;
  }
}
