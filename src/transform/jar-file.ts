// # Jars as transform inputs: entries classified, with the raw layout kept for a byte-exact rewrite
//
// `classforge transform` must keep every entry it does not change byte for byte, and an identity
// transform must give back the input jar itself. So a jar is held in memory as its bytes, its
// central directory is read by ZipArchive (the class path's synchronous reader), and for each entry
// we also record where its raw records are: its central-directory record, and its "local span",
// which runs from its local header to the next local header (or to the central directory), so it
// covers the compressed data, the data descriptor and any bytes a tool left between entries.
// Copying spans in local-header order, with the bytes before the first one (a launcher script, a
// jmod header) in front, reproduces the file. Format reference: PKWARE APPNOTE.TXT 6.3 (§4.3.7 local
// header, §4.3.9 data descriptor, §4.3.12 central directory header, §4.5.3 ZIP64 extra field).

import { readFileSync } from 'node:fs';
import { plainUint8Array } from '../classfile/plain-uint8array.js';
import { ClassPathError } from '../classpath/class-path-error.js';
import { ZipArchive, type ZipEntry } from '../classpath/zip-archive.js';

/** What an entry holds: a class file, any other file, or a directory (a name ending in '/'). */
export type JarEntryKind = 'class' | 'resource' | 'directory';

/** One entry of a jar, in central-directory order. */
export interface JarEntry {
  /** The entry name, as stored (`com/acme/Foo.class`, `META-INF/versions/11/com/acme/Foo.class`). */
  readonly name: string;
  /** Position in the central directory; the key of a replacement given to rewriteJar. */
  readonly index: number;
  readonly kind: JarEntryKind;
  /**
   * For a class: its internal name, from the path without `.class` and without a multi-release
   * `META-INF/versions/N/` prefix (`com/acme/Foo`, `module-info`); null otherwise.
   */
  readonly className: string | null;
  /** N for an entry under `META-INF/versions/N/` (a multi-release jar's versioned entry), else null. */
  readonly release: number | null;
  /**
   * Whether the entry is part of a jar signature (`META-INF/*.SF`, `*.RSA`, `*.DSA`, `*.EC`,
   * `META-INF/SIG-*`, directly under META-INF as the JDK's verifier defines them). Rewritten
   * classes no longer match their digests, so these are dropped when a jar changes.
   */
  readonly signature: boolean;
  /** The central-directory metadata (method, flags, CRC, sizes, DOS time and date, extra field). */
  readonly zip: ZipEntry;
}

/** Where an entry's raw records lie in the jar's bytes (absolute positions). */
export interface JarEntryLayout {
  /** The central-directory record: [centralStart, centralEnd). */
  readonly centralStart: number;
  readonly centralEnd: number;
  /** The local header (APPNOTE §4.3.7). */
  readonly localStart: number;
  /** Where the compressed data starts, after the local header, name and extra field. */
  readonly dataStart: number;
  /** Where the compressed data ends; a data descriptor may follow (APPNOTE §4.3.9). */
  readonly dataEnd: number;
  /** Where the next entry's local header (or the central directory) starts. */
  readonly spanEnd: number;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;

/** `META-INF/versions/N/rest`: JDK's JarFile (JEP 238) takes N as a release number. */
const VERSIONED = /^META-INF\/versions\/(\d+)\/(.+)$/;

/**
 * The JDK's signature-related files (sun.security.util.SignatureFileVerifier.isSigningRelated):
 * directly under META-INF, named `*.SF`, `*.DSA`, `*.RSA`, `*.EC` or `SIG-*`, case-insensitively.
 */
const SIGNATURE_FILE = /^META-INF\/(?:[^/]+\.(?:SF|DSA|RSA|EC)|SIG-[^/]*)$/i;

const MULTI_RELEASE = /^Multi-Release:[ \t]*true[ \t]*\r?$/im;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** Classifies an entry name the way the transform pipeline needs it. */
export function classifyJarEntry(name: string): Pick<JarEntry, 'kind' | 'className' | 'release' | 'signature'> {
  if (name.endsWith('/')) return { kind: 'directory', className: null, release: null, signature: false };
  if (SIGNATURE_FILE.test(name)) return { kind: 'resource', className: null, release: null, signature: true };
  let path = name;
  let release: number | null = null;
  const versioned = VERSIONED.exec(name);
  if (versioned !== null) {
    release = Number.parseInt(versioned[1]!, 10);
    path = versioned[2]!;
  }
  // A .class file elsewhere under META-INF is not loadable as a class (META-INF is not a valid
  // package name), so it is data, like the JDK's class loaders treat it.
  if (path.endsWith('.class') && path.length > '.class'.length && !path.startsWith('META-INF/')) {
    return { kind: 'class', className: path.slice(0, -'.class'.length), release, signature: false };
  }
  return { kind: 'resource', className: null, release, signature: false };
}

/**
 * A jar read into memory: its entries in central-directory order, classified, and the raw layout
 * needed to rewrite it (see rewriteJar in jar-writer.ts). Opening checks every entry's local header,
 * so a truncated or corrupt jar fails here with a ClassPathError naming the file.
 */
export class JarFile {
  /** The file name, used in messages. */
  readonly path: string;
  /** The whole jar. */
  readonly bytes: Uint8Array;
  /** The central directory reader over `bytes`. */
  readonly archive: ZipArchive;

