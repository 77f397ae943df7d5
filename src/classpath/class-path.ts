// # ClassPath: classes from directories, jars and a JDK, read as files
//
// Answers "what are the bytes / super class / interfaces / access flags of class X" for
// COMPUTE_FRAMES (ClassWriter.getCommonSuperClass), the verifier and the remapper, without ever
// starting a JVM or loading a class. Everything is synchronous, because getCommonSuperClass is.
//
// Decisions:
// - Search order: the JDK first, then the entries in order. This is what the JVM does: the boot
//   loader is asked first (parent-first delegation), so a jar on the class path cannot replace
//   java.lang.String; javac behaves the same with its platform classes. A class of a package that
//   no JDK module holds costs a single map lookup in the JDK.
// - Lazy and cached: nothing is opened at construction. A lookup tries each entry in turn
//   (opening a jar reads its central directory; a directory costs one stat or read); the entry
//   where a class was found and the class's header (access, super class, interfaces, parsed by
//   readClassHeader, not a full ClassReader) are cached. Class bytes are not cached.
// - Missing entries are skipped, as java and javac do, and shown as "(missing)" in describe().
// - A jar's manifest `Class-Path` (JAR File Specification) adds its entries right after the jar,
//   as java's class loader and javac do: Debian's jython.jar, for one, names the asm and jffi jars
//   its classes extend, and without them their frames could only be computed with unknown types.
//   The manifest is read when a lookup first gets past the jar (a class found in the jar reads
//   nothing more); `{ manifestClassPath: false }` turns this off. A jar named there that cannot be
//   read is skipped, as the JVM skips it, and describe() says why; one given as an entry fails.
// - Multi-release jars (JAR File Specification): when the manifest says `Multi-Release: true`,
//   META-INF/versions/N/ entries with 9 <= N <= release win over the base entry, highest N first.
//   The release defaults to the JDK's feature version; with no JDK and no release, versioned
//   entries are ignored.
// - Array classes ("[I", "[Ljava/lang/String;") are answered as the JVM sees them (JLS §10.8,
//   JVMS §4.10.1.2): super class java/lang/Object, interfaces Cloneable and Serializable, when
//   their element class exists. They have no bytes.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ClassHierarchy } from '../asm/class-writer.js';
import { ClassFormatError } from '../classfile/class-format-error.js';
import { packageOf } from '../classfile/class-names.js';
import { abbreviatedList } from './abbreviated-list.js';
import { readClassHeader, type ClassHeader } from './class-header.js';
import { ClassPathError } from './class-path-error.js';
import { findJavaHome, readJavaRelease } from './java-home.js';
import { readManifestMainAttributes, resolveManifestClassPath } from './jar-manifest.js';
import { JImageReader } from './jimage-reader.js';
import { moduleExportOf, type ModuleExport } from './module-exports.js';
import { ZipArchive } from './zip-archive.js';

export interface ClassPathOptions {
  /**
   * The JDK whose classes are searched (first): a Java home directory; by default the current JDK
   * (JAVA_HOME, else the `java` on PATH); `false` for none.
   */
  jdk?: string | false;
  /**
   * The Java release for multi-release jars: META-INF/versions/N/ for N <= release is honoured.
   * Default: the JDK's feature version (from its `release` file); none without a JDK.
   */
  release?: number;
  /**
   * Whether a jar's manifest `Class-Path` adds entries, searched right after that jar, as the JVM
   * and javac do (default true). Read only when a lookup gets past the jar.
   */
  manifestClassPath?: boolean;
}

/** One place classes come from. */
interface ClassSource {
  /** For describe(): "dir /x", "jar /y.jar", "JDK /home (lib/modules)". */
  readonly description: string;
  /** The resolved path of a class path directory or jar; undefined for the JDK and missing entries. */
  readonly location?: string;
  /** Whether the source has `internalName`, reading as little as possible. */
  contains(internalName: string): boolean;
  /** The class file bytes of `internalName`, or undefined. */
  read(internalName: string): Uint8Array | undefined;
  /** Low-level reads done so far (class files, manifests, index resources), for tests. */
  readonly readCount: number;
  /** For the JDK's sources: the module of `internalName`'s package and whether it exports it to all. */
  moduleExportOf?(internalName: string): ModuleExport | undefined;
  close(): void;
}

