// # Zip archives (jars, jmods), read synchronously
//
// Why not jszip (a dependency of the project): its API is asynchronous only and it inflates in
// JavaScript, while ClassWriter.getCommonSuperClass, and so every class path lookup, is
// synchronous. So the class path reads zips itself: the end of central directory record (EOCD,
// found by searching backwards over the zip comment), the ZIP64 EOCD when there is one, and the
// central directory, read once when the archive is opened; an entry's local header and data are
// read only when that entry is asked for, and inflated with node:zlib's inflateRawSync.
// Format reference: PKWARE APPNOTE.TXT 6.3 (§4.3.6 overall layout, §4.3.12 central directory
// header, §4.3.14-16 ZIP64 end records, §4.5.3 ZIP64 extra field).
//
// Like java.util.zip.ZipFile, offsets are taken relative to where the central directory really is,
// so that data prepended to a zip (a jmod's 4-byte "JM" header, a self-extracting stub) is skipped.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { plainUint8Array } from '../classfile/plain-uint8array.js';
import { ClassPathError } from './class-path-error.js';

/** One entry of the central directory, with its raw metadata (APPNOTE §4.3.12). */
export interface ZipEntry {
  /** The entry name, decoded as UTF-8 (what java.util.zip does by default). */
  readonly name: string;
  /** Index in central-directory order. */
  readonly index: number;
  /** Compression method: 0 stored, 8 deflated; others cannot be read here. */
  readonly method: number;
  /** General purpose bit flags (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8 name). */
  readonly flags: number;
  /** CRC-32 of the uncompressed data, as recorded (not checked, as ZipFile does not). */
  readonly crc32: number;
  readonly compressedSize: number;
  /** Uncompressed size. */
  readonly size: number;
  /** Offset of the local file header as recorded, relative to the start of the zip data. */
  readonly localHeaderOffset: number;
  /** MS-DOS time and date of last modification, as recorded. */
  readonly dosTime: number;
  readonly dosDate: number;
  readonly versionMadeBy: number;
  readonly versionNeeded: number;
  readonly internalAttributes: number;
  readonly externalAttributes: number;
  /** The central directory extra field. */
  readonly extra: Uint8Array;
  readonly comment: string;
  /** Whether the name ends with '/'. */
  readonly isDirectory: boolean;
}

// Record signatures (APPNOTE §4.3.7, §4.3.12, §4.3.14, §4.3.15, §4.3.16).
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_SIZE = 22;
const ZIP64_END_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const MAX_COMMENT_LENGTH = 0xffff;
/** APPNOTE §4.5.3: the extra field id of the ZIP64 extended information. */
const ZIP64_EXTRA_ID = 0x0001;

const METHOD_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'shrunk'],
  [6, 'imploded'],
  [9, 'deflate64'],
  [12, 'bzip2'],
  [14, 'lzma'],
  [93, 'zstd'],
  [95, 'xz'],
  [98, 'ppmd'],
  [99, 'AES-encrypted'],
]);

const utf8 = new TextDecoder('utf-8');

/** Closes the descriptors of archives that were dropped without close(). */
const descriptorRegistry = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed by the process or the user; nothing to release.
  }
});

/** Positioned reads over a file descriptor or an in-memory copy of the archive. */
interface ByteSource {
  readonly size: number;
  /** `length` bytes at `position`; the caller has checked that they are inside the source. */
  read(position: number, length: number): Uint8Array;
  close(): void;
}

