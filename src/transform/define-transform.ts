// # defineTransform: one definition of a transform, run offline, at JVM start, in a live JVM and in tests
//
// A transform module's default export (DESIGN.md, contract 3):
//
//   export default defineTransform({
//     name: 'trace',
//     include: ['com.acme.**'], exclude: ['com.acme.gen.*'],
//     options: { type: 'object', properties: { level: { type: 'string' } } },
//     visitor: (next, ctx) => new TraceClassVisitor(next, ctx.options.level),
//   });
//
// Decisions:
// - Exactly one style: `visitor` (an ASM ClassVisitor in front of the writer), `tree` (a ClassNode
//   changed in place, or replaced by the returned one) or `source` (a Javassist-style CtClass, run
//   by classforge/source, see src/source/run-source-transform.ts). Mixing styles inside one
//   definition would make the order of the two ambiguous; compose two definitions instead.
// - Everything is synchronous. Frames are computed inside ClassWriter, whose getCommonSuperClass
//   is synchronous, and the agent host answers the JVM class by class; an async transform would
//   buy nothing and cost a promise per class. A tree transform returning a promise is reported.
// - The definition is validated here, when the module is evaluated, so that a typo ("visiter",
//   an include that is not a string) fails before any class is read, naming the transform.
// - The result is frozen, and branded with a registered symbol so the loader recognises it even
//   when the transform module was bundled against another copy of classforge.

import type { CtClass } from '../source/ct-class.js';
import type { ClassVisitor } from '../asm/class-visitor.js';
import type { ClassPath } from '../classpath/class-path.js';
import type { ClassNode } from '../tree/class-node.js';
import { createClassNameFilter } from '../util/class-name-glob.js';
import { TransformDefinitionError } from './transform-definition-error.js';

/** A JSON Schema (draft 2020-12 or 07, as ajv reads it) for a transform's options. */
export type TransformOptionsSchema = { readonly [keyword: string]: unknown } | boolean;

/** What a transform gets besides the class: its options, the class's names, the class path, a logger. */
export interface TransformContext<Options = any> {
  /** The transform's options: `--options` validated against its schema, defaults filled in. */
  readonly options: Options;
  /** The dotted Java name of the class being transformed (`com.acme.Foo$Bar`, `module-info`). */
  readonly className: string;
  /** The internal name of the class (`com/acme/Foo$Bar`), as ASM's visit() receives it. */
  readonly internalName: string;
  /** The classes visible to the transform: the input, `--cp`, then the JDK. Read-only, never loads a class. */
  readonly classPath: ClassPath;
  /** The name of the running transform. */
  readonly transformName: string;
  /**
   * Whether the class replaces one the JVM already loaded: `classforge attach` retransforms the loaded
   * classes, and at JVM start the agent retransforms those loaded before it (Byte Buddy's
   * `classBeingRedefined != null`). The JVM then takes new method bodies only (JVMTI RedefineClasses: no
   * field or method added or removed, no change of flags, supertypes or NestMembers) and refuses anything
   * else for that class, which keeps its code. Source transforms compile their snippets to fit
   * (CtClass.setRedefining); visitor and tree transforms that add members can check it and do less.
   * False in `classforge transform` and for classes transformed as they load.
   */
  readonly redefining: boolean;
  /** Reports a message for this class (the CLI prints it on stderr, prefixed with transform and class). */
  log(message: string): void;
  /**
   * Adds a class beside the one being rewritten (a companion its new code uses: an accessor, a proxy),
   * given as class file bytes; returns its internal name. It goes where the rewritten class goes: into
   * the output of `classforge transform`, among transformClasses' classes, and inside a JVM it is
   * defined by the class loader of the rewritten class as that one loads. No transform runs on it.
   * Classes every rewritten class shares belong in helperClasses instead.
   */
  addClass(bytes: Uint8Array): string;
}

/** The visitor style: returns the ClassVisitor that sees the class before `next`. */
export type VisitorTransform<Options = any> = (next: ClassVisitor, ctx: TransformContext<Options>) => ClassVisitor;

/** The tree style: changes `node` in place (return nothing) or returns the ClassNode to write instead. */
export type TreeTransform<Options = any> = (node: ClassNode, ctx: TransformContext<Options>) => ClassNode | void;

/**
 * The source style: edits a Javassist-style CtClass (`classforge/source`). The parameter is typed
 * loosely here because the CtClass type belongs to classforge/source, which builds on this layer.
 */
export type SourceTransform<Options = any> = (ctClass: CtClass, ctx: TransformContext<Options>) => void;

