// # Transforming a class variant of a multi-release jar so that it verifies in every view it runs in
//
// multi-release-views.ts lists the views (releases) a variant is loaded in. Frames are computed
// against the first (the highest: what today's JDKs load); when the output does not verify against
// the class hierarchy of another view (the merge of two types gave a class that is not a common
// super class there), each other view's frames are tried, and the first output that verifies in
// every view is kept. When none does, the first stays (the one for the JDKs of today). Only classes
// that have more than one view pay for this.

import { ClassVerifier } from '../analysis/class-verifier.js';
import type { ActiveTransform } from './apply-transforms.js';
import { transformClass, type ClassOutcome } from './class-outcome.js';
import type { ClassPathsByRelease } from './class-paths-by-release.js';

/**
 * Runs the transforms on `bytes` with frames computed for `views` (releases, the preferred first; see
 * above), or against the class path of `undefined` (the spec's own release) when `views` is undefined.
 */
export function transformClassForViews(
  bytes: Uint8Array,
  transforms: readonly ActiveTransform[],
  views: readonly number[] | undefined,
  classPaths: ClassPathsByRelease,
): ClassOutcome {
  if (views === undefined || views.length === 0) return transformClass(bytes, transforms, { classPath: classPaths.get(undefined) });
  const first = transformClass(bytes, transforms, { classPath: classPaths.get(views[0]) });
  if (views.length === 1 || first.status !== 'changed' || first.bytes === null) return first;
  if (verifiesIn(first.bytes, views.slice(1), classPaths)) return first;
  for (const view of views.slice(1)) {
    const outcome = transformClass(bytes, transforms, { classPath: classPaths.get(view) });
    if (outcome.status !== 'changed' || outcome.bytes === null) continue;
    // The logs of the run that is kept; the first run's were the same messages for the same class.
    if (verifiesIn(outcome.bytes, views.filter((other) => other !== view), classPaths)) return outcome;
  }
  return first;
}

/** Whether `bytes` verify (JVMS §4.10.1) against the class hierarchy of each of `releases`. */
function verifiesIn(bytes: Uint8Array, releases: readonly number[], classPaths: ClassPathsByRelease): boolean {
  for (const release of releases) {
    try {
      if (new ClassVerifier(classPaths.get(release)).verify(bytes).errors.length > 0) return false;
    } catch {
      return false;
    }
  }
  return true;
}
