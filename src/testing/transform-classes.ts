// # transformClasses: the transform pipeline of `classforge transform`, on class files in memory
//
// Runs the same function as the CLI and the agent (applyTransforms, src/transform/), so a test of
// a transform tests what ships. Decisions:
// - Transforms are definitions (a module's default export, imported by the test) or paths of
//   transform files, loaded like `-t` (loadTransform: .ts/.mts/.js/.mjs, no build step).
// - Options are checked as `--options` is: `options` goes to every transform, `optionsByTransform`
//   to one transform by name (and wins); each is validated against the transform's JSON Schema
//   with defaults filled in; a mismatch throws TransformOptionsError naming the path.
// - The class path for frames and ctx.classPath is what the CLI gives: the input classes
//   themselves (held in memory), then `classPath`, then the JDK (createTransformClassPath).
// - The first class a transform fails on throws TransformError ("transform 't' failed on a.B: …"),
//   as the CLI stops on the first failure; `keepGoing: true` keeps failing classes unchanged and
//   lists them in `failures` instead, like --keep-going.
// - The transforms' helper classes (helperClasses) are made first, put on the class path of the run
//   (after the JDK) and returned among the classes, as the CLI writes them into its output; one
//   named as an input class is refused (HelperClassError).

import { ClassReader } from '../asm/class-reader.js';
import type { ClassPath } from '../classpath/class-path.js';
import { type ActiveTransform, applyTransforms, type ClassTransformStatus, type TransformLogEntry } from '../transform/apply-transforms.js';
import { isTransformDefinition, type TransformDefinition } from '../transform/define-transform.js';
import { loadTransform } from '../transform/load-transform.js';
import { createTransformClassPath } from '../transform/transform-class-path.js';
import { TransformError } from '../transform/transform-error.js';
import { collectHelperClasses } from '../transform/helper-classes.js';
import type { AddedClass } from '../transform/added-classes.js';
import { HelperClassError } from '../transform/helper-class-error.js';
import { toDottedName } from '../classfile/class-names.js';
import { resolveTransformOptions, undeclaredOptionWarnings } from '../transform/transform-options.js';
import { type ClassFiles, type ClassFilesInput, compareNames, toClassFiles } from './class-files.js';
import { importWithKitInstances } from './same-instance-import.js';

/** A transform for transformClasses: a definition (defineTransform's result) or a transform file's path. */
export type TransformInput = TransformDefinition | string;

export interface TransformClassesOptions {
  /** More class path entries (directories, jars) for frames and ctx.classPath, after the input classes. */
  classPath?: readonly string[];
  /** Options for every transform (like `--options '<json>'`). Default `{}`, so schema defaults apply. */
  options?: unknown;
  /** Options for one transform each, by transform name (like `--options 'name=<json>'`); wins over `options`. */
  optionsByTransform?: Readonly<Record<string, unknown>>;
  /** The JDK on the class path. Default: JAVA_HOME, else the JDK of the `java` on PATH. */
  javaHome?: string;
  /** Keep a class a transform fails on unchanged and report it in `failures`, instead of throwing. */
  keepGoing?: boolean;
  /** Receives every ctx.log message as it is logged (they are also collected in `logs`). */
  onLog?: (entry: TransformLogEntry) => void;
  /**
   * Transform the classes as `classforge attach` retransforms loaded ones (ctx.redefining: the JVM takes new
   * method bodies only; source snippets compile to fit). Default false: as they load, or as `classforge transform`.
   */
  redefining?: boolean;
}

export interface TransformedClasses {
  /**
   * Every input class by internal name: the new bytes when changed, the input bytes otherwise. A class
   * a transform renamed (a relocation) is under its new name, as `classforge transform` moves its file.
   */
  readonly classes: ClassFiles;
  /** What became of each class: 'changed', 'unchanged' (a transform ran, bytes identical) or 'skipped' (no transform selected it). */
  readonly status: ReadonlyMap<string, ClassTransformStatus | 'failed'>;
  /** Internal names of the changed classes, in name order. */
  readonly changed: readonly string[];
  /** What the transforms logged with ctx.log, in order. */
  readonly logs: readonly TransformLogEntry[];
  /** With keepGoing: the classes a transform failed on (kept unchanged). */
  readonly failures: readonly TransformError[];
  /**
   * Internal names of the classes the transforms added (also in `classes`): their helper classes in the
   * order given, then those ctx.addClass gave, in input order.
   */
  readonly added: readonly string[];
}

/**
 * Applies `transforms`, in order, to every class of `classes` (a Map, a compileJava result, or a
 * directory/jar path) and returns the result in the same Map shape.
 */