  private readonly list: JarEntry[];
  private readonly layouts: JarEntryLayout[];
  /** Indexes of the entries in local-header order (the order of their data in the file). */
  private readonly localOrderIndexes: number[];
  private multiReleaseCache: boolean | null;

  private constructor(bytes: Uint8Array, path: string) {
    this.path = path;
    // The jar writer patches the headers it slices: slice() must copy, also for readFileSync's or
    // a caller's Buffer, whose bytes must stay as they were.
    this.bytes = plainUint8Array(bytes);
    this.archive = ZipArchive.fromBytes(this.bytes, path);
    this.list = [];
    this.layouts = [];
    this.localOrderIndexes = [];
    this.multiReleaseCache = null;
    this.readLayout();
  }

  /** Reads the jar at `path` into memory. */
  static open(path: string): JarFile {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') {
        // The rewrite copies raw spans of the input, held in one buffer, which Node caps at 2 GiB.
        throw new ClassPathError(path, `cannot transform a jar of more than 2 GiB (${(error as Error).message.replace(/^.*?\((\d+)\).*$/, '$1 bytes')}): it is rewritten in memory`, { cause: error });
      }
      throw new ClassPathError(path, `cannot read: ${(error as Error).message}`, { cause: error });
    }
    return new JarFile(bytes, path);
  }

  /** A jar held in memory; `name` is used in messages. */
  static fromBytes(bytes: Uint8Array, name: string): JarFile {
    return new JarFile(bytes, name);
  }

  /** Every entry, in central-directory order (duplicated names included). */
  entries(): readonly JarEntry[] {
    return this.list;
  }

  /** The class entries (versioned ones included), in central-directory order. */
  classes(): JarEntry[] {
    return this.list.filter((entry) => entry.kind === 'class');
  }

  /** Every entry in the order of the local headers, which is the order of the data in the file. */
  localOrder(): JarEntry[] {
    return this.localOrderIndexes.map((index) => this.list[index]!);
  }

  /** The signature files (`META-INF/*.SF`, `*.RSA`, `*.DSA`, `*.EC`, `SIG-*`). */
  signatureEntries(): JarEntry[] {
    return this.list.filter((entry) => entry.signature);
  }

  /**
   * Whether the manifest says `Multi-Release: true` (JEP 238), read on first use. Versioned classes
   * are classified as classes either way: they are class files a transform must see.
   */
  get multiRelease(): boolean {
    if (this.multiReleaseCache === null) {
      const manifest = this.archive.getEntry('META-INF/MANIFEST.MF');
      this.multiReleaseCache =
        manifest !== undefined && !manifest.isDirectory && MULTI_RELEASE.test(Buffer.from(this.archive.readEntry(manifest)).toString('utf8'));
    }
    return this.multiReleaseCache;
  }

  /** Whether the jar holds signature files. */
  get signed(): boolean {
    return this.list.some((entry) => entry.signature);
  }

  /** The entry named `name` (as ZipArchive.getEntry: the last of duplicates), or undefined. */
  getEntry(name: string): JarEntry | undefined {
    const zip = this.archive.getEntry(name);
    return zip === undefined ? undefined : this.list[zip.index];
  }

  /** The uncompressed bytes of `entry`; throws ClassPathError for unsupported methods or corrupt data. */
  read(entry: JarEntry): Uint8Array {
    return this.archive.readEntry(entry.zip);
  }

  /** Where `entry`'s raw records are in `bytes`. */
  layout(entry: JarEntry): JarEntryLayout {
    return this.layouts[entry.index]!;
  }

  private error(message: string): ClassPathError {
    return new ClassPathError(this.path, message);
  }

  /** Records each entry's central record and local span, checking that every local header is there. */
  private readLayout(): void {
    const bytes = this.bytes;
    const archive = this.archive;
    const zips = archive.entries();
    const cdPosition = archive.centralDirectoryPosition;
    const base = archive.prefixLength;
    const centralStarts = new Array<number>(zips.length);
    const centralEnds = new Array<number>(zips.length);
    const localStarts = new Array<number>(zips.length);
    let p = cdPosition;
    for (let i = 0; i < zips.length; i++) {
      // ZipArchive has checked that each record fits inside the central directory.
      centralStarts[i] = p;
      p += CENTRAL_HEADER_SIZE + u16(bytes, p + 28) + u16(bytes, p + 30) + u16(bytes, p + 32);
      centralEnds[i] = p;
      const zip = zips[i]!;
      const localStart = base + zip.localHeaderOffset;
      const where = `entry ${zip.name}`;
      if (localStart + LOCAL_HEADER_SIZE > cdPosition) {
        throw this.error(
          `${where}: its local header at byte ${localStart} is not before the central directory at byte ${cdPosition} (truncated or corrupt)`,
        );
      }
      if (u32(bytes, localStart) !== LOCAL_HEADER_SIGNATURE) {
        throw this.error(`${where}: no local file header signature at byte ${localStart} (corrupt archive)`);
      }
      localStarts[i] = localStart;
    }
    // Local-header order; entries sharing one local header (legal, if odd) share its span.
    const order = zips.map((_, i) => i);
    order.sort((a, b) => localStarts[a]! - localStarts[b]! || a - b);
    const spanEnds = new Array<number>(zips.length);
    for (let k = order.length - 1, next = cdPosition; k >= 0; k--) {
      const i = order[k]!;
      spanEnds[i] = next;
      if (k === 0 || localStarts[order[k - 1]!] !== localStarts[i]) next = localStarts[i]!;
    }
    for (let i = 0; i < zips.length; i++) {
      const zip = zips[i]!;
      const localStart = localStarts[i]!;
      const dataStart = localStart + LOCAL_HEADER_SIZE + u16(bytes, localStart + 26) + u16(bytes, localStart + 28);
      const dataEnd = dataStart + zip.compressedSize;
      if (dataEnd > spanEnds[i]!) {
        throw this.error(
          `entry ${zip.name}: its ${zip.compressedSize} bytes of data at byte ${dataStart} run into the next entry or the central directory at byte ${spanEnds[i]} (truncated or corrupt)`,
        );
      }
      this.layouts.push({
        centralStart: centralStarts[i]!,
        centralEnd: centralEnds[i]!,
        localStart,
        dataStart,
        dataEnd,
        spanEnd: spanEnds[i]!,
      });
      this.list.push({ name: zip.name, index: i, ...classifyJarEntry(zip.name), zip });
    }
    for (const i of order) this.localOrderIndexes.push(i);
  }
}
