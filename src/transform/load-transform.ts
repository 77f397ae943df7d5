// # Loading transform modules: `.ts`, `.mts`, `.js`, `.mjs`, from anywhere, with no build step
// (and compiled Byte Buddy advice classes, `.class`: advice-class-transform.ts)
//
// DESIGN.md contract 3: `import … from 'classforge'` inside a transform resolves to the running
// classforge itself, wherever the file lives. That matters beyond convenience: a transform's
// ClassVisitor must be the same class as ours, or `instanceof ClassVisitor` checks (ours and
// ASM-ported user code) fail across the boundary.
//
// How: esbuild bundles the transform file with its relative imports and the packages it imports
// (resolved from the transform's own directory, as Node would), strips TypeScript types, and
// leaves `classforge`, `classforge/testing` and `classforge/source` as imports of the absolute
// file URLs of the modules of this very copy of classforge. The bundle is imported as a data:
// URL: no temporary file to write, protect or clean up, and a worker thread can import the same
// text without running esbuild again (see run-transform-job.ts).
//
// - `import.meta.url` in the transform's entry file is its real URL (esbuild `define`), and
//   `require` inside bundled CommonJS code resolves from the transform's directory, so a
//   transform can still find files next to it.
// - TypeScript is not type-checked here (esbuild only strips types): run tsc yourself for that.
// - Loads are cached per path, size and modification time of the entry file (not of the files
//   it imports).

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, runningFromSources } from '../package-root.js';
import { defineTransform, isTransformDefinition, type TransformDefinition } from './define-transform.js';
import { TransformDefinitionError } from './transform-definition-error.js';
import { TransformLoadError } from './transform-load-error.js';
import { adviceClassModuleCode } from './advice-class-transform.js';
import { mapErrorStacks, registerTransformBundle, sourceUrlComment } from './transform-stack.js';

/** A transform module, loaded. */
export interface LoadedTransform {
  /** The absolute path of the transform file. */
  readonly path: string;
  /** Its default export, validated. */
  readonly definition: TransformDefinition;
  /** The bundled ES module text (what importTransformCode takes, e.g. in a worker thread). */
  readonly code: string;
}

const EXTENSIONS = /\.(ts|mts|js|mjs)$/i;
const ADVICE_CLASS = /\.class$/i;

/**
 * The modules a transform may import from classforge: specifier → the module's path in the package,
 * without extension: under dist/ once built (.js), under the sources when run from them (.ts, e.g.
 * under vitest).
 */
const SELF_MODULES: Readonly<Record<string, string>> = {
  classforge: 'src/index',
  'classforge/testing': 'src/testing/index',
  'classforge/source': 'src/source/index',
};

/** The file URL of this copy's module for a `classforge…` specifier, or an error message. */
export function resolveClassforgeSpecifier(specifier: string): { url: string } | { error: string } {
  const module = SELF_MODULES[specifier];
  if (module === undefined) {
    return { error: `'${specifier}' is not a module of classforge (use 'classforge', 'classforge/testing' or 'classforge/source')` };
  }
  const file = runningFromSources() ? join(packageRoot(), `${module}.ts`) : join(packageRoot(), 'dist', `${module}.js`);
  if (!existsSync(file)) {
    return { error: `'${specifier}' is not available in this version of classforge` };
  }
  return { url: pathToFileURL(file).href };
}

const cache = new Map<string, { key: string; loaded: Promise<LoadedTransform> }>();

/** Loads the transform module at `path` (relative to the current directory); throws TransformLoadError. */
export async function loadTransform(path: string): Promise<LoadedTransform> {
  const file = resolve(path);
  let stats;
  try {
    stats = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TransformLoadError(file, code === 'ENOENT' ? 'no such transform file' : (error as Error).message, { cause: error });
  }
  if (!stats.isFile()) throw new TransformLoadError(file, 'not a file (a transform is a .ts, .mts, .js or .mjs module, or an advice .class)');
  const adviceClass = ADVICE_CLASS.test(file);
  if (!adviceClass && !EXTENSIONS.test(file)) {
    throw new TransformLoadError(file, 'a transform module must end in .ts, .mts, .js or .mjs (or be a compiled Byte Buddy advice class, .class)');
  }
  const key = `${stats.size}:${stats.mtimeMs}`;
  const cached = cache.get(file);
  if (cached !== undefined && cached.key === key) return cached.loaded;
  const loaded = adviceClass ? adviceClassAndImport(file) : bundleAndImport(file);
  cache.set(file, { key, loaded });
  loaded.catch(() => {
    if (cache.get(file)?.loaded === loaded) cache.delete(file);
  });
  return loaded;
}

