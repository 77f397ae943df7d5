// # ClassPool: where CtClasses come from (Javassist's ClassPool)
//
// A pool reads class files through a class path (src/classpath: directories, jars and the JDK's
// runtime image, read lazily, no class ever loaded) and keeps one CtClass per name, so that edits
// made through one reference are seen through every other and by the compiler: a snippet compiled
// for one class sees the fields and methods other classes of the pool gained.
//
// `ClassPool.getDefault()` searches the current JDK (Javassist's system path); `new ClassPool()`
// searches nothing until appendClassPath/appendSystemPath, `new ClassPool(true)` the JDK.

import { statSync } from 'node:fs';
import { ClassReader } from '../asm/class-reader.js';
import { Opcodes } from '../asm/opcodes.js';
import { ClassFormatError } from '../classfile/class-format-error.js';
import { ClassPath } from '../classpath/class-path.js';
import { ClassNode } from '../tree/class-node.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import { CtClass, primitiveNamed, primitiveType, toDottedName, toInternalName } from './ct-class.js';
import type { CtMethod } from './ct-method.js';
import { NotFoundException } from './not-found-exception.js';
import { PoolClassPath } from './pool-class-path.js';
import { pruningDefault } from './pruning-default.js';
import { ByteArrayClassPath } from './byte-array-class-path.js';
import { Descriptor } from './bytecode/descriptor.js';

/** The platform's path-list delimiter (node:path's `delimiter`, without importing node:path here). */
const delimiter = (globalThis as { process?: { platform?: string } }).process?.platform === 'win32' ? ';' : ':';

export class ClassPool {
  private static defaultPool: ClassPool | null = null;

  /**
   * Javassist's ClassPool.doPruning: when true, classes read or made afterwards are pruned when
   * written (toBytecode), and can then no longer be defrosted (stopPruning(true) keeps one whole).
   */
  static get doPruning(): boolean {
    return pruningDefault.doPruning;
  }

  static set doPruning(value: boolean) {
    pruningDefault.doPruning = value;
  }

  /** Class path entries, searched in order (insertClassPath puts one first). */
  private readonly entries: string[] = [];
  private useSystemPath: boolean;
  private readonly classes = new Map<string, CtClass>();
  /** The same classes by internal name (poolNode's question, asked at every class lookup the compiler makes). */
  private readonly byInternalName = new Map<string, CtClass>();
  private readonly imports: string[] = ['java.lang'];
  private cachedClassPath: PoolClassPath | null = null;
  private cachedOwnClassPath: ClassPath | null = null;
  /** Class files of ByteArrayClassPath entries, by internal name: inserted ones are searched first, appended ones last. */
  private readonly memoryFirst = new Map<string, Uint8Array>();
  private readonly memoryLast = new Map<string, Uint8Array>();
  /**
   * Javassist's childFirstLookup: false (the default), a class the pool has not read yet is asked of
   * the parent first, as class loaders delegate; true, the pool's own entries are searched first.
   * Either way a class the pool already holds (read or made here) is its own.
   */
  childFirstLookup = false;
  /**
   * Counts the changes to the class hierarchy the pool's classes form (classes made, renamed or
   * detached, super types set): the compiler's memo of subtype answers is dropped when it moves.
   * The class path itself stays: its answers for the pool's classes come from their trees.
   */
  private hierarchyChanges = 0;
  /** The parent pool, searched first (Javassist's parent delegation), or null. */
  readonly parent: ClassPool | null;

  /** A class path given whole (ClassPool.fromClassPath), used instead of the entries. */
  private givenClassPath: ClassPath | null = null;

  /** `useDefaultPath`: also search the current JDK (Javassist's appendSystemPath); a ClassPool: the parent. */
  constructor(useDefaultPath: boolean | ClassPool | null = false) {
    if (useDefaultPath instanceof ClassPool) {
      this.parent = useDefaultPath;
      this.useSystemPath = false;
    } else {
      this.parent = null;
      this.useSystemPath = useDefaultPath === true;
    }
  }

  /**
   * A pool over an existing class path (for example a transform's `ctx.classPath`, which holds the
   * input, --cp and the JDK). appendClassPath adds nothing to such a pool's search.
   */
  static fromClassPath(classPath: ClassPath): ClassPool {
    const pool = new ClassPool(false);
    pool.givenClassPath = classPath;
    return pool;
  }

  /** The shared pool over the current JDK. */
  static getDefault(): ClassPool {
    ClassPool.defaultPool ??= new ClassPool(true);
    return ClassPool.defaultPool;
  }

  /**
   * Adds a directory, a jar, or `dir/*` (every jar in dir) at the end of the search path. A `.jar`
   * or `.zip` that is not there throws NotFoundException naming it, as Javassist's does (a missing
   * directory is accepted, as there).
   */
  appendClassPath(path: string | ByteArrayClassPath): this {
    if (path instanceof ByteArrayClassPath) this.memoryLast.set(path.internalName, path.classfile);
    else this.entries.push(checkedEntry(path));
    this.classPathChanged();
    return this;
  }

