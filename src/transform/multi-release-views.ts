// # Which views of a multi-release jar each class variant is loaded in
//
// A multi-release jar (JAR File Specification, JEP 238) is read by JDK R as its base entries
// overlaid with META-INF/versions/M/ for 9 <= M <= R. A variant of a class (the base entry, or
// versions/N/) is loaded by every JDK from its own release (8 stands for the base) up to, not
// including, the next release that has a variant of the same class. Within that range the view
// only changes at the releases the jar has versioned classes for, so those are the views whose
// class hierarchy the variant's frames must agree with: recomputed frames merge actual types
// (javac's frames use declared ones), and a merge can differ between views when a versioned class
// changes its super class (JVMS §4.10.1.2). A versioned directory holding only module-info.class
// changes no hierarchy and is not a view of its own.

/** The release a base entry is read for (below 9, no versioned entry applies). */
export const BASE_RELEASE = 8;

const VERSIONED = /^META-INF\/versions\/(\d+)\/(.+)\.class$/;

/** One class entry of a multi-release jar: its path and the release of its variant. */
export interface VariantEntry {
  readonly name: string;
  /** BASE_RELEASE for a base entry, N for META-INF/versions/N/. */
  readonly release: number;
}

/**
 * For each entry, the releases of the views it is loaded in, the highest first (the one closest to
 * the JDKs that run it now, used first for frames; the others are checked against).
 */
export function multiReleaseViews(entries: readonly VariantEntry[]): number[][] {
  const classOf = (entry: VariantEntry): string => {
    const versioned = VERSIONED.exec(entry.name);
    return versioned === null ? entry.name.slice(0, -'.class'.length) : versioned[2]!;
  };
  const variantReleases = new Map<string, number[]>();
  const versions = new Set<number>();
  for (const entry of entries) {
    const name = classOf(entry);
    let list = variantReleases.get(name);
    if (list === undefined) variantReleases.set(name, (list = []));
    list.push(entry.release);
    if (entry.release > BASE_RELEASE && !name.endsWith('module-info')) versions.add(entry.release);
  }
  const sortedVersions = [...versions].sort((a, b) => a - b);
  return entries.map((entry) => {
    const start = entry.release;
    const later = variantReleases.get(classOf(entry))!.filter((release) => release > start);
    const end = later.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...later);
    const views = [start, ...sortedVersions.filter((release) => release > start && release < end)];
    return views.reverse();
  });
}
