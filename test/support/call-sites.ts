// The invokedynamic call sites of a method, as text to compare with javac's: name and descriptor,
// bootstrap method, and its arguments (a handle as `handle <kind> <owner>.<name><descriptor>`, a lambda
// method as `handle <kind> <owner>.lambda$`: javac names and numbers its lambdas otherwise).
import { ClassReader } from '../../src/asm/class-reader.js';
import { Handle } from '../../src/asm/handle.js';
import { Type } from '../../src/asm/type.js';
import { ClassNode } from '../../src/tree/class-node.js';
import { InvokeDynamicInsnNode } from '../../src/tree/invoke-dynamic-insn-node.js';
import { ClassPool } from '../../src/source/index.js';
import { type CompiledClasses, compileJava } from '../../src/testing/index.js';

export function invokeDynamicSites(classFile: Uint8Array, method: string): string[] {
  const node = new ClassNode();
  new ClassReader(classFile).accept(node, 0);
  const found = node.methods.find((m) => m.name === method);
  if (found === undefined) throw new Error(`no method ${method}`);
  const describe = (arg: unknown): string => {
    // A lambda method's descriptor too: javac's lambda for a method reference takes the erased function type's parameters.
    if (arg instanceof Handle) return `handle ${arg.getTag()} ${arg.getOwner()}.${arg.getName().startsWith('lambda$') ? 'lambda$' : arg.getName() + arg.getDesc()}`;
    return arg instanceof Type ? arg.getDescriptor() : String(arg);
  };
  return found.instructions
    .toArray()
    .filter((insn): insn is InvokeDynamicInsnNode => insn instanceof InvokeDynamicInsnNode)
    .map((insn) => `${insn.name}${insn.desc} ${insn.bsm.getName()} [${insn.bsmArgs.map(describe).join(', ')}]`);
}

/** How many lambda methods (`lambda$…`) a class has. */
export function lambdaMethodCount(classFile: Uint8Array): number {
  const node = new ClassNode();
  new ClassReader(classFile).accept(node, 0);
  return node.methods.filter((m) => m.name.startsWith('lambda$')).length;
}

/**
 * A class compiled twice: by javac from `sources(false)`, and by classforge/source, each method of
 * `bodies` set (CtMethod.setBody) in javac's build of `sources(true)`, whose methods are stubs.
 */
export async function compiledBothWays(
  sources: (stub: boolean) => Record<string, string>,
  className: string,
  bodies: Record<string, string>,
): Promise<{ ours: Uint8Array; javacs: Uint8Array; stubs: CompiledClasses }> {
  const byJavac = await compileJava(sources(false), { javacOptions: ['-g'] });
  const stubs = await compileJava(sources(true), { javacOptions: ['-g'] });
  const edited = new ClassPool(true).appendClassPath(stubs.dir).get(className);
  for (const [name, body] of Object.entries(bodies)) edited.getDeclaredMethod(name).setBody(`{ ${body} }`);
  return { ours: edited.toBytecode(), javacs: byJavac.classes.get(className.replace(/\./g, '/'))!, stubs };
}
