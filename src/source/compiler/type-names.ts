// # Type names: what a type name written in a snippet denotes, as javac decides inside a class
//
// A snippet is compiled as if it were written in the body of the class being edited, so its type
// names mean what they would mean there (JLS §6.3 scope, §6.4.1 shadowing, §6.5.5 type names,
// §7.5 imports), which is what DESIGN.md's Contract 2 promises over Javassist (which only knows
// fully qualified names and imported packages):
//
//   1. member types of the current class, declared or inherited (§8.5), then of each enclosing
//      class outwards (their members are in scope in the nested class's body, §6.3);
//   2. single-type imports (§7.5.1), which shadow the package's types;
//   3. the current package's types (§7.4.1);
//   4. type-import-on-demand (§7.5.2), Javassist's `ClassPool.importPackage` (a package or a class
//      whose member types are imported), and java.lang (§7.3), all at one level: two different
//      types found there are ambiguous, as in javac.
//
// A qualified name is read left to right as javac does (§6.5.5.2, §6.5.4.2): its first identifier
// is a type in scope if there is one, else a package; a package followed by an identifier is a type
// when the class exists there, else a longer package; after a type, each identifier is a member type.
// The class path cannot list packages, so a package is simply "not a type".
//
// resolveAmbiguousName reclassifies a dotted expression (`java.lang.System.out`, `Outer.Inner.FIELD`,
// `list.size`) by JLS §6.5.2: a variable first, then a type, then a package; after a type, a field
// before a member type.
//
// Nested types are known from InnerClasses attributes (JVMS §4.7.6), which javac writes for every
// member class; a class built in memory must list its member classes there to have them found.

import { className, packageOf, type TypeEnvironment } from './class-model.js';
import { CompileError } from './compile-error.js';
import { JavaType } from './java-type.js';
import { findField, type AccessContext } from './member-resolution.js';

/** The imports a snippet is compiled with. */
export interface Imports {
  /** Single-type imports, dotted: `java.util.List`, `java.util.Map.Entry`. */
  readonly singleType: readonly string[];
  /** Type-import-on-demand, dotted package or class names (`java.util`, `java.util.Map`); java.lang is implied. */
  readonly onDemand: readonly string[];
}

/** Where a type name is resolved: in the body of `currentClass`, with `imports`. */
export interface TypeNameContext extends AccessContext {
  readonly currentClass: string;
  readonly imports: Imports;
}

/** What a dotted expression name starts with (JLS §6.5.2). */
export type AmbiguousNameMeaning =
  /** `parts[0]` is a variable (local, parameter or field in scope); `fields` are the rest, accessed on it. */
  | { readonly kind: 'variable'; readonly name: string; readonly fields: readonly string[] }
  /** `parts[0 .. typeParts)` name `type`; `fields` are the rest: a static field of it, then fields of that. */
  | { readonly kind: 'type'; readonly type: JavaType; readonly typeParts: number; readonly fields: readonly string[] };

const JAVA_LANG = 'java/lang';

/** Splits `int[][]`/`java.util.List<String>[]` into the element name and the dimensions; type arguments are dropped (erasure). */
function parseTypeText(text: string): { name: string; dimensions: number } {
  let name = text.replace(/\s+/g, '');
  // Type arguments are erased (JLS §4.6): drop every <...>, innermost first.
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(/<[^<>]*>/g, '');
  }
  let dimensions = 0;
  while (name.endsWith('[]')) {
    name = name.slice(0, -2);
    dimensions++;
  }
  if (name.endsWith('...')) {
    name = name.slice(0, -3);
    dimensions++;
  }
  return { name, dimensions };
}

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** Resolves type names written in a snippet, with the scope of `context.currentClass`; results are cached. */
export class TypeNameResolver {
  readonly env: TypeEnvironment;
  readonly context: TypeNameContext;
  private readonly simpleNames = new Map<string, string | null>();

  constructor(env: TypeEnvironment, context: TypeNameContext) {
    this.env = env;
    this.context = context;
  }

  /**
   * The type a type name denotes: a primitive type, `void`, a class (`String`, `Map.Entry`,
   * `java.util.Map.Entry`, `Outer$Inner`), or an array of those (`int[][]`). Throws a CompileError
   * ("cannot find symbol: class Foo") when the name denotes no type.
   */
  resolveType(text: string): JavaType {
    const type = this.findType(text);
    if (type === null) {
      const { name } = parseTypeText(text);
      throw new CompileError(`cannot find symbol: class ${name} (in ${className(this.context.currentClass)})`);
    }
    return type;
  }

