// # Transform options: `--options '<json>'`, checked against each transform's JSON Schema
//
// Decisions:
// - `--options '<json>'` gives the same options to every transform; `--options 'trace=<json>'`
//   gives them to the transform named `trace` only, and wins over the shared value for it. The
//   flag may be repeated (a later value for the same target replaces an earlier one). A JSON
//   text never starts with `name=`, so the two forms cannot be confused.
// - `--options @file.json` (or `trace=@file.json`) reads the JSON from a file, as javac's and curl's
//   @-arguments do: options holding a token or a password stay out of the command line, which
//   every user of the machine can read (ps, /proc/<pid>/cmdline). A JSON text never starts with '@'.
// - Without --options a transform gets `{}`, so that a schema's `default`s still apply.
// - Each transform validates its own deep copy with ajv (`useDefaults`): defaults filled in for
//   one transform do not leak into another's options.
// - Errors name the transform and the offending path: "trace: options/level must be string".
// - ajv runs with strict mode off and formats unchecked: a schema written for another validator
//   (an unknown `format`, an `x-…` annotation) still loads. `$schema` draft 2020-12 is honoured.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { TransformDefinition, TransformOptionsSchema } from './define-transform.js';
import { TransformOptionsError } from './transform-options-error.js';

/** The --options values of a command line, split into shared and per-transform values. */
export interface TransformOptionsArguments {
  /** The value given to every transform (the last unscoped --options), or undefined. */
  readonly shared: unknown;
  /** Values for one transform each, by transform name. */
  readonly scoped: ReadonlyMap<string, unknown>;
}

const SCOPED = /^([A-Za-z0-9_][A-Za-z0-9_.@/:-]*)=([\s\S]*)$/;

/** Parses the --options values (`<json>` or `<transform>=<json>`); throws TransformOptionsError on bad JSON. */
export function parseTransformOptionsArguments(values: readonly string[]): TransformOptionsArguments {
  let shared: unknown = undefined;
  const scoped = new Map<string, unknown>();
  for (const value of values) {
    const match = SCOPED.exec(value);
    if (match !== null) {
      scoped.set(match[1]!, parseJsonArgument(match[2]!, `--options ${match[1]}=…`));
    } else {
      shared = parseJsonArgument(value, '--options');
    }
  }
  return { shared, scoped };
}

/** A `<json>` or `@<file>` argument's value. */
function parseJsonArgument(text: string, where: string): unknown {
  if (!text.startsWith('@')) return parseJson(text, where);
  const path = text.slice(1);
  if (path === '') throw new TransformOptionsError(`${where}: '@' must be followed by the path of a JSON file`);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TransformOptionsError(`${where}: cannot read ${path}: ${(error as Error).message.replace(/, open '.*'$/, '')}`);
  }
  // A UTF-8 byte order mark, which some editors write, is no JSON.
  return parseJson(content.replace(/^\uFEFF/, ''), `${where.replace(/…$/, '')}${where.endsWith('…') ? '' : ' '}@${path}`);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const snippet = text.length > 60 ? text.slice(0, 60) + '…' : text;
    throw new TransformOptionsError(`${where}: invalid JSON (${(error as Error).message}): ${snippet}`);
  }
}

/**
 * The options of each transform, in order: scoped value, else shared value, else `{}`, validated
 * against its schema with defaults applied. Throws TransformOptionsError naming the transform and
 * the path, or naming a scoped target that is no transform of the list.
 */
export function resolveTransformOptions(
  definitions: readonly TransformDefinition[],
  args: TransformOptionsArguments,
): unknown[] {
  for (const target of args.scoped.keys()) {
    if (!definitions.some((definition) => definition.name === target)) {
      const names = definitions.map((definition) => definition.name).join(', ');
      throw new TransformOptionsError(`--options ${target}=…: no transform is named '${target}' (transforms: ${names})`);
    }
  }
  return definitions.map((definition) => {
    const given = args.scoped.has(definition.name) ? args.scoped.get(definition.name) : args.shared;
    return validateTransformOptions(definition, given === undefined ? {} : given);
  });
}

/**
 * The top-level option names a transform's schema declares, when it lists them all: an object schema with
 * `properties` that says nothing of other names (no `additionalProperties`, `patternProperties`, composition or
 * reference); null when it takes names it does not list, or cannot be told. JSON Schema lets an undeclared
 * name through unless `additionalProperties: false`, so `{"prefx": "→"}` for a `prefix` option passed
 * silently and the transform ran with its default.
 */
function declaredOptionNames(schema: TransformOptionsSchema | null): ReadonlySet<string> | null {
  if (schema === null || typeof schema !== 'object') return null;
  const properties = schema.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return null;
  for (const open of ['additionalProperties', 'unevaluatedProperties', 'patternProperties', 'allOf', 'anyOf', 'oneOf', 'if', '$ref', 'dependentSchemas']) {
    if (schema[open] !== undefined) return null;
  }
  return new Set(Object.keys(properties));
}