/** A Byte Buddy advice class file, made a transform module (see advice-class-transform.ts). */
async function adviceClassAndImport(file: string): Promise<LoadedTransform> {
  const classforge = resolveClassforgeSpecifier('classforge');
  if ('error' in classforge) throw new TransformLoadError(file, classforge.error);
  const code = (await adviceClassModuleCode(file, classforge.url)) + sourceUrlComment(file);
  const definition = await importTransformCode(code, file);
  return { path: file, definition, code };
}

async function bundleAndImport(file: string): Promise<LoadedTransform> {
  const code = await bundleTransform(file);
  const definition = await importTransformCode(code, file);
  return { path: file, definition, code };
}

/** Bundles the transform file into one ES module whose classforge imports point at this copy. */
async function bundleTransform(file: string): Promise<string> {
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(file).href) },
      // Bundled CommonJS code calls require() for Node built-ins; give it one rooted at the transform.
      banner: {
        js: `import { createRequire as __classforgeCreateRequire } from 'node:module'; const require = __classforgeCreateRequire(${JSON.stringify(file)});`,
      },
      plugins: [
        {
          name: 'classforge-self',
          setup(build) {
            build.onResolve({ filter: /^classforge(\/.*)?$/ }, (args) => {
              const resolved = resolveClassforgeSpecifier(args.path);
              if ('error' in resolved) return { errors: [{ text: resolved.error }] };
              return { path: resolved.url, external: true };
            });
          },
        },
      ],
    });
  } catch (error) {
    throw new TransformLoadError(file, describeBuildFailure(error, file), { cause: error });
  }
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new TransformLoadError(file, 'esbuild produced no output');
  // Frames of the bundle name the transform file, not the data: URL (see transform-stack.ts).
  return output.text + sourceUrlComment(file);
}

/** esbuild's first error as "path:line:column: text" (relative to the transform's directory). */
function describeBuildFailure(error: unknown, file: string): string {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] })
    .errors;
  const first = errors?.[0];
  if (first === undefined) return (error as Error).message;
  const location = first.location;
  const where =
    location === null || location === undefined
      ? ''
      : `${resolve(dirname(file), location.file) === file ? '' : location.file + ':'}${location.line}:${location.column + 1}: `;
  const more = errors!.length > 1 ? ` (and ${errors!.length - 1} more error${errors!.length > 2 ? 's' : ''})` : '';
  return `${where}${first.text}${more}`;
}

/**
 * Imports an ES module given as text. Built classforge imports it as a data: URL. Run from its
 * TypeScript sources (our own tests under vitest), the bundle imports .ts modules, which only
 * vitest's module runner can load, and it does not handle data: URLs: then the text goes to a
 * file in a private temporary directory, imported through the runner and removed.
 */
async function importModuleText(code: string, file: string): Promise<unknown> {
  if (!runningFromSources()) {
    const url = 'data:text/javascript;base64,' + Buffer.from(code, 'utf8').toString('base64');
    registerTransformBundle(code, file, url);
    return import(url);
  }
  const directory = await mkdtemp(join(tmpdir(), 'classforge-transform-'));
  try {
    const moduleFile = join(directory, 'transform.mjs');
    await writeFile(moduleFile, code, { mode: 0o600 });
    registerTransformBundle(code, file, pathToFileURL(moduleFile).href);
    return await import(pathToFileURL(moduleFile).href);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Evaluates a bundled transform module and returns its validated default export. `file` names
 * the transform in errors. Used by loadTransform and by worker threads, which receive the code.
 */
export async function importTransformCode(code: string, file: string): Promise<TransformDefinition> {
  let module: { default?: unknown };
  try {
    module = (await importModuleText(code, file)) as { default?: unknown };
  } catch (error) {
    mapErrorStacks(error);
    throw new TransformLoadError(file, `the module threw while loading: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  const value = module.default;
  if (value === undefined) {
    throw new TransformLoadError(file, 'no default export: a transform module must `export default defineTransform({...})`');
  }
  if (isTransformDefinition(value)) return value;
  try {
    // A plain object shaped like a definition is accepted, with the same checks.
    return defineTransform(value as never);
  } catch (error) {
    if (error instanceof TransformDefinitionError) {
      throw new TransformLoadError(file, `the default export is not a transform: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