  /** Adds an entry at the start of the search path (a ByteArrayClassPath: searched before every directory and jar). */
  insertClassPath(path: string | ByteArrayClassPath): this {
    if (path instanceof ByteArrayClassPath) this.memoryFirst.set(path.internalName, path.classfile);
    else this.entries.unshift(checkedEntry(path));
    this.classPathChanged();
    return this;
  }

  /**
   * Appends each entry of `pathList`, entries separated by the platform's path delimiter (`:`, or `;`
   * on Windows), in order (Javassist's appendPathList).
   */
  appendPathList(pathList: string): this {
    for (const path of pathList.split(delimiter)) if (path !== '') this.appendClassPath(path);
    return this;
  }

  /**
   * Removes the class path entry `path` added by appendClassPath or insertClassPath (Javassist's
   * removeClassPath takes the ClassPath object appendClassPath returned; here the entry is its
   * string). Classes already read stay in the pool. Nothing happens if there is no such entry.
   */
  removeClassPath(path: string | ByteArrayClassPath): void {
    if (path instanceof ByteArrayClassPath) {
      for (const memory of [this.memoryFirst, this.memoryLast]) if (memory.get(path.internalName) === path.classfile) memory.delete(path.internalName);
      this.classPathChanged();
      return;
    }
    const index = this.entries.indexOf(path);
    if (index < 0) return;
    this.entries.splice(index, 1);
    this.classPathChanged();
  }

  /** Searches the current JDK's classes too. */
  appendSystemPath(): this {
    this.useSystemPath = true;
    this.classPathChanged();
    return this;
  }

  /**
   * Makes the classes of `packageName` (or the class, for a class name) visible by simple name in
   * the snippets compiled for classes of this pool (Javassist's importPackage).
   */
  importPackage(packageName: string): void {
    if (!this.imports.includes(packageName)) this.imports.push(packageName);
  }

  /** The imported packages, java.lang first. */
  getImportedPackages(): string[] {
    return [...this.imports];
  }

  clearImportedPackages(): void {
    this.imports.splice(0, this.imports.length, 'java.lang');
  }

  /** `$cflow(name)` → the class and static field counting its depth (CtBehavior.useCflow records them; cflow.ts). */
  private readonly cflows = new Map<string, readonly [className: string, fieldName: string]>();

  /** Records the field of the control flow `name` (Javassist's recordCflow). */
  recordCflow(name: string, className: string, fieldName: string): void {
    this.cflows.set(name, [className, fieldName]);
  }

  /** The class and field of the control flow `name`, or null (Javassist's lookupCflow); a parent's too. */
  lookupCflow(name: string): readonly [className: string, fieldName: string] | null {
    return this.cflows.get(name) ?? this.parent?.lookupCflow(name) ?? null;
  }

  /**
   * The CtClass of `className`: dotted (`java.util.Map$Entry`, and `java.util.Map.Entry` too), a
   * primitive (`int`) or an array (`java.lang.String[][]`). NotFoundException when the class path
   * has no such class.
   */
  get(className: string): CtClass {
    const found = this.getOrNull(className);
    if (found === null) throw new NotFoundException(`${className} (searched: ${this.frameClassPath().describe()})`);
    return found;
  }

  /** The method `methodName` declared by `className` (Javassist's getMethod: the first of that name). */
  getMethod(className: string, methodName: string): CtMethod {
    return this.get(className).getDeclaredMethod(methodName);
  }

  /** The same as get (Javassist's getCtClass). */
  getCtClass(className: string): CtClass {
    return this.get(className);
  }

  /**
   * Reads the class file `orgName` from the class path again, as a new CtClass, and renames it to
   * `newName` (Javassist's getAndRename): the pool then holds it as `newName`; a CtClass of `orgName`
   * it already held stays as it is.
   */
  getAndRename(orgName: string, newName: string): CtClass {
    const bytes = this.frameClassPath().getClassBytes(toInternalName(orgName));
    if (bytes === undefined) throw new NotFoundException(orgName);
    const ctClass = new CtClass(orgName, this, { bytes });
    ctClass.setName(newName);
    return ctClass;
  }

  /**
   * The class of the class file `bytes`, unless the pool (or its parent) already holds a class of that
   * name: then that one (Javassist's makeClassIfNew, which takes an InputStream).
   */
  makeClassIfNew(bytes: Uint8Array): CtClass {
    const name = classNameOf(bytes);
    const existing = this.classes.get(name) ?? this.parent?.getOrNull(name) ?? null;
    return existing ?? this.makeClass(bytes);
  }

