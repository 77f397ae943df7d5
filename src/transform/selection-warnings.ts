// # Warnings about what a transform's include/exclude globs select
//
// A glob that selects nothing is silent: the run succeeds and nothing changes. The usual mistakes
// are a package name without `.**` (`com.acme`), a simple class name without `**.` (`Main`), a descriptor (`Lcom/acme/Main;`) or a file name
// (`com/acme/Main.class`). `classforge transform` says so, once per transform (slashes are fine:
// `com/acme/**` is read as `com.acme.**`).

import type { TransformDefinition } from './define-transform.js';

/** The dotted glob a mistaken one probably meant, or null when it looks like a glob. */
export function intendedGlob(glob: string): string | null {
  const descriptor = /^\[*L([^;]+);$/.exec(glob);
  if (descriptor !== null) return descriptor[1]!.replace(/\//g, '.');
  if (glob.endsWith('.class') && glob.length > '.class'.length) return glob.slice(0, -'.class'.length).replace(/\//g, '.');
  return null;
}

/**
 * Warnings for globs of `definition` (and of the command line's `--include`/`--exclude` narrowing it)
 * that look like a descriptor or a file name rather than a class-name glob.
 */
export function globWarnings(definition: TransformDefinition): string[] {
  const warnings: string[] = [];
  const warn = (glob: string, what: string): void => {
    const meant = intendedGlob(glob);
    if (meant === null) return;
    const kind = glob.endsWith('.class') ? 'a file name' : 'a descriptor';
    warnings.push(`${what} '${glob}' looks like ${kind}; globs are dotted class names, as in '${meant}'`);
  };
  for (const key of ['include', 'exclude'] as const) {
    for (const glob of definition[key]) warn(glob, `transform '${definition.name}': ${key}`);
    for (const glob of definition.selection?.[key] ?? []) warn(glob, `--${key}`);
  }
  return warnings;
}

/**
 * A warning when `definition` selected none of `classNames` (dotted), with a hint when an include
 * glob names a package whose classes exist (`com.acme` for `com.acme.**`); null when it selected one.
 */
export function noSelectionWarning(definition: TransformDefinition, classNames: readonly string[]): string | null {
  if (classNames.length === 0 || classNames.some((name) => definition.matches(name))) return null;
  const globs: string[] = [];
  if (definition.include.length > 0) globs.push(`include: ${definition.include.join(', ')}`);
  if (definition.exclude.length > 0) globs.push(`exclude: ${definition.exclude.join(', ')}`);
  const selection = definition.selection ?? null;
  if (selection !== null && selection.include.length > 0) globs.push(`--include ${selection.include.join(', ')}`);
  if (selection !== null && selection.exclude.length > 0) globs.push(`--exclude ${selection.exclude.join(', ')}`);
  let hint = '';
  const includes = [...definition.include, ...(selection?.include ?? [])];
  const packages = includes
    .map((glob) => glob.replace(/\//g, '.'))
    .filter((glob) => !/[*?]/.test(glob) && classNames.some((name) => name.startsWith(glob + '.')));
  if (packages.length > 0) hint = `; for every class of a package write ${packages.map((glob) => `'${glob}.**'`).join(', ')}`;
  // A simple class name (`Main`, `*Service`): globs match the whole dotted name, so it needs `**.` in front.
  const simpleNames = includes.filter((glob) => !/[./]/.test(glob) && classNames.some((name) => simpleNameMatches(glob, name)));
  if (simpleNames.length > 0) hint += `; for a class of any package write ${simpleNames.map((glob) => `'**.${glob}'`).join(', ')}`;
  return `transform '${definition.name}' selected no class of the input${globs.length > 0 ? ` (${globs.join('; ')})` : ''}${hint}`;
}

/** Whether the simple name of the dotted `className` (after its package) matches `glob` (`*` and `?` wildcards). */
function simpleNameMatches(glob: string, className: string): boolean {
  const simpleName = className.slice(className.lastIndexOf('.') + 1);
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(simpleName);
}