class FileSource implements ByteSource {
  readonly size: number;
  private fd: number;
  private readonly path: string;
  private readonly token: object;

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'r');
    this.token = {};
    try {
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
    descriptorRegistry.register(this, this.fd, this.token);
  }

  read(position: number, length: number): Uint8Array {
    if (this.fd < 0) throw new ClassPathError(this.path, 'the archive has been closed');
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) throw new ClassPathError(this.path, `unexpected end of file at byte ${position + done}`);
      done += n;
    }
    return buffer;
  }

  close(): void {
    if (this.fd >= 0) {
      descriptorRegistry.unregister(this.token);
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}

class MemorySource implements ByteSource {
  readonly size: number;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = plainUint8Array(bytes);
    this.size = bytes.length;
  }

  read(position: number, length: number): Uint8Array {
    // A copy with its own ArrayBuffer, so that callers own what they get, as they do from a file
    // (a stored entry must not share the whole archive's memory: transferred to a worker thread,
    // it would detach it).
    return this.bytes.slice(position, position + length);
  }

  close(): void {}
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** An unsigned 64-bit little-endian value, or -1 when it does not fit in a safe integer. */
function u64(b: Uint8Array, o: number): number {
  const high = u32(b, o + 4);
  if (high > 0x1fffff) return -1;
  return high * 0x100000000 + u32(b, o);
}

/**
 * A zip file (jar, jmod, zip) whose central directory has been read. Entry data is read on demand,
 * synchronously. Call close() when done with an archive opened from a path (an archive dropped
 * without close() has its descriptor closed when it is garbage collected).
 */
export class ZipArchive {
  /** The file name used in error messages. */
  readonly name: string;
  /** The archive comment of the end of central directory record. */
  readonly comment: string;
  /** Bytes before the zip data (a jmod's 4-byte header, a self-extracting stub), usually 0. */
  readonly prefixLength: number;
  /** How many entries' data have been read (local header + data), for laziness checks in tests. */
  readCount: number;
  /**
   * Where the records are in the file (absolute byte positions, prefix included), for tools that
   * rewrite an archive byte for byte: the central directory, the end of central directory record,
   * and the ZIP64 end record and locator (-1 when the archive has none).
   */
  readonly centralDirectoryPosition: number;
  readonly centralDirectorySize: number;
  readonly endPosition: number;
  readonly zip64EndPosition: number;
  readonly zip64LocatorPosition: number;

  private readonly source: ByteSource;
  private readonly list: ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;

  private constructor(source: ByteSource, name: string) {
    this.source = source;
    this.name = name;
    this.readCount = 0;
    this.list = [];
    this.byName = new Map();
    const { cdPosition, cdSize, count, base, comment, endPosition, zip64EndPosition, zip64LocatorPosition } =
      this.readEnd();
    this.comment = comment;
    this.prefixLength = base;
    this.centralDirectoryPosition = cdPosition;
    this.centralDirectorySize = cdSize;
    this.endPosition = endPosition;
    this.zip64EndPosition = zip64EndPosition;
    this.zip64LocatorPosition = zip64LocatorPosition;
    this.readCentralDirectory(cdPosition, cdSize, count);
  }

  /** Opens the zip file at `path` and reads its central directory. */
  static open(path: string): ZipArchive {
    let source: FileSource;
    try {
      source = new FileSource(path);
    } catch (error) {
      throw new ClassPathError(path, `cannot open: ${(error as Error).message}`, { cause: error });
    }
    try {
      return new ZipArchive(source, path);
    } catch (error) {
      source.close();
      throw error;
    }
  }

  /** A zip held in memory; `name` is used in error messages. */
  static fromBytes(bytes: Uint8Array, name: string): ZipArchive {
    return new ZipArchive(new MemorySource(bytes), name);
  }

  /** Every entry, in central-directory order (duplicates included). */
  entries(): readonly ZipEntry[] {
    return this.list;
  }

  /**
   * The entry named `name`, or undefined. When a name is duplicated, the last one in the central
   * directory, the one java.util.zip.ZipFile (so the JVM's class loaders and java -jar) reads.
   */
  getEntry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The uncompressed data of the entry named `name`, or undefined when there is none. */
  read(name: string): Uint8Array | undefined {
    const entry = this.byName.get(name);
    return entry === undefined ? undefined : this.readEntry(entry);
  }

  /** The uncompressed data of `entry` (an entry of this archive). */
  readEntry(entry: ZipEntry): Uint8Array {
    this.readCount++;
    const where = `entry ${entry.name}`;
    if ((entry.flags & 1) !== 0) throw this.error(`${where} is encrypted, which is not supported`);
    if (entry.method !== 0 && entry.method !== 8) {
      const known = METHOD_NAMES.get(entry.method);
      throw this.error(
        `${where} uses compression method ${entry.method}${known ? ` (${known})` : ''}; only stored (0) and deflated (8) entries can be read`,
      );
    }
    const headerPosition = this.prefixLength + entry.localHeaderOffset;
    if (headerPosition + LOCAL_HEADER_SIZE > this.source.size) {
      throw this.error(`${where}: its local header at byte ${headerPosition} is past the end of the file (truncated?)`);
    }
    const header = this.source.read(headerPosition, LOCAL_HEADER_SIZE);
    if (u32(header, 0) !== LOCAL_HEADER_SIGNATURE) {
      throw this.error(`${where}: no local file header signature at byte ${headerPosition} (corrupt archive)`);
    }
    const dataPosition = headerPosition + LOCAL_HEADER_SIZE + u16(header, 26) + u16(header, 28);
    if (dataPosition + entry.compressedSize > this.source.size) {
      throw this.error(
        `${where}: its ${entry.compressedSize} bytes of data at byte ${dataPosition} run past the end of the file (${this.source.size} bytes; truncated?)`,
      );
    }
    const data = this.source.read(dataPosition, entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) {
        throw this.error(`${where} is stored but its sizes differ (${entry.compressedSize} vs ${entry.size})`);
      }
      return data;
    }
    let inflated: Uint8Array;
    try {
      // The bound stops a lying size from inflating without limit.
      inflated = inflateRawSync(data, { maxOutputLength: entry.size + 1 });
    } catch (error) {
      throw new ClassPathError(this.name, `${where}: cannot inflate: ${(error as Error).message}`, { cause: error });
    }
    if (inflated.length !== entry.size) {
      throw this.error(`${where} inflates to ${inflated.length} bytes, but the central directory says ${entry.size}`);
    }
    return inflated;
  }

  /** Releases the file descriptor; reading entries afterwards throws. */
  close(): void {
    this.source.close();
  }

  private error(message: string): ClassPathError {
    return new ClassPathError(this.name, message);
  }

  /** Finds the end records and returns where the central directory is and what it holds. */
  private readEnd(): {
    cdPosition: number;
    cdSize: number;
    count: number;
    base: number;
    comment: string;
    endPosition: number;
    zip64EndPosition: number;
    zip64LocatorPosition: number;
  } {
    const size = this.source.size;
    if (size < END_SIZE) throw this.error(`not a zip file: only ${size} bytes, too short for an end of central directory record`);
    const tailLength = Math.min(size, END_SIZE + MAX_COMMENT_LENGTH);
    const tailStart = size - tailLength;
    const tail = this.source.read(tailStart, tailLength);
    // Search backwards for the signature; prefer a record whose comment ends exactly at the end
    // of the file, but accept one followed by trailing bytes, as ZipFile does.
    let end = -1;
    let fallback = -1;
    for (let p = tailLength - END_SIZE; p >= 0; p--) {
      if (tail[p] !== 0x50 || u32(tail, p) !== END_SIGNATURE) continue;
      const commentLength = u16(tail, p + 20);
      if (p + END_SIZE + commentLength === tailLength) {
        end = p;
        break;
      }
      if (fallback < 0 && p + END_SIZE + commentLength <= tailLength) fallback = p;
    }
    if (end < 0) end = fallback;
    if (end < 0) {
      throw this.error('not a zip file, or truncated: no end of central directory record found');
    }
    const endPosition = tailStart + end;
    const commentLength = u16(tail, end + 20);
    const comment = utf8.decode(tail.subarray(end + END_SIZE, end + END_SIZE + commentLength));
    let count = u16(tail, end + 10);
    let cdSize = u32(tail, end + 12);
    let cdOffset = u32(tail, end + 16);
    // The central directory ends where the end record (or the ZIP64 end record) starts.
    let cdEnd = endPosition;
    let zip64EndPosition = -1;
    let zip64LocatorPosition = -1;

    const locatorPosition = endPosition - ZIP64_LOCATOR_SIZE;
    if (locatorPosition >= 0) {
      const locator = this.source.read(locatorPosition, ZIP64_LOCATOR_SIZE);
      if (u32(locator, 0) === ZIP64_LOCATOR_SIGNATURE) {
        // The record is normally right before the locator; its recorded offset is shifted by any
        // prefix, so look there first.
        const recorded = u64(locator, 8);
        const candidates = [locatorPosition - ZIP64_END_SIZE, recorded];
        let found = false;
        for (const position of candidates) {
          if (position < 0 || position + ZIP64_END_SIZE > locatorPosition) continue;
          const record = this.source.read(position, ZIP64_END_SIZE);
          if (u32(record, 0) !== ZIP64_END_SIGNATURE) continue;
          const count64 = u64(record, 32);
          const size64 = u64(record, 40);
          const offset64 = u64(record, 48);
          if (count64 < 0 || size64 < 0 || offset64 < 0) throw this.error('ZIP64 end record holds values too large to read');
          count = count64;
          cdSize = size64;
          cdOffset = offset64;
          cdEnd = position;
          zip64EndPosition = position;
          zip64LocatorPosition = locatorPosition;
          found = true;
          break;
        }
        if (!found && (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)) {
          throw this.error('ZIP64 end of central directory record not found (corrupt archive)');
        }
      }
    }
    const cdPosition = cdEnd - cdSize;
    if (cdPosition < 0) {
      throw this.error(`the central directory (${cdSize} bytes) does not fit before its end record (truncated or corrupt)`);
    }
    const base = cdPosition - cdOffset;
    if (base < 0) {
      throw this.error(
        `the central directory is recorded at byte ${cdOffset} but the file has only ${cdPosition} bytes before it (truncated?)`,
      );
    }
    if (count * CENTRAL_HEADER_SIZE > cdSize) {
      throw this.error(`${count} entries cannot fit in a central directory of ${cdSize} bytes (corrupt archive)`);
    }
    return { cdPosition, cdSize, count, base, comment, endPosition, zip64EndPosition, zip64LocatorPosition };
  }

  private readCentralDirectory(cdPosition: number, cdSize: number, count: number): void {
    const cd = this.source.read(cdPosition, cdSize);
    let p = 0;
    for (let index = 0; index < count; index++) {
      if (p + CENTRAL_HEADER_SIZE > cdSize || u32(cd, p) !== CENTRAL_HEADER_SIGNATURE) {
        throw this.error(`central directory entry ${index} at byte ${cdPosition + p} is malformed (corrupt archive)`);
      }
      const flags = u16(cd, p + 8);
      const nameLength = u16(cd, p + 28);
      const extraLength = u16(cd, p + 30);
      const commentLength = u16(cd, p + 32);
      const nameStart = p + CENTRAL_HEADER_SIZE;
      const extraStart = nameStart + nameLength;
      const commentStart = extraStart + extraLength;
      const next = commentStart + commentLength;
      if (next > cdSize) {
        throw this.error(`central directory entry ${index} runs past the end of the central directory (corrupt archive)`);
      }
      const name = utf8.decode(cd.subarray(nameStart, extraStart));
      let compressedSize = u32(cd, p + 20);
      let size = u32(cd, p + 24);
      let localHeaderOffset = u32(cd, p + 42);
      const extra = cd.subarray(extraStart, commentStart);
      if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        // APPNOTE §4.5.3: only the fields saturated in the header are present, in this order.
        let e = 0;
        let zip64: number = -1;
        while (e + 4 <= extra.length) {
          const id = u16(extra, e);
          const length = u16(extra, e + 2);
          if (id === ZIP64_EXTRA_ID) {
            zip64 = e + 4;
            break;
          }
          e += 4 + length;
        }
        if (zip64 < 0) throw this.error(`entry ${name} has saturated sizes but no ZIP64 extra field (corrupt archive)`);
        const end = zip64 + u16(extra, zip64 - 2);
        const take = (): number => {
          if (zip64 + 8 > end || zip64 + 8 > extra.length) throw this.error(`entry ${name} has a short ZIP64 extra field`);
          const value = u64(extra, zip64);
          if (value < 0) throw this.error(`entry ${name} has a ZIP64 value too large to read`);
          zip64 += 8;
          return value;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      const entry: ZipEntry = {
        name,
        index,
        method: u16(cd, p + 10),
        flags,
        crc32: u32(cd, p + 16),
        compressedSize,
        size,
        localHeaderOffset,
        dosTime: u16(cd, p + 12),
        dosDate: u16(cd, p + 14),
        versionMadeBy: u16(cd, p + 4),
        versionNeeded: u16(cd, p + 6),
        internalAttributes: u16(cd, p + 36),
        externalAttributes: u32(cd, p + 38),
        extra,
        comment: commentLength === 0 ? '' : utf8.decode(cd.subarray(commentStart, next)),
        isDirectory: name.endsWith('/'),
      };
      this.list.push(entry);
      // The last of duplicated names wins, as in ZipFile's lookup table (its hash chains put later
      // entries first): the class path must see the class the JVM loads.
      this.byName.set(name, entry);
      p = next;
    }
  }
}
