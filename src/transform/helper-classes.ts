// # Helper classes: the classes transforms add beside the ones they rewrite
//
// Rewritten code often calls a class of its own (a clock the tests can freeze, a registry that counts
// calls). A transform gives such classes with `helperClasses(ctx)` (define-transform.ts), and every
// place a transform runs adds them: `classforge transform` writes them into the output directory or
// jar, `agent`/`run`/`attach` put them in the agent jar (which the JVM puts on its system class path),
// `transformClasses` returns them with the rewritten classes.
//
// Decisions:
// - Made once per run, before any class is rewritten: a helper depends on the options, not on the
//   classes, and a broken helper stops the run before it has done any work.
// - Synchronous, as every transform function (define-transform.ts): a promise is refused by name.
// - Each helper is checked as a class file (its constant pool and this_class read), named by its
//   own this_class, and must have a name that is also a safe path (no '..' segment can make a
//   directory output write outside itself). Two helpers of one name, from one transform or two,
//   are refused: which one would win depends on the order of writing.
// - Helpers are added as they are: no transform runs on them (they are the transforms' own code).

import { ClassReader } from '../asm/class-reader.js';
import { Opcodes } from '../asm/opcodes.js';
import { isLegalInternalName, toDottedName } from '../classfile/class-names.js';
import type { ClassPath } from '../classpath/class-path.js';
import type { ActiveTransform, TransformLogEntry } from './apply-transforms.js';
import { describeValue } from './define-transform.js';
import { HelperClassError } from './helper-class-error.js';

/** One class a transform adds. */
export interface HelperClass {
  /** Its internal name (`com/acme/Clock`), read from the class file. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The name of the transform that gave it. */
  readonly transform: string;
}

/** What ctx.log of a helperClasses function reports as the class name. */
export const HELPER_CLASSES_LOG_NAME = '(helper classes)';

/**
 * Calls the helperClasses function of each transform that has one, in order, and returns the classes
 * they give, checked. Throws HelperClassError naming the transform when a function throws or gives
 * something that is not a usable class file.
 */
export function collectHelperClasses(
  transforms: readonly ActiveTransform[],
  classPath: ClassPath,
  log?: (entry: TransformLogEntry) => void,
): HelperClass[] {
  const helpers: HelperClass[] = [];
  const byName = new Map<string, HelperClass>();
  for (const { definition, options } of transforms) {
    // A definition made by an older copy of classforge (bundled into a transform) has no such property.
    const make = definition.helperClasses as unknown;
    if (typeof make !== 'function') continue;
    const transformName = definition.name;
    let given: unknown;
    try {
      given = make({
        options,
        classPath,
        transformName,
        log: (message: string) => log?.({ transform: transformName, className: HELPER_CLASSES_LOG_NAME, message: String(message) }),
      });
    } catch (error) {
      throw new HelperClassError(transformName, 'the function threw', error);
    }
    // One class file alone is taken as a list of one (a Uint8Array is an iterable of numbers).
    if (given instanceof Uint8Array) given = [given];
    if (given !== null && typeof given === 'object' && typeof (given as { then?: unknown }).then === 'function') {
      throw new HelperClassError(transformName, 'returned a promise; return the class files (Uint8Array) themselves, as transforms run synchronously');
    }
    if (given === null || typeof given !== 'object' || typeof (given as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new HelperClassError(transformName, `must return an array (or other iterable) of class files, got ${describeValue(given)}`);
    }
    let position = 0;
    for (const bytes of given as Iterable<unknown>) {
      position++;
      const helper = checkedHelper(transformName, bytes, position);
      const other = byName.get(helper.name);
      if (other !== undefined) {
        throw new HelperClassError(
          transformName,
          other.transform === transformName
            ? `gives ${toDottedName(helper.name)} twice`
            : `gives ${toDottedName(helper.name)}, which transform '${other.transform}' gives too`,
        );
      }
      byName.set(helper.name, helper);
      helpers.push(helper);
    }
  }
  return helpers;
}

/** The helper class at `position` (1-based) of what `transformName` gave, read and checked. */
function checkedHelper(transformName: string, bytes: unknown, position: number): HelperClass {
  if (!(bytes instanceof Uint8Array)) {
    throw new HelperClassError(
      transformName,
      `its class #${position} is ${describeValue(bytes)}, not class file bytes (a Uint8Array, e.g. ClassWriter.toByteArray() or CtClass.toBytecode())`,
    );
  }
  let reader: ClassReader;
  let name: string;
  try {
    reader = new ClassReader(bytes);
    name = reader.getClassName();
  } catch (error) {
    throw new HelperClassError(transformName, `its class #${position} is not a class file`, error);
  }
  if ((reader.getAccess() & Opcodes.ACC_MODULE) !== 0) {
    throw new HelperClassError(transformName, `its class #${position} is a module-info, which cannot be added as a helper class`);
  }
  if (!isLegalInternalName(name)) {
    throw new HelperClassError(transformName, `its class #${position} is named '${name}', which is not a valid class name (JVMS §4.2.1)`);
  }
  return { name, bytes, transform: transformName };
}