/**
 * Warnings for --options names no transform they go to declares (a misspelt option, which the schema would
 * let through): a shared name that none of the transforms taking the shared value declares, a scoped name its
 * transform does not. Only for schemas that list their names (see declaredOptionNames).
 */
export function undeclaredOptionWarnings(
  definitions: readonly TransformDefinition[],
  args: TransformOptionsArguments,
  /** How the messages name where a value came from (the CLI's flags by default). */
  source: { readonly shared: string; readonly scoped: (transform: string) => string } = {
    shared: '--options',
    scoped: (transform) => `--options ${transform}=…`,
  },
): string[] {
  const warnings: string[] = [];
  const namesOf = (value: unknown): string[] =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const describe = (definition: TransformDefinition, declared: ReadonlySet<string>): string =>
    `${definition.name}: ${declared.size === 0 ? 'none' : [...declared].join(', ')}`;
  const sharedTakers = definitions.filter((definition) => !args.scoped.has(definition.name));
  const sharedDeclared = sharedTakers.map((definition) => declaredOptionNames(definition.options));
  if (sharedTakers.length > 0 && sharedDeclared.every((declared) => declared !== null)) {
    for (const name of namesOf(args.shared)) {
      if (sharedDeclared.some((declared) => declared!.has(name))) continue;
      const known = sharedTakers.map((definition, i) => describe(definition, sharedDeclared[i]!)).join('; ');
      warnings.push(`${source.shared}: no transform declares an option '${name}' (options of ${known})`);
    }
  }
  for (const [target, value] of args.scoped) {
    const definition = definitions.find((candidate) => candidate.name === target);
    const declared = definition === undefined ? null : declaredOptionNames(definition.options);
    if (declared === null) continue;
    for (const name of namesOf(value)) {
      if (!declared.has(name)) warnings.push(`${source.scoped(target)}: ${target} declares no option '${name}' (options of ${describe(definition!, declared)})`);
    }
  }
  return warnings;
}

/** Validates a deep copy of `value` against the transform's schema, fills in defaults and returns it. */
export function validateTransformOptions(definition: TransformDefinition, value: unknown): unknown {
  const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  if (definition.options === null) return copy;
  const validate = compileOptionsSchema(definition);
  if (!validate(copy)) {
    throw new TransformOptionsError(`${definition.name}: ${describeErrors(validate.errors ?? [])}`);
  }
  return copy;
}

// ajv is loaded on the first schema compiled, not when 'classforge' is imported: it costs about as much
// start-up time as the rest of the package, and print, verify and every class without options never use it.
const require = createRequire(import.meta.url);

const compiled = new WeakMap<object, ValidateFunction>();
let ajvDraft07: Ajv | null = null;
let ajv2020: Ajv2020 | null = null;

/**
 * The compiled validator of a transform's schema (cached per schema object); throws
 * TransformOptionsError when the schema itself is invalid, which is the transform's bug.
 */
export function compileOptionsSchema(definition: TransformDefinition): ValidateFunction {
  const schema = definition.options as TransformOptionsSchema;
  const key = typeof schema === 'boolean' ? (schema ? TRUE_KEY : FALSE_KEY) : schema;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const is2020 = typeof schema === 'object' && String(schema.$schema ?? '').includes('2020-12');
    try {
      if (is2020) {
        const { Ajv2020: Ajv2020Class } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
        ajv2020 ??= new Ajv2020Class({ useDefaults: true, allErrors: false, strict: false, validateFormats: false });
        validate = ajv2020.compile(schema as object);
      } else {
        const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
        ajvDraft07 ??= new AjvClass({ useDefaults: true, allErrors: false, strict: false, validateFormats: false });
        validate = ajvDraft07.compile(schema as object | boolean);
      }
    } catch (error) {
      throw new TransformOptionsError(
        `${definition.name}: the transform's options schema is not a valid JSON Schema: ${(error as Error).message}`,
        { cause: error },
      );
    }
    compiled.set(key, validate);
  }
  return validate;
}

const TRUE_KEY = {};
const FALSE_KEY = {};

/** "options/level must be string", "options must have required property 'level'". */
function describeErrors(errors: readonly ErrorObject[]): string {
  const first = errors[0];
  if (first === undefined) return 'options are invalid';
  const path = 'options' + first.instancePath;
  let message = first.message ?? 'is invalid';
  if (first.keyword === 'additionalProperties') {
    message += ` '${String((first.params as { additionalProperty?: string }).additionalProperty)}'`;
  } else if (first.keyword === 'enum') {
    const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    message += `: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${path} ${message}`;
}