/** Whether an internal name is safe to map to a file path (no empty, "." or ".." segments). */
function isPlainName(internalName: string): boolean {
  if (internalName === '' || internalName.includes('\\') || internalName.includes('\0')) return false;
  for (const segment of internalName.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return false;
  }
  return true;
}

// ## Directories

class DirectorySource implements ClassSource {
  readonly description: string;
  readCount = 0;
  private readonly directory: string;

  constructor(directory: string, describedAs = directory) {
    this.directory = directory;
    this.description = `dir ${describedAs}`;
  }

  get location(): string {
    return this.directory;
  }

  contains(internalName: string): boolean {
    try {
      return statSync(join(this.directory, `${internalName}.class`)).isFile();
    } catch {
      return false;
    }
  }

  read(internalName: string): Uint8Array | undefined {
    const path = join(this.directory, `${internalName}.class`);
    try {
      const bytes = readFileSync(path);
      this.readCount++;
      return bytes;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw new ClassPathError(path, `cannot read: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): void {}
}

// ## Jars (and zips, and jmods through their "classes/" prefix)

const VERSIONS_PREFIX = 'META-INF/versions/';

class JarSource implements ClassSource {
  private readonly describedAs: string;
  private readonly path: string;
  private readonly release: number | undefined;
  /** Where classes live inside the archive: "" for jars, "classes/" for jmods. */
  private readonly prefix: string;
  private archive: ZipArchive | null;
  /** The error the archive failed to open with, thrown again on each lookup. */
  private failure: Error | null;
  /** Honoured META-INF/versions/N/ prefixes, highest N first. */
  private versionPrefixes: string[];
  /** The manifest's main attributes, or null until read. */
  private manifestAttributes: Map<string, string> | null;
  /** Whether takeManifestClassPath has yet to answer (class path jars only, see there). */
  private followsManifestClassPath: boolean;

  /**
   * `kind` and `describedAs` make the description: "jar /a.jar", "JDK /home/jre/lib/rt.jar",
   * "jar /b.jar (Class-Path of /a.jar)". Only plain class path jars follow their manifest's Class-Path.
   */
  /**
   * Whether a jar that cannot be read is searched as empty instead of failing the lookup: the JVM
   * skips such an entry of a manifest's Class-Path (URLClassPath ignores what it cannot open).
   */
  private readonly skipsIfUnreadable: boolean;

  constructor(path: string, release: number | undefined, kind = 'jar', prefix = '', describedAs = path, skipsIfUnreadable = false) {
    this.path = path;
    this.release = release;
    this.prefix = prefix;
    this.describedAs = `${kind} ${describedAs}`;
    this.skipsIfUnreadable = skipsIfUnreadable;
    this.archive = null;
    this.failure = null;
    this.versionPrefixes = [];
    this.manifestAttributes = null;
    this.followsManifestClassPath = kind === 'jar' && prefix === '';
  }

  /** The archive's path. */
  get location(): string {
    return this.path;
  }

  get readCount(): number {
    return this.archive === null ? 0 : this.archive.readCount;
  }

  /** For describe(): "jar /y.jar", with why it is skipped when it could not be read. */
  get description(): string {
    return this.skipsIfUnreadable && this.failure !== null ? `${this.describedAs} (unreadable, skipped: ${this.failure.message})` : this.describedAs;
  }

  contains(internalName: string): boolean {
    if (this.skipsIfUnreadable) {
      try {
        return this.entryName(internalName) !== undefined;
      } catch {
        return false;
      }
    }
    return this.entryName(internalName) !== undefined;
  }

  read(internalName: string): Uint8Array | undefined {
    const name = this.entryName(internalName);
    return name === undefined ? undefined : this.open().read(name);
  }

  close(): void {
    this.archive?.close();
    this.archive = null;
  }

  /** The archive's entry holding `internalName`, taking multi-release versions into account. */
  private entryName(internalName: string): string | undefined {
    const archive = this.open();
    const file = `${this.prefix}${internalName}.class`;
    for (const versionPrefix of this.versionPrefixes) {
      const versioned = versionPrefix + file;
      if (archive.has(versioned)) return versioned;
    }
    return archive.has(file) ? file : undefined;
  }

  private open(): ZipArchive {
    if (this.archive !== null) return this.archive;
    if (this.failure !== null) throw this.failure;
    try {
      const archive = ZipArchive.open(this.path);
      this.versionPrefixes = this.findVersionPrefixes(archive);
      this.archive = archive;
      return archive;
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }

  /**
   * The paths the manifest's `Class-Path` names (resolved, see resolveManifestClassPath), the
   * first time it is called for a class path jar; [] afterwards, and always for the JDK's jars and
   * jmods. Reads the manifest if the archive's opening did not.
   */
  takeManifestClassPath(): string[] {
    if (!this.followsManifestClassPath) return [];
    this.followsManifestClassPath = false;
    if (this.skipsIfUnreadable && this.failure !== null) return [];
    const classPathValue = this.mainAttributes(this.open()).get('class-path');
    return classPathValue === undefined ? [] : resolveManifestClassPath(classPathValue, this.path);
  }

  /** The manifest's main attributes (empty without a manifest), read once. */
  private mainAttributes(archive: ZipArchive): Map<string, string> {
    if (this.manifestAttributes === null) {
      const manifest = archive.read('META-INF/MANIFEST.MF');
      this.manifestAttributes = manifest === undefined ? new Map() : readManifestMainAttributes(manifest);
    }
    return this.manifestAttributes;
  }

  /**
   * The META-INF/versions/N/ prefixes to honour, highest first: only in a jar whose manifest has
   * `Multi-Release: true` (as java.util.jar.JarFile requires), and only for 9 <= N <= release.
   */
  private findVersionPrefixes(archive: ZipArchive): string[] {
    const release = this.release;
    if (release === undefined || release < 9 || this.prefix !== '') return [];
    const versions = new Set<number>();
    for (const entry of archive.entries()) {
      if (!entry.name.startsWith(VERSIONS_PREFIX)) continue;
      const slash = entry.name.indexOf('/', VERSIONS_PREFIX.length);
      if (slash < 0) continue;
      const text = entry.name.slice(VERSIONS_PREFIX.length, slash);
      const version = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      if (version >= 9 && version <= release) versions.add(version);
    }
    if (versions.size === 0) return [];
    if (this.mainAttributes(archive).get('multi-release')?.trim().toLowerCase() !== 'true') return [];
    return [...versions].sort((a, b) => b - a).map((v) => `${VERSIONS_PREFIX}${v}/`);
  }
}

// ## The JDK

/** A JDK's runtime image, lib/modules. */
class RuntimeImageSource implements ClassSource {
  readonly description: string;
  private readonly path: string;
  private image: JImageReader | null;
  private failure: Error | null;
  /** The packages each module exports to all, by module name (null: unreadable). */
  private readonly exports = new Map<string, Set<string> | null>();

  constructor(javaHome: string, path: string) {
    this.path = path;
    this.description = `JDK ${javaHome} (lib/modules)`;
    this.image = null;
    this.failure = null;
  }

  moduleExportOf(internalName: string): ModuleExport | undefined {
    const packageName = packageOf(internalName);
    if (packageName === '') return undefined;
    const image = this.open();
    const module = image.moduleOfPackage(packageName);
    if (module === undefined) return undefined;
    return moduleExportOf(this.exports, module, packageName, () => image.getResource(`/${module}/module-info.class`));
  }

  get readCount(): number {
    return this.image === null ? 0 : this.image.readCount;
  }

  contains(internalName: string): boolean {
    return this.open().findClassLocation(internalName) !== undefined;
  }

  read(internalName: string): Uint8Array | undefined {
    return this.open().findClass(internalName);
  }

  close(): void {
    this.image?.close();
    this.image = null;
  }

  private open(): JImageReader {
    if (this.image !== null) return this.image;
    if (this.failure !== null) throw this.failure;
    try {
      this.image = JImageReader.open(this.path);
      return this.image;
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }
}

/**
 * A JDK without a runtime image but with jmods/ (a JDK used only for jlink, or an image under
 * construction): each jmod is a zip after a 4-byte "JM" header, classes under classes/. Which jmod
 * holds which package is learnt from their central directories, read on the first lookup.
 */
class JmodsSource implements ClassSource {
  readonly description: string;
  private readonly directory: string;
  private jmods: JarSource[] | null;
  private packages: Map<string, JarSource> | null;
  private readonly archives: ZipArchive[];
  /** The packages each module exports to all, by module name (null: unreadable). */
  private readonly exports = new Map<string, Set<string> | null>();

  constructor(javaHome: string, directory: string) {
    this.directory = directory;
    this.description = `JDK ${javaHome} (jmods)`;
    this.jmods = null;
    this.packages = null;
    this.archives = [];
  }

  get readCount(): number {
    let count = 0;
    for (const jmod of this.jmods ?? []) count += jmod.readCount;
    return count;
  }

  contains(internalName: string): boolean {
    return this.jmodOf(internalName)?.contains(internalName) ?? false;
  }

  read(internalName: string): Uint8Array | undefined {
    return this.jmodOf(internalName)?.read(internalName);
  }

  close(): void {
    for (const jmod of this.jmods ?? []) jmod.close();
    for (const archive of this.archives) archive.close();
    this.archives.length = 0;
  }

  moduleExportOf(internalName: string): ModuleExport | undefined {
    const jmod = this.jmodOf(internalName);
    if (jmod === undefined || jmod.location === undefined) return undefined;
    // A jmod is named after its module (java.base.jmod); its module-info is classes/module-info.class.
    const module = basename(jmod.location, '.jmod');
    return moduleExportOf(this.exports, module, packageOf(internalName), () => jmod.read('module-info'));
  }

  private jmodOf(internalName: string): JarSource | undefined {
    const slash = internalName.lastIndexOf('/');
    if (slash <= 0) return undefined;
    return this.packageMap().get(internalName.slice(0, slash));
  }

  private packageMap(): Map<string, JarSource> {
    if (this.packages !== null) return this.packages;
    const packages = new Map<string, JarSource>();
    const jmods: JarSource[] = [];
    const files = readdirSync(this.directory)
      .filter((f) => f.endsWith('.jmod'))
      .sort();
    for (const file of files) {
      const path = join(this.directory, file);
      const jmod = new JarSource(path, undefined, 'jmod', 'classes/');
      jmods.push(jmod);
      // A separate handle for the listing, closed right away; the JarSource opens its own on use.
      const archive = ZipArchive.open(path);
      try {
        for (const entry of archive.entries()) {
          const name = entry.name;
          if (!name.startsWith('classes/') || !name.endsWith('.class')) continue;
          const slash = name.lastIndexOf('/');
          if (slash <= 'classes/'.length) continue;
          const pkg = name.slice('classes/'.length, slash);
          if (!packages.has(pkg)) packages.set(pkg, jmod);
        }
      } finally {
        archive.close();
      }
    }
    this.jmods = jmods;
    this.packages = packages;
    return packages;
  }
}

/** A Java 8 (or older) home: the boot class path jars of lib/ (or jre/lib/). */
function legacyBootJars(javaHome: string): string[] | undefined {
  for (const lib of [join(javaHome, 'jre', 'lib'), join(javaHome, 'lib')]) {
    if (!isFile(join(lib, 'rt.jar'))) continue;
    // The default boot class path of Java 8 (sun.boot.class.path), minus what a JDK may lack.
    return ['rt.jar', 'jsse.jar', 'jce.jar', 'charsets.jar', 'jfr.jar', 'resources.jar']
      .map((name) => join(lib, name))
      .filter(isFile);
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The class sources of a Java home, in search order. */
function jdkSources(javaHome: string): ClassSource[] {
  const image = join(javaHome, 'lib', 'modules');
  if (isFile(image)) return [new RuntimeImageSource(javaHome, image)];
  const jmods = join(javaHome, 'jmods');
  if (isFile(join(jmods, 'java.base.jmod'))) return [new JmodsSource(javaHome, jmods)];
  const jars = legacyBootJars(javaHome);
  if (jars !== undefined) return jars.map((jar) => new JarSource(jar, undefined, 'JDK'));
  throw new ClassPathError(
    javaHome,
    'not a Java home: it has no runtime image (lib/modules), no jmods/java.base.jmod and no rt.jar',
  );
}

/** A class path entry that does not exist: searched as empty, shown in describe(). */
class MissingSource implements ClassSource {
  readonly description: string;
  readonly readCount = 0;

  constructor(path: string) {
    this.description = `${path} (missing)`;
  }

  contains(): boolean {
    return false;
  }

  read(): undefined {
    return undefined;
  }

  close(): void {}
}

/** The sources of one class path entry: a directory, a jar/zip/jmod, or `dir/*` (its jars). */
function entrySources(entry: string, release: number | undefined): ClassSource[] {
  if (entry.endsWith('/*') || entry.endsWith('\\*')) {
    // As `java -cp dir/*`: every .jar (or .JAR) directly in the directory.
    const directory = resolve(entry.slice(0, -2));
    if (!isDirectory(directory)) return [new MissingSource(entry)];
    return readdirSync(directory)
      .filter((name) => /\.jar$/i.test(name))
      .sort()
      .map((name) => join(directory, name))
      .filter(isFile)
      .map((path) => new JarSource(path, release));
  }
  const path = resolve(entry);
  if (isDirectory(path)) return [new DirectorySource(path)];
  if (isFile(path)) {
    return path.endsWith('.jmod') ? [new JarSource(path, undefined, 'jmod', 'classes/')] : [new JarSource(path, release)];
  }
  return [new MissingSource(path)];
}

// ## Array classes (JLS §10.8)

const ARRAY_INTERFACES: readonly string[] = ['java/lang/Cloneable', 'java/io/Serializable'];
/** ACC_PUBLIC | ACC_FINAL | ACC_ABSTRACT, what Class.getModifiers reports for arrays of public types. */
const ARRAY_ACCESS = 0x0001 | 0x0010 | 0x0400;

/** The element class of an array descriptor, "" for primitive elements, undefined if malformed. */
function arrayElementClass(descriptor: string): string | undefined {
  let i = 0;
  while (descriptor.charCodeAt(i) === 0x5b /* [ */) i++;
  const rest = descriptor.slice(i);
  if (rest.length === 1 && 'ZBCSIJFD'.includes(rest)) return '';
  if (rest.length > 2 && rest.startsWith('L') && rest.endsWith(';')) return rest.slice(1, -1);
  return undefined;
}

// ## ClassPath

/**
 * A class path over directories, jars and a JDK, read lazily and synchronously. Implements the
 * ClassHierarchy that ClassWriter's COMPUTE_FRAMES needs.
 */
export class ClassPath implements ClassHierarchy {
  /** What this class path answers about a class never changes (see ClassHierarchy.answersAreFixed): each is read once and cached. */
  readonly answersAreFixed = true;
  /** The entries given, as given. */
  readonly entries: readonly string[];
  /** The JDK searched (first), or null. */
  readonly javaHome: string | null;
  /** The release multi-release jars are read for, or undefined (base entries only). */
  readonly release: number | undefined;
  /** How many class files have been read (getClassBytes and header parses), for laziness checks. */
  classReadCount: number;

  private readonly sources: ClassSource[];
  /** The resolved paths of the directories and jars in `sources`: a manifest adds each path once. */
  private readonly sourcePaths: Set<string>;
  private readonly followsManifests: boolean;
  /** Internal name → index in `sources` of the first source holding it, or -1. */
  private readonly located: Map<string, number>;
  /** Internal name → parsed header, or null when the class is not on the class path. */
  private readonly headers: Map<string, ClassHeader | null>;

  constructor(entries: readonly string[], options: ClassPathOptions = {}) {
    this.entries = [...entries];
    this.classReadCount = 0;
    this.located = new Map();
    this.headers = new Map();
    let javaHome: string | null = null;
    if (options.jdk === undefined) {
      const found = findJavaHome();
      if (found === undefined) {
        throw new ClassPathError(
          'JDK',
          'no JDK found for the class path: set JAVA_HOME, put java on PATH, or pass { jdk: "<java home>" } (or { jdk: false } for none)',
        );
      }
      javaHome = found;
    } else if (typeof options.jdk === 'string') {
      javaHome = resolve(options.jdk);
    } else if (options.jdk !== false) {
      // From JavaScript (no type check): say what is taken rather than fail inside path.resolve.
      throw new ClassPathError('JDK', `the jdk option is a Java home directory or false for none, not ${options.jdk === null ? 'null' : typeof options.jdk}`);
    }
    this.javaHome = javaHome;
    this.release = options.release ?? (javaHome === null ? undefined : readJavaRelease(javaHome)?.featureVersion);
    this.sources = [];
    this.sourcePaths = new Set();
    this.followsManifests = options.manifestClassPath ?? true;
    if (javaHome !== null) this.sources.push(...jdkSources(javaHome));
    for (const entry of this.entries) {
      for (const source of entrySources(entry, this.release)) {
        this.sources.push(source);
        if (source.location !== undefined) this.sourcePaths.add(source.location);
      }
    }
  }

  /** The class file bytes of `internalName` ("java/lang/String"), or undefined when not found. */
  getClassBytes(internalName: string): Uint8Array | undefined {
    const index = this.locate(internalName);
    if (index < 0) return undefined;
    const bytes = this.sources[index]!.read(internalName);
    if (bytes !== undefined) this.classReadCount++;
    return bytes;
  }

  /** Whether `internalName` is on the class path (arrays: whether their element class is). */
  hasClass(internalName: string): boolean {
    if (internalName.startsWith('[')) {
      const element = arrayElementClass(internalName);
      return element === '' || (element !== undefined && this.hasClass(element));
    }
    if (this.headers.get(internalName) != null) return true;
    return this.locate(internalName) >= 0;
  }

  /** Alias of hasClass. */
  exists(internalName: string): boolean {
    return this.hasClass(internalName);
  }

  /**
   * The super class of `internalName`: null for java/lang/Object and module-info, undefined when
   * the class is not on the class path.
   */
  getSuperName(internalName: string): string | null | undefined {
    if (internalName.startsWith('[')) return this.hasClass(internalName) ? 'java/lang/Object' : undefined;
    const header = this.header(internalName);
    return header === null ? undefined : header.superName;
  }

  /** The direct super interfaces of `internalName`, or undefined when it is not on the class path. */
  getInterfaces(internalName: string): readonly string[] | undefined {
    if (internalName.startsWith('[')) return this.hasClass(internalName) ? ARRAY_INTERFACES : undefined;
    return this.header(internalName)?.interfaces;
  }

  /**
   * Whether `internalName` is `superName` or has it among its supertypes — superclasses and super
   * interfaces, transitively (JLS §4.10.2) — as Byte Buddy's `isSubTypeOf` matches: a transform that
   * instruments every implementation of an interface asks `ctx.classPath.isSubtypeOf(ctx.internalName,
   * 'java/lang/Runnable')`. Every class is a subtype of java/lang/Object. Undefined when the answer depends
   * on a class missing from the class path (a supertype that could not be read).
   */
  isSubtypeOf(internalName: string, superName: string): boolean | undefined {
    if (superName === 'java/lang/Object') return this.hasClass(internalName) ? true : undefined;
    const seen = new Set<string>();
    const pending = [internalName];
    let unknown = false;
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (current === superName) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      const currentSuper = this.getSuperName(current);
      const interfaces = this.getInterfaces(current);
      if (currentSuper === undefined || interfaces === undefined) {
        unknown = true;
        continue;
      }
      if (currentSuper !== null) pending.push(currentSuper);
      pending.push(...interfaces);
    }
    return unknown ? undefined : false;
  }

  /** Whether `internalName` is an interface (annotation types included); undefined when unknown. */
  isInterface(internalName: string): boolean | undefined {
    if (internalName.startsWith('[')) return this.hasClass(internalName) ? false : undefined;
    const header = this.header(internalName);
    return header === null ? undefined : (header.access & 0x0200) !== 0;
  }

  /** The class file's access_flags (JVMS §4.1), or undefined when the class is not on the class path. */
  getAccess(internalName: string): number | undefined {
    if (internalName.startsWith('[')) return this.hasClass(internalName) ? ARRAY_ACCESS : undefined;
    return this.header(internalName)?.access;
  }

  /**
   * The JDK module holding `internalName`'s package, and whether that module exports the package to
   * every module; undefined when the package is in no JDK module (a class path entry's, or a Java 8
   * JDK, which has no modules). Read from the runtime image's module-info classes.
   */
  getModuleExport(internalName: string): ModuleExport | undefined {
    for (const source of this.sources) {
      const answer = source.moduleExportOf?.(internalName);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** The places searched, in order, for error messages (abbreviated past nine). */
  describe(): string {
    return this.sources.length === 0 ? '(empty class path)' : abbreviatedList(this.sources.map((s) => s.description));
  }

  /** Low-level reads done by every source (class files, manifests, image index resources), for tests. */
  entryReadCount(): number {
    let count = 0;
    for (const source of this.sources) count += source.readCount;
    return count;
  }

  /** Releases the open files (jars, runtime image). Later lookups reopen them. */
  close(): void {
    for (const source of this.sources) source.close();
  }

  private locate(internalName: string): number {
    let index = this.located.get(internalName);
    if (index === undefined) {
      index = -1;
      if (isPlainName(internalName)) {
        for (let i = 0; i < this.sources.length; i++) {
          const source = this.sources[i]!;
          if (source.contains(internalName)) {
            index = i;
            break;
          }
          if (this.followsManifests && source instanceof JarSource) this.addManifestClassPath(source, i);
        }
      }
      this.located.set(internalName, index);
    }
    return index;
  }

  /**
   * Inserts the entries of the Class-Path of the jar at `index` right after it (once per jar), as
   * the JVM's URLClassPath does when it opens a jar: they are searched before the next entries;
   * paths already on the class path are skipped (which also ends cycles); missing ones are kept as
   * "(missing)" for describe(). Only classes of sources before the jar can have been located so far
   * (a lookup asks the jar before any later source), so the indices in `located` stay right.
   */
  private addManifestClassPath(jar: JarSource, index: number): void {
    const added: ClassSource[] = [];
    for (const path of jar.takeManifestClassPath()) {
      const resolved = resolve(path);
      if (this.sourcePaths.has(resolved)) continue;
      this.sourcePaths.add(resolved);
      const describedAs = `${resolved} (Class-Path of ${jar.location})`;
      if (isDirectory(resolved)) added.push(new DirectorySource(resolved, describedAs));
      else if (isFile(resolved)) added.push(new JarSource(resolved, this.release, 'jar', '', describedAs, true));
      else added.push(new MissingSource(describedAs));
    }
    if (added.length > 0) this.sources.splice(index + 1, 0, ...added);
  }

  private header(internalName: string): ClassHeader | null {
    let header = this.headers.get(internalName);
    if (header === undefined) {
      const index = this.locate(internalName);
      header = null;
      if (index >= 0) {
        const source = this.sources[index]!;
        const bytes = source.read(internalName);
        if (bytes !== undefined) {
          this.classReadCount++;
          try {
            header = readClassHeader(bytes);
          } catch (error) {
            if (!(error instanceof ClassFormatError)) throw error;
            throw new ClassPathError(`${source.description}: ${internalName}.class`, error.message, { cause: error });
          }
        }
      }
      this.headers.set(internalName, header);
    }
    return header;
  }
}
