// # Where the lambda bodies of a class being redefined go (CtClass.setRedefining)
//
// A JVM retransforming or redefining a class it loaded takes new method bodies only (JVMTI
// RedefineClasses: no method added or removed). The `lambda$m$n` method that javac, and the snippet
// compiler, make of each lambda body would be a new method, and the JVM would refuse the whole class.
// So the lambda bodies of that class's snippets go to one companion class, `Outer$lambdas$N`, as static
// methods, and each call site's handle (the implementation method LambdaMetafactory is given, JLS
// §15.27.4) names them there. The invokedynamic instruction and its bootstrap method are part of the new
// method body and constant pool, which redefinition may change.
//
// Decisions:
// - A body that uses `this` becomes a static method taking the instance first: the code is the same
//   (slot 0 holds the instance either way), and so is the call site, whose first captured value is the
//   instance (`H_INVOKESTATIC` instead of javac's `H_INVOKEVIRTUAL`/`H_INVOKESPECIAL`).
// - The companion is package-private, in the class's package (its runtime package once the class's loader
//   defines it: `classforge attach` and the agent define added classes before the class), its methods
//   package access: the class's Lookup reaches them. The code of the bodies may use what any other class of
//   that package may — not the class's private members, not `super.m()` — and the compiler refuses the
//   rest with the reason (CompileContext.runsIn).
// - N is the first number no class has (the class path of an attach session asks the JVM), so a later
//   session's companion does not collide with one an earlier session defined.

import { Opcodes } from '../asm/opcodes.js';
import { ClassNode } from '../tree/class-node.js';
import type { MethodNode } from '../tree/method-node.js';
import type { CtClass } from './ct-class.js';

const companions = new WeakMap<CtClass, CtClass>();

/**
 * The companion class that takes the lambda bodies of `ctClass`'s snippets, made on first use;
 * `onUndo` receives the step that takes it back when the snippet that made it fails.
 */
export function lambdaCompanionOf(ctClass: CtClass, hasClass: (internalName: string) => boolean, onUndo: (step: () => void) => void): CtClass {
  const known = companions.get(ctClass);
  if (known !== undefined) return known;
  const outer = ctClass.classNode();
  let n = 1;
  while (hasClass(`${outer.name}$lambdas$${n}`)) n++;
  const node = new ClassNode();
  node.version = outer.version;
  node.access = Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
  node.name = `${outer.name}$lambdas$${n}`;
  node.superName = 'java/lang/Object';
  // Its code comes from the class's source: stack traces name that file.
  node.sourceFile = outer.sourceFile;
  const pool = ctClass.getClassPool();
  const companion = pool.adoptClass(node);
  ctClass.companionMade(companion, true);
  companions.set(ctClass, companion);
  onUndo(() => {
    companions.delete(ctClass);
    ctClass.companionMade(companion, false);
    pool.removeCached(companion);
  });
  return companion;
}

/**
 * The name javac would give the next lambda body of a method named `base` (`new` for constructors, `static`
 * for static initializers) among `methods`: `lambda$<base>$<n>`, counting the lambda methods there, the first free.
 */
export function freeLambdaName(methods: readonly MethodNode[], base: string): string {
  const taken = new Set(methods.map((m) => m.name));
  let n = methods.filter((m) => m.name.startsWith('lambda$')).length;
  while (taken.has(`lambda$${base}$${n}`)) n++;
  return `lambda$${base}$${n}`;
}

/**
 * Moves `method`, a lambda body compiled for `outer` (an instance method when it uses `this`), into
 * `companion` as a static method named as javac would (`lambda$<base>$<n>`, the first n free there).
 */
export function addLambdaBody(companion: CtClass, outer: string, base: string, method: MethodNode, onUndo: (step: () => void) => void): string {
  const node = companion.classNode();
  method.name = freeLambdaName(node.methods, base);
  if ((method.access & Opcodes.ACC_STATIC) === 0) method.desc = `(L${outer};${method.desc.slice(1)}`;
  method.access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
  node.methods.push(method);
  onUndo(() => node.methods.splice(node.methods.indexOf(method), 1));
  return method.name;
}