  /** Like get, but null when the class is not found. */
  getOrNull(className: string): CtClass | null {
    // An array by its JVM name, as java.lang.Class.getName gives it (`[I`, `[Ljava.lang.String;`): Javassist's get takes it too.
    if (className.startsWith('[')) {
      let javaName: string;
      try {
        javaName = Descriptor.toClassName(className);
      } catch {
        return null;
      }
      return this.getOrNull(javaName);
    }
    const primitive = primitiveNamed(className);
    if (primitive !== undefined) return primitive;
    if (className.endsWith('[]')) {
      const component = this.getOrNull(className.slice(0, -2));
      if (component === null) return null;
      return this.cached(className, () => new CtClass(className, this, { component }));
    }
    // Javassist's ClassPool.get0: the pool's own classes, then the parent (unless child first), then
    // the class path, then (child first) the parent.
    const known = this.classes.get(className);
    if (known !== undefined) return known;
    if (!this.childFirstLookup) {
      const fromParent = this.parent?.getOrNull(className) ?? null;
      if (fromParent !== null) return fromParent;
    }
    const internalName = toInternalName(className);
    const bytes = this.childFirstLookup
      ? (this.memoryFirst.get(internalName) ?? this.ownClassPath().getClassBytes(internalName) ?? this.memoryLast.get(internalName))
      : this.frameClassPath().getClassBytes(internalName);
    if (bytes !== undefined) return this.cached(className, () => new CtClass(className, this, { bytes }));
    if (this.childFirstLookup) {
      const fromParent = this.parent?.getOrNull(className) ?? null;
      if (fromParent !== null) return fromParent;
    }
    // `java.util.Map.Entry`: a nested class written with dots.
    const dot = className.lastIndexOf('.');
    if (dot > 0) {
      const nested = `${className.slice(0, dot)}$${className.slice(dot + 1)}`;
      const found = this.getOrNull(nested);
      if (found !== null) return found;
    }
    return null;
  }

  /** @internal The CtClass of a field or method descriptor's type (`I`, `[Ljava/lang/String;`). */
  getByDescriptor(descriptor: string): CtClass {
    if (descriptor.startsWith('[')) return this.get(this.getByDescriptor(descriptor.slice(1)).getName() + '[]');
    if (descriptor.startsWith('L') && descriptor.endsWith(';')) return this.get(toDottedName(descriptor.slice(1, -1)));
    const primitive = primitiveType(descriptor);
    if (primitive === undefined) throw new NotFoundException(`not a type descriptor: ${descriptor}`);
    return primitive;
  }

  /**
   * A new public class `className` extending `superclass` (java.lang.Object by default), with a
   * default constructor, as Javassist's makeClass; or, given class file bytes, that class.
   */
  makeClass(classNameOrBytes: string | Uint8Array, superclass: CtClass | null = null): CtClass {
    if (typeof classNameOrBytes !== 'string') {
      const name = classNameOf(classNameOrBytes);
      this.checkNotFrozen(name);
      const ctClass = new CtClass(name, this, { bytes: new Uint8Array(classNameOrBytes) });
      this.remember(name, ctClass);
      this.hierarchyChanged();
      return ctClass;
    }
    return this.makeNew(classNameOrBytes, superclass, false);
  }

  /** A new public interface (Javassist's makeInterface). */
  makeInterface(className: string, superclass: CtClass | null = null): CtClass {
    return this.makeNew(className, superclass, true);
  }

  /**
   * A new annotation type (Javassist's makeAnnotation): an interface extending
   * java.lang.annotation.Annotation with ACC_ANNOTATION (JVMS §4.1, table 4.1-B).
   */
  makeAnnotation(className: string): CtClass {
    const annotation = this.makeInterface(className, this.get('java.lang.annotation.Annotation'));
    annotation.setModifiers(annotation.getModifiers() | Opcodes.ACC_ANNOTATION);
    return annotation;
  }

  private classPathChanged(): void {
    this.cachedClassPath = null;
    this.cachedOwnClassPath = null;
  }

  /** The pool's own entries (and the JDK when it searches it), without the parent's: where a child-first pool looks first. */
  private ownClassPath(): ClassPath {
    this.cachedOwnClassPath ??= this.givenClassPath ?? new ClassPath([...this.entries], this.useSystemPath ? {} : { jdk: false });
    return this.cachedOwnClassPath;
  }

  /** @internal The class path for frames and the compiler: the entries (and the JDK), with the pool's own classes in front. */
  frameClassPath(): PoolClassPath {
    if (this.cachedClassPath === null) {
      const parentPath = this.parent === null ? [] : this.parent.entries;
      const useJdk = this.useSystemPath || (this.parent?.useSystemPath ?? false);
      const base = this.givenClassPath ?? new ClassPath([...parentPath, ...this.entries], useJdk ? {} : { jdk: false });
      this.cachedClassPath = new PoolClassPath(base, (internalName) => this.poolNode(internalName), { first: this.memoryFirst, last: this.memoryLast });
    }
    return this.cachedClassPath;
  }