  /** As resolveType, but null when the name denotes no type. */
  findType(text: string): JavaType | null {
    const { name, dimensions } = parseTypeText(text);
    const keyword = JavaType.fromKeyword(name);
    let element: JavaType | null;
    if (keyword !== null) {
      if (keyword.isVoid() && dimensions > 0) throw new CompileError(`'void' type not allowed here: ${text.trim()}`);
      element = keyword;
    } else {
      const internalName = this.findClassName(name);
      element = internalName === null ? null : JavaType.classType(internalName);
    }
    if (element === null) return null;
    return dimensions === 0 ? element : JavaType.arrayOf(element, dimensions);
  }

  /** The internal name of the class or interface a (simple or qualified, dotted) name denotes, or null. */
  findClassName(name: string): string | null {
    const parts = name.split('.');
    if (parts.some((p) => !IDENTIFIER.test(p))) throw new CompileError(`illegal type name: ${name}`);
    let type = this.findSimpleTypeName(parts[0]!);
    let index = 1;
    if (type === null) {
      // parts[0] is a package name: extend it until a class exists in it (§6.5.5.2).
      let pkg = parts[0]!;
      for (; index < parts.length && type === null; index++) {
        const candidate = `${pkg}/${parts[index]!}`;
        if (this.env.hasClass(candidate)) type = candidate;
        else pkg = candidate;
      }
      if (type === null) return null;
    }
    for (; index < parts.length; index++) {
      const member = this.findMemberType(type, parts[index]!);
      if (member === null) return null;
      type = member;
    }
    return type;
  }

  /**
   * JLS §8.5: the member type `simpleName` of class `owner`, declared there or inherited from its
   * superclass or superinterfaces (private member types are not inherited). Null when none.
   */
  findMemberType(owner: string, simpleName: string): string | null {
    return this.memberType(owner, simpleName, owner, new Set());
  }

  private memberType(type: string, simpleName: string, site: string, seen: Set<string>): string | null {
    if (seen.has(type)) return null;
    seen.add(type);
    const model = this.env.findClass(type);
    if (model === null) return null;
    const entry = model.memberTypes.get(simpleName);
    if (entry !== undefined && (type === site || (entry.access & 0x0002) === 0)) return entry.name;
    const supertypes = model.superName === null ? model.interfaces : [model.superName, ...model.interfaces];
    for (const supertype of supertypes) {
      const found = this.memberType(supertype, simpleName, site, seen);
      if (found !== null) return found;
    }
    return null;
  }

  /** The internal name a simple type name denotes in the current class's scope (see the header), or null. */
  findSimpleTypeName(simpleName: string): string | null {
    let answer = this.simpleNames.get(simpleName);
    if (answer === undefined) {
      answer = this.lookUpSimpleTypeName(simpleName);
      this.simpleNames.set(simpleName, answer);
    }
    return answer;
  }

  private lookUpSimpleTypeName(simpleName: string): string | null {
    const { env, context } = this;
    // 1. The current class and its enclosing classes, innermost first: their member types (§6.3),
    //    and a local class's own name (in scope in its block, §6.3).
    for (let name: string | null = context.currentClass, depth = 0; name !== null && depth < 64; depth++) {
      const model = env.findClass(name);
      if (model === null) break;
      const member = this.findMemberType(name, simpleName);
      if (member !== null) return member;
      const own = model.innerClasses.find((e) => e.name === name);
      if (own !== undefined && own.outerName === null && own.innerName === simpleName) return name;
      name = model.enclosingClass;
    }
    // 2. Single-type imports (§7.5.1).
    for (const imported of context.imports.singleType) {
      const dot = imported.lastIndexOf('.');
      if (imported.slice(dot + 1) !== simpleName) continue;
      const type = this.findClassNameNoScope(imported);
      if (type === null) throw new CompileError(`cannot find symbol: class ${imported} (imported)`);
      return type;
    }
    // 3. The current package (§7.4.1); also the top-level classes of the unnamed package.
    const pkg = packageOf(context.currentClass);
    const samePackage = pkg === '' ? simpleName : `${pkg}/${simpleName}`;
    if (env.hasClass(samePackage)) return samePackage;
    // 4. On-demand imports and java.lang, at one level (§7.5.2, §6.4.1).
    const found = new Set<string>();
    for (const imported of [...context.imports.onDemand, 'java.lang']) {
      const asPackage = `${imported.replace(/\./g, '/')}/${simpleName}`;
      if (env.hasClass(asPackage)) found.add(asPackage);
      // Importing a class's member types on demand (`import java.util.Map.*;`, importPackage("java.util.Map")).
      const owner = imported === 'java.lang' ? null : this.findClassNameNoScope(imported);
      const member = owner === null ? null : this.findMemberType(owner, simpleName);
      if (member !== null) found.add(member);
    }
    if (found.size > 1) {
      const [a, b] = [...found];
      throw new CompileError(`reference to ${simpleName} is ambiguous: both class ${className(a!)} and class ${className(b!)} match`);
    }
    const [only] = found;
    return only ?? (env.hasClass(`${JAVA_LANG}/${simpleName}`) ? `${JAVA_LANG}/${simpleName}` : null);
  }