export async function transformClasses(
  classes: ClassFilesInput,
  transforms: TransformInput | readonly TransformInput[],
  options: TransformClassesOptions = {},
): Promise<TransformedClasses> {
  const inputs = Array.isArray(transforms) ? (transforms as readonly TransformInput[]) : [transforms as TransformInput];
  if (inputs.length === 0) throw new Error('classforge/testing: transformClasses needs at least one transform');
  const definitions = await Promise.all(inputs.map(resolveDefinition));
  const scoped = new Map(Object.entries(options.optionsByTransform ?? {}));
  const resolvedOptions = resolveTransformOptions(definitions, { shared: options.options, scoped });
  // A misspelt option name passes the schema unless it says additionalProperties: false; say so, as the CLI does.
  const optionSource = { shared: 'transformClasses options', scoped: (name: string) => `transformClasses optionsByTransform.${name}` };
  for (const warning of undeclaredOptionWarnings(definitions, { shared: options.options, scoped }, optionSource)) {
    process.emitWarning(`classforge: ${warning}`, { code: 'CLASSFORGE_UNDECLARED_OPTION' });
  }
  const active: ActiveTransform[] = definitions.map((definition, i) => ({ definition, options: resolvedOptions[i] }));

  const input = toClassFiles(classes);
  let classPath: ClassPath | null = null;
  try {
    const classPathSpec = {
      entries: options.classPath ?? [],
      extraClasses: [...input.values()],
      ...(options.javaHome === undefined ? {} : { jdk: options.javaHome }),
    };
    classPath = createTransformClassPath(classPathSpec);
    const logs: TransformLogEntry[] = [];
    const log = (entry: TransformLogEntry): void => {
      logs.push(entry);
      options.onLog?.(entry);
    };
    // The helper classes first, as the CLI makes them: a broken one throws HelperClassError before any class is rewritten.
    const helpers = collectHelperClasses(active, classPath, log);
    for (const helper of helpers) {
      if (input.has(helper.name)) {
        throw new HelperClassError(helper.transform, `gives ${toDottedName(helper.name)}, which the input classes already hold`);
      }
    }
    if (helpers.length > 0) {
      // The classes being rewritten call the helpers: frames and source snippets must find them.
      classPath.close();
      classPath = createTransformClassPath({ ...classPathSpec, helperClasses: helpers.map((helper) => helper.bytes) });
    }
    const environment = { classPath, log, redefining: options.redefining === true };
    const output: ClassFiles = new Map();
    const status = new Map<string, ClassTransformStatus | 'failed'>();
    const changed: string[] = [];
    const failures: TransformError[] = [];
    /** Each input's name, its output's name (another when a transform renamed the class) and bytes. */
    const results: [input: string, output: string, bytes: Uint8Array][] = [];
    const addedClasses: (AddedClass & { readonly for: string })[] = [];
    for (const [name, bytes] of input) {
      try {
        const result = applyTransforms(bytes, active, environment);
        const outputName = result.status === 'changed' ? new ClassReader(result.bytes).getClassName() : name;
        results.push([name, outputName, result.bytes]);
        for (const added of result.added) addedClasses.push({ ...added, for: name });
        status.set(name, result.status);
        if (result.status === 'changed') changed.push(name);
      } catch (error) {
        if (options.keepGoing !== true || !(error instanceof TransformError)) throw error;
        results.push([name, name, bytes]);
        status.set(name, 'failed');
        failures.push(error);
      }
    }
    // Under the output names, in name order; two classes given one name is the transforms' mistake.
    const byOutputName = new Map<string, string>();
    for (const [name, outputName] of results) {
      const other = byOutputName.get(outputName);
      if (other !== undefined) throw new Error(`classforge/testing: the transforms give ${other} and ${name} the same name, ${outputName}`);
      byOutputName.set(outputName, name);
    }
    for (const helper of helpers) {
      const renamed = byOutputName.get(helper.name);
      if (renamed !== undefined) throw new Error(`classforge/testing: the transforms renamed ${renamed} to ${helper.name}, the name of a helper class of transform '${helper.transform}'`);
      results.push([helper.name, helper.name, helper.bytes]);
      byOutputName.set(helper.name, `helper class ${helper.name}`);
    }
    // The classes ctx.addClass gave, as the CLI writes them next to the class they were added for.
    for (const added of addedClasses) {
      const other = byOutputName.get(added.name);
      if (other !== undefined) throw new Error(`classforge/testing: transform '${added.transform}' added ${added.name} for ${added.for}, but ${other} has that name`);
      results.push([added.name, added.name, added.bytes]);
      byOutputName.set(added.name, `the class added for ${added.for}`);
    }
    for (const [, outputName, bytes] of [...results].sort((a, b) => compareNames(a[1], b[1]))) output.set(outputName, bytes);
    return { classes: output, status, changed, logs, failures, added: [...helpers.map((helper) => helper.name), ...addedClasses.map((added) => added.name)] };
  } finally {
    classPath?.close();
  }
}

async function resolveDefinition(input: TransformInput): Promise<TransformDefinition> {
  if (typeof input === 'string') return importWithKitInstances(await loadTransform(input));
  if (isTransformDefinition(input)) return input;
  throw new TypeError(
    'classforge/testing: a transform is a defineTransform(...) result or the path of a transform file' +
      (typeof input === 'object' && input !== null && 'default' in input ? ' (pass the module\'s default export)' : ''),
  );
}
