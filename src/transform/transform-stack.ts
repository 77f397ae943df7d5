// # Stack traces that name the transform's own file and line
//
// A transform module runs as an esbuild bundle imported from a data: URL (load-transform.ts). Left alone,
// V8 names its frames by that URL — the whole module in base64, kilobytes per frame — at the bundle's lines:
// `--verbose` showed `at Object.tree (data:text/javascript;base64,aW1wb3J0IHsgY3Jl…:9:46)` for a throw on
// line 4 of picky.ts. The bundle now ends with `//# sourceURL=<file URL of the transform>`, so V8 names
// the frames by the file, and readableStack() turns each such frame's bundle position into the position in
// the source (the bundle's inline source map; a frame of a file the transform imports names that file).
// Node's own source-map support (--enable-source-maps) does not map modules imported from data: URLs.

import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BundleSource {
  /** The bundle's text (its inline source map is decoded when a frame first needs it). */
  readonly code: string;
  /** The transform's entry file: the bundle's sources are relative to its directory. */
  readonly file: string;
  map?: SourceMap | null;
}

/** Bundles imported in this thread, by the URL their frames carry (their sourceURL). */
const bundles = new Map<string, BundleSource>();

/** The URL the frames of a bundle of the transform `file` carry: the file's URL. */
export function bundleUrl(file: string): string {
  return pathToFileURL(file).href;
}

/** The comment a bundle of `file` ends with, which makes V8 name its frames by bundleUrl(file). */
export function sourceUrlComment(file: string): string {
  return `\n//# sourceURL=${bundleUrl(file)}\n`;
}

/**
 * Records a bundle of `file` about to be imported from `moduleUrl`, so that readableStack() can map its frames
 * (the latest load wins). They carry bundleUrl(file) where V8 formats the stack; a runner that formats it from
 * the call sites' file names (vitest) writes the module's URL instead.
 */
export function registerTransformBundle(code: string, file: string, moduleUrl: string | null): void {
  const bundle: BundleSource = { code, file };
  bundles.set(bundleUrl(file), bundle);
  if (moduleUrl !== null) bundles.set(moduleUrl, bundle);
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*(?:\/\/# sourceURL=\S*\s*)?$/;

function sourceMapOf(bundle: BundleSource): SourceMap | null {
  if (bundle.map !== undefined) return bundle.map;
  bundle.map = null;
  const encoded = INLINE_MAP.exec(bundle.code)?.[1];
  if (encoded !== undefined) {
    try {
      bundle.map = new SourceMap(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
    } catch {
      // An unreadable map leaves the frames as V8 wrote them.
    }
  }
  return bundle.map;
}

/** The source position of `line`:`column` (1-based) of a registered bundle, as `path:line:column`; null if unknown. */
function originalPosition(bundle: BundleSource, line: number, column: number): string | null {
  const map = sourceMapOf(bundle);
  if (map === null) return null;
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return null;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundle.file), entry.originalSource);
  return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/**
 * `stack` with each frame of a transform bundle imported in this thread pointing at the transform's source
 * file, line and column. Frames of anything else, and a stack that names no bundle, are returned unchanged.
 */
export function readableStack(stack: string): string {
  if (bundles.size === 0) return stack;
  let text = stack;
  for (const [url, bundle] of bundles) {
    if (!text.includes(url)) continue;
    // Not a RegExp: a data: URL is the whole module in base64.
    let mapped = '';
    let from = 0;
    for (let at = text.indexOf(url); at !== -1; at = text.indexOf(url, from)) {
      const position = /^:(\d+):(\d+)/.exec(text.slice(at + url.length, at + url.length + 24));
      const original = position === null ? null : originalPosition(bundle, Number(position[1]), Number(position[2]));
      const end = at + url.length + (position === null ? 0 : position[0].length);
      mapped += text.slice(from, at) + (original ?? text.slice(at, end));
      from = end;
    }
    text = mapped + text.slice(from);
  }
  return text;
}

/** Maps the stacks of `error` and of its causes in place (see readableStack); returns `error`. */
export function mapErrorStacks<T>(error: T): T {
  if (bundles.size === 0) return error;
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++) {
    const stack = cause.stack;
    if (typeof stack !== 'string') continue;
    const mapped = readableStack(stack);
    if (mapped !== stack) {
      try {
        cause.stack = mapped;
      } catch {
        // A frozen error keeps its stack.
      }
    }
  }
  return error;
}