  /** @internal Forgets `ctClass` (CtClass.detach). */
  removeCached(ctClass: CtClass): void {
    if (this.classes.get(ctClass.getName()) === ctClass) this.forget(ctClass.getName());
    this.hierarchyChanged();
  }

  /**
   * @internal A class the compiler made (an anonymous or local class of a snippet, JLS §15.9.5, §14.3) as a CtClass of
   * this pool, written from `node` (frames computed when it is written).
   */
  adoptClass(node: ClassNode): CtClass {
    const name = toDottedName(node.name);
    this.checkNotFrozen(name);
    const ctClass = new CtClass(name, this, { node });
    this.remember(name, ctClass);
    this.hierarchyChanged();
    return ctClass;
  }

  /** @internal A class of the pool appeared, went, or changed its super types. */
  hierarchyChanged(): void {
    this.hierarchyChanges++;
  }

  /** @internal Moves whenever the hierarchy of this pool's (and its parent's) classes may have changed. */
  hierarchyVersion(): number {
    return this.hierarchyChanges + (this.parent?.hierarchyVersion() ?? 0);
  }

  /** @internal CtClass.setName: the class is known by its new name from now on. */
  renamed(ctClass: CtClass, oldName: string, newName: string): void {
    if (this.classes.get(oldName) === ctClass) this.forget(oldName);
    this.remember(newName, ctClass);
    this.hierarchyChanged();
  }

  /** @internal The tree of a class this pool holds and has read or made (its current state), else undefined. */
  poolNode(internalName: string): ClassNode | undefined {
    const ctClass = this.byInternalName.get(internalName) ?? this.parent?.byInternalName.get(internalName);
    return ctClass !== undefined && ctClass.hasClassNode() ? ctClass.classNode() : undefined;
  }

  private remember(name: string, ctClass: CtClass): void {
    this.classes.set(name, ctClass);
    this.byInternalName.set(toInternalName(name), ctClass);
  }

  private forget(name: string): void {
    this.classes.delete(name);
    this.byInternalName.delete(toInternalName(name));
  }

  private cached(name: string, make: () => CtClass): CtClass {
    let ctClass = this.classes.get(name);
    if (ctClass === undefined) {
      ctClass = make();
      this.remember(name, ctClass);
    }
    return ctClass;
  }

  /**
   * Javassist's checkNotFrozen, before makeClass and makeInterface: a class of that name the pool holds
   * frozen (written) cannot be made again, and one a parent pool holds must be made there (unless
   * this pool looks child first).
   */
  private checkNotFrozen(className: string): void {
    const known = this.classes.get(className);
    if (known !== undefined) {
      if (known.isFrozen()) throw new CannotCompileException(`${className}: frozen class (cannot edit)`);
      return;
    }
    if (!this.childFirstLookup && this.parent !== null && this.parent.getOrNull(className) !== null) {
      throw new CannotCompileException(`${className} is in a parent ClassPool. Use the parent.`);
    }
  }

  private makeNew(className: string, superclass: CtClass | null, isInterface: boolean): CtClass {
    this.checkNotFrozen(className);
    const node = new ClassNode(Opcodes.ASM9);
    const superName = superclass === null || isInterface ? 'java/lang/Object' : superclass.getInternalName();
    const access = isInterface ? Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT : Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER;
    const interfaces = isInterface && superclass !== null ? [superclass.getInternalName()] : [];
    // Java 8 class files, as Javassist writes by default: every JVM from 8 on loads them. No
    // constructor yet: toBytecode gives a class without one its superclass's (CtClass.toBytecode).
    node.visit(Opcodes.V1_8, access, toInternalName(className), null, superName, interfaces);
    const ctClass = new CtClass(className, this, { node, isNew: true });
    this.remember(className, ctClass);
    this.hierarchyChanged();
    return ctClass;
  }
}

/** The dotted name of the class in the class file `bytes`; CannotCompileException when it is not a class file. */
function classNameOf(bytes: Uint8Array): string {
  try {
    return toDottedName(new ClassReader(bytes).getClassName());
  } catch (error) {
    if (error instanceof ClassFormatError) throw new CannotCompileException(`not a class file: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * `path`, when it can be a class path entry: a name ending in .jar or .zip must be a file (Javassist's
 * JarClassPath opens it at once and throws NotFoundException(path) when it cannot).
 */
function checkedEntry(path: string): string {
  if (/\.(jar|zip)$/i.test(path)) {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      // Missing or unreadable: refused below.
    }
    if (!isFile) throw new NotFoundException(path);
  }
  return path;
}
