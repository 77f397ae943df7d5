// # The source style's runner: where classforge/source plugs into the transform pipeline
//
// A `source(ctClass, ctx)` transform needs the Javassist-style API (ClassPool, CtClass, the Java
// snippet compiler), which lives in classforge/source, a layer above this one. That module
// registers a runner here when it is imported; the pipeline then runs source transforms like
// tree transforms: bytes in, one CtClass, the transform edits it, bytes out. Until a runner is
// registered, a source transform is refused when it is loaded, before any class is read.

import type { ClassPath } from '../classpath/class-path.js';

/**
 * Runs `edit` on a CtClass made from `bytes` (looked up against `classPath`) and returns the new
 * class file bytes, or `bytes` itself when nothing changed.
 */
export type SourceStyleRunner = (bytes: Uint8Array, classPath: ClassPath, edit: (ctClass: unknown) => void) => Uint8Array;

let runner: SourceStyleRunner | null = null;

/** Installs the source style's runner (called by classforge/source). */
export function setSourceStyleRunner(sourceStyleRunner: SourceStyleRunner | null): void {
  runner = sourceStyleRunner;
}

/** The installed runner, or null when classforge/source has not been loaded. */
export function getSourceStyleRunner(): SourceStyleRunner | null {
  return runner;
}

/** Why a source transform cannot run now, or null when it can. */
export function sourceStyleUnavailableReason(transformName: string): string | null {
  return runner === null
    ? `transform '${transformName}' uses the source style (source(ctClass, ctx)), which arrives with classforge/source; this version of classforge does not have it yet`
    : null;
}