  /** A fully qualified dotted class name, read without the current scope (as import declarations are, §7.5). */
  private findClassNameNoScope(name: string): string | null {
    const parts = name.split('.');
    let pkg = '';
    for (let index = 0; index < parts.length; index++) {
      const candidate = pkg === '' ? parts[index]! : `${pkg}/${parts[index]!}`;
      if (index > 0 && this.env.hasClass(candidate)) {
        let type: string | null = candidate;
        for (let i = index + 1; i < parts.length && type !== null; i++) type = this.findMemberType(type, parts[i]!);
        return type;
      }
      pkg = candidate;
    }
    return null;
  }

  /**
   * JLS §6.5.2: how a dotted name used as an expression qualifier (`a.b.c` in `a.b.c.m()` or as an
   * expression) divides into a type and fields. A simple name is a variable when `isVariable`
   * says so (locals and parameters; fields in scope are also looked up here, in the current class
   * and its enclosing classes), else a type when one is in scope, else a package. After a package,
   * an identifier is a type when that class exists, else a longer package; after a type, an
   * identifier that is a field of it ends the type name, a member type extends it.
   */
  resolveAmbiguousName(parts: readonly string[], isVariable: (name: string) => boolean): AmbiguousNameMeaning {
    if (parts.length === 0) throw new Error('resolveAmbiguousName needs at least one identifier');
    const first = parts[0]!;
    if (isVariable(first) || this.isFieldInScope(first)) return { kind: 'variable', name: first, fields: parts.slice(1) };
    let type = this.findSimpleTypeName(first);
    let index = 1;
    if (type === null) {
      let pkg = first;
      for (; index < parts.length && type === null; index++) {
        const candidate = `${pkg}/${parts[index]!}`;
        if (this.env.hasClass(candidate)) type = candidate;
        else pkg = candidate;
      }
      if (type === null) {
        throw new CompileError(
          parts.length === 1
            ? `cannot find symbol: variable ${first} (in ${className(this.context.currentClass)})`
            : `package ${parts.slice(0, -1).join('.')} does not exist`,
        );
      }
    }
    for (; index < parts.length; index++) {
      const part = parts[index]!;
      if (findField(this.env, type, part, this.context) !== null) break;
      const member = this.findMemberType(type, part);
      if (member === null) break; // not a member: the caller's field access reports it
      type = member;
    }
    return { kind: 'type', type: JavaType.classType(type), typeParts: index, fields: parts.slice(index) };
  }

  /** Whether a field `name` is in scope: a member of the current class or of an enclosing class (§6.3, §8.3). */
  private isFieldInScope(name: string): boolean {
    for (let cls: string | null = this.context.currentClass, depth = 0; cls !== null && depth < 64; depth++) {
      if (this.env.findClass(cls) === null) return false;
      if (findField(this.env, cls, name, this.context) !== null) return true;
      cls = this.env.findClass(cls)?.enclosingClass ?? null;
    }
    return false;
  }
}

/** Resolves one type name in `context` (see TypeNameResolver.resolveType). */
export function resolveTypeName(env: TypeEnvironment, name: string, context: TypeNameContext): JavaType {
  return new TypeNameResolver(env, context).resolveType(name);
}
