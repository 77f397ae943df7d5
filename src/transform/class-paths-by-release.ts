// # One class path per Java release, for the classes of a multi-release jar
//
// A multi-release jar (JAR File Specification, JEP 238) holds a class twice or more: the base entry
// `p/Foo.class`, run by every JDK, and `META-INF/versions/N/p/Foo.class`, run by JDK N and later.
// JDK R sees the base overlaid with versions/9..R, so the class hierarchy that frames are computed
// and checked against depends on the release (multi-release-views.ts says which releases a variant
// runs in, transform-across-releases.ts uses them). This keeps one ClassPath per release met, built
// from the same spec with `release` set (ClassPath honours versions/N for 9 <= N <= release; a
// release below 9 reads the base entries only).

import type { ClassPath } from '../classpath/class-path.js';
import { createTransformClassPath, type TransformClassPathSpec } from './transform-class-path.js';

/** ClassPaths over one spec, by release; `undefined` is the spec's own release (the JDK's by default). */
export class ClassPathsByRelease {
  private readonly spec: TransformClassPathSpec;
  private readonly byRelease = new Map<number | undefined, ClassPath>();
  private readonly created: ClassPath[] = [];

  /** `shared`, when given, is the class path for `undefined`, owned by the caller (not closed here). */
  constructor(spec: TransformClassPathSpec, shared?: ClassPath) {
    this.spec = spec;
    if (shared !== undefined) this.byRelease.set(undefined, shared);
  }

  /** The class path for classes compiled for `release` (undefined: the spec's release). */
  get(release: number | undefined): ClassPath {
    let classPath = this.byRelease.get(release);
    if (classPath === undefined) {
      classPath = createTransformClassPath(release === undefined ? this.spec : { ...this.spec, release });
      this.byRelease.set(release, classPath);
      this.created.push(classPath);
    }
    return classPath;
  }

  /** Closes the class paths made here. */
  close(): void {
    for (const classPath of this.created) classPath.close();
    this.created.length = 0;
    this.byRelease.clear();
  }
}