/** What a transform's `helperClasses` function gets: its options, the class path, a logger. */
export interface HelperClassesContext<Options = any> {
  /** The transform's options: `--options` validated against its schema, defaults filled in. */
  readonly options: Options;
  /** The classes visible to the transform (as ctx.classPath of the transform functions). */
  readonly classPath: ClassPath;
  /** The name of the transform. */
  readonly transformName: string;
  /** Reports a message (the CLI prints it on stderr, prefixed with the transform's name). */
  log(message: string): void;
}

/**
 * Classes the transform adds beside the ones it rewrites (a runtime helper its rewritten code calls:
 * a clock, a counter registry), as class file bytes (one, or an array); called once per run, before any
 * class is rewritten.
 */
export type HelperClassesFunction<Options = any> = (ctx: HelperClassesContext<Options>) => Iterable<Uint8Array> | Uint8Array;

/** The three ways to write a transform. */
export type TransformStyle = 'visitor' | 'tree' | 'source';

/** What `defineTransform` accepts. */
export interface TransformSpec<Options = any> {
  /** Names the transform in messages and in scoped `--options name=<json>`: letters, digits, `_ . - @ / :`. */
  name: string;
  /** Optional one-line description. */
  description?: string;
  /** Dotted class-name globs (`*` within a segment, `**` across); default: every class. */
  include?: string | readonly string[];
  /** Dotted class-name globs of classes to leave alone, even when included. */
  exclude?: string | readonly string[];
  /** A JSON Schema for the options (checked with ajv, defaults applied). Default: any options. */
  options?: TransformOptionsSchema;
  visitor?: VisitorTransform<Options>;
  tree?: TreeTransform<Options>;
  source?: SourceTransform<Options>;
  /**
   * Classes to add to the output (see HelperClassesFunction): written beside the classes by
   * `classforge transform`, put in the agent jar (on the JVM's system class path) by `agent`, `run`
   * and `attach`, and added to `transformClasses`' result. They are added as they are: no transform runs on them.
   */
  helperClasses?: HelperClassesFunction<Options>;
}

/** A validated, frozen transform definition: the default export of a transform module. */
export interface TransformDefinition<Options = any> {
  readonly name: string;
  readonly description: string | null;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** The options schema, or null when the transform declares none. */
  readonly options: TransformOptionsSchema | null;
  readonly style: TransformStyle;
  readonly visitor: VisitorTransform<Options> | null;
  readonly tree: TreeTransform<Options> | null;
  readonly source: SourceTransform<Options> | null;
  /** The function giving the classes the transform adds, or null. */
  readonly helperClasses: HelperClassesFunction<Options> | null;
  /**
   * Globs the command line narrows the transform to (`--include`/`--exclude`, see narrowTransform),
   * on top of its own; null when nothing narrows it.
   */
  readonly selection: ClassSelection | null;
  /** Whether the include/exclude globs (and the selection, if any) select `className` (dotted, or internal with '/'). */
  matches(className: string): boolean;
}

/** Dotted class-name globs that select classes: some `include` (any, when empty) and no `exclude`. */
export interface ClassSelection {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * `definition` narrowed to the classes `selection` also selects (the command line's `--include` and
 * `--exclude`): a class goes to the transform when its own globs and the selection both select it.
 * With an empty selection, the definition itself.
 */
export function narrowTransform<Options>(definition: TransformDefinition<Options>, selection: ClassSelection | null | undefined): TransformDefinition<Options> {
  if (selection === null || selection === undefined || (selection.include.length === 0 && selection.exclude.length === 0)) return definition;
  const where = `--include/--exclude`;
  const include = globList(selection.include, 'include', where);
  const exclude = globList(selection.exclude, 'exclude', where);
  const selects = createClassNameFilter(include, exclude);
  const own = definition.matches;
  const narrowed: TransformDefinition<Options> = {
    ...definition,
    selection: Object.freeze({ include: Object.freeze(include), exclude: Object.freeze(exclude) }),
    matches: (className: string) => own(className) && selects(className),
  };
  Object.defineProperty(narrowed, TRANSFORM_BRAND, { value: true });
  return Object.freeze(narrowed);
}

/** Marks objects made by defineTransform (a registered symbol: shared by every copy of classforge). */
const TRANSFORM_BRAND: unique symbol = Symbol.for('classforge.TransformDefinition') as never;

const KNOWN_KEYS = ['name', 'description', 'include', 'exclude', 'options', 'visitor', 'tree', 'source', 'helperClasses'];
const STYLES: readonly TransformStyle[] = ['visitor', 'tree', 'source'];
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.@/:-]*$/;

