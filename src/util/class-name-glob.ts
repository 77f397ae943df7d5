// # Class-name globs: `java.util.*`, `com.acme.**`, `**.Test*`
//
// Used by `classforge print --class` and by transform include/exclude lists (DESIGN.md,
// contract 3). A glob is matched against a whole dotted class name (`com.acme.Foo$Bar`); an
// internal name (`com/acme/Foo`) is accepted too and read as its dotted form.
//
//  - `*` matches any run of characters within one name segment (no '.'), `$` included, so
//    `com.acme.Foo*` matches the nested classes of Foo;
//  - `**` matches across segments: `com.acme.**` matches every class under com.acme, at any
//    depth; as a whole segment in front or in the middle it also matches zero segments
//    (`**.Foo` matches `Foo` and `a.b.Foo`; `com.**.Foo` matches `com.Foo`);
//  - `?` matches one character other than '.';
//  - everything else matches itself.

/** Compiles a class-name glob to an anchored regular expression over dotted class names. */
export function classNameGlobToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/\//g, '.');
  let source = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === '*') {
      if (pattern.charAt(i + 1) === '*') {
        const atSegmentStart = i === 0 || pattern.charAt(i - 1) === '.';
        const followedByDot = pattern.charAt(i + 2) === '.';
        if (atSegmentStart && followedByDot) {
          // `**.` : zero or more whole segments.
          source += '(?:.*\\.)?';
          i += 3;
        } else {
          source += '.*';
          i += 2;
        }
      } else {
        source += '[^.]*';
        i += 1;
      }
    } else if (c === '?') {
      source += '[^.]';
      i += 1;
    } else {
      source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp('^' + source + '$', 's');
}

/** A compiled class-name glob. */
export class ClassNameGlob {
  /** The glob as given. */
  readonly pattern: string;
  private readonly regExp: RegExp;

  constructor(pattern: string) {
    this.pattern = pattern;
    this.regExp = classNameGlobToRegExp(pattern);
  }

  /** Whether `className` (dotted, or an internal name with '/') matches this glob. */
  matches(className: string): boolean {
    return this.regExp.test(className.replace(/\//g, '.'));
  }

  toString(): string {
    return this.pattern;
  }
}

/**
 * A predicate over class names from include and exclude glob lists: a name is accepted when it
 * matches some include glob (or `include` is empty or absent) and no exclude glob.
 */
export function createClassNameFilter(
  include?: readonly string[] | null,
  exclude?: readonly string[] | null,
): (className: string) => boolean {
  const includes = (include ?? []).map((glob) => new ClassNameGlob(glob));
  const excludes = (exclude ?? []).map((glob) => new ClassNameGlob(glob));
  return (className: string): boolean => {
    if (includes.length > 0 && !includes.some((glob) => glob.matches(className))) {
      return false;
    }
    return !excludes.some((glob) => glob.matches(className));
  };
}