/** Defines a transform (DESIGN.md, contract 3); throws TransformDefinitionError when `spec` is malformed. */
export function defineTransform<Options = any>(spec: TransformSpec<Options> | TransformDefinition<Options>): TransformDefinition<Options> {
  if (isTransformDefinition(spec)) return spec as unknown as TransformDefinition<Options>;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TransformDefinitionError(`defineTransform expects an object, got ${describeValue(spec)}`);
  }
  const raw = spec as unknown as Record<string, unknown>;
  const name = raw.name;
  if (name === undefined) {
    throw new TransformDefinitionError("a transform needs a name: add name: '<name>' to defineTransform({ … }) (it names the transform in messages and in --options <name>=<json>)");
  }
  if (typeof name !== 'string' || name === '') {
    throw new TransformDefinitionError(`a transform needs a name (a non-empty string), got ${describeValue(name)}`);
  }
  const where = `transform '${name}'`;
  if (!NAME_PATTERN.test(name)) {
    throw new TransformDefinitionError(
      `${where}: the name may only hold letters, digits and _ . - @ / : (it is used in --options ${name}=<json>)`,
    );
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new TransformDefinitionError(`${where}: unknown property '${key}' (expected one of ${KNOWN_KEYS.join(', ')})`);
    }
  }
  const description = raw.description;
  if (description !== undefined && typeof description !== 'string') {
    throw new TransformDefinitionError(`${where}: description must be a string, got ${describeValue(description)}`);
  }
  const include = globList(raw.include, 'include', where);
  const exclude = globList(raw.exclude, 'exclude', where);
  const options = raw.options;
  if (options !== undefined && typeof options !== 'boolean' && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new TransformDefinitionError(`${where}: options must be a JSON Schema object, got ${describeValue(options)}`);
  }
  const styles = STYLES.filter((style) => raw[style] !== undefined);
  if (styles.length !== 1) {
    throw new TransformDefinitionError(
      styles.length === 0
        ? `${where}: give one of visitor(next, ctx), tree(node, ctx) or source(ctClass, ctx)`
        : `${where}: give only one of visitor, tree and source (got ${styles.join(' and ')}); compose two transforms instead`,
    );
  }
  const style = styles[0]!;
  if (typeof raw[style] !== 'function') {
    throw new TransformDefinitionError(`${where}: ${style} must be a function, got ${describeValue(raw[style])}`);
  }
  const helperClasses = raw.helperClasses;
  if (helperClasses !== undefined && typeof helperClasses !== 'function') {
    throw new TransformDefinitionError(`${where}: helperClasses must be a function (ctx) => class files, got ${describeValue(helperClasses)}`);
  }
  const matches = createClassNameFilter(include, exclude);
  const definition: TransformDefinition<Options> = {
    name,
    description: description ?? null,
    include: Object.freeze(include),
    exclude: Object.freeze(exclude),
    options: options === undefined ? null : deepFreeze(options as TransformOptionsSchema),
    style,
    visitor: style === 'visitor' ? (raw.visitor as VisitorTransform<Options>) : null,
    tree: style === 'tree' ? (raw.tree as TreeTransform<Options>) : null,
    source: style === 'source' ? (raw.source as SourceTransform<Options>) : null,
    helperClasses: (helperClasses as HelperClassesFunction<Options> | undefined) ?? null,
    selection: null,
    matches,
  };
  Object.defineProperty(definition, TRANSFORM_BRAND, { value: true });
  return Object.freeze(definition);
}

/** Whether `value` was made by defineTransform (of any copy of classforge). */
export function isTransformDefinition(value: unknown): value is TransformDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TRANSFORM_BRAND] === true;
}

function globList(value: unknown, key: string, where: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) {
    throw new TransformDefinitionError(`${where}: ${key} must be a glob or an array of globs, got ${describeValue(value)}`);
  }
  for (const glob of list) {
    if (typeof glob !== 'string' || glob === '') {
      throw new TransformDefinitionError(`${where}: ${key} must hold non-empty strings, got ${describeValue(glob)}`);
    }
  }
  return [...(list as string[])];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A short description of a value of the wrong type, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const constructorName = (value as object).constructor?.name;
    return constructorName && constructorName !== 'Object' ? `a ${constructorName}` : 'an object';
  }
  if (value === undefined) return 'undefined';
  return `${typeof value} ${String(value)}`;
}
