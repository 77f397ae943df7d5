// # The JDK runtime image (`<java.home>/lib/modules`, the "jimage" format), read directly
//
// Layout (as written by jlink and read by the JDK's jdk.internal.jimage.BasicImageReader), all
// 32-bit words in the platform's byte order (detected here from the magic number):
//
//   header    7 words: magic 0xCAFEDADA, version (major << 16 | minor), flags, resource count,
//             table length, locations size, strings size
//   redirect  table length words: for a name's hash modulo the table length, 0 (no entry), a
//             negative value -1 - i (the location is i) or a positive seed to hash the name again
//   offsets   table length words: the offset of each location's attributes in `locations`
//   locations attribute streams: a byte (kind << 3 | length - 1) then `length` bytes big-endian,
//             ended by a byte <= 7; kinds module, parent, base, extension (string offsets),
//             content offset, compressed size, uncompressed size
//   strings   zero-terminated modified UTF-8 strings
//   content   resources, at (header + index size) + content offset
//
// A resource is named "/module/parent/base.extension", e.g. "/java.base/java/lang/Object.class".
// Besides resources the image holds "/packages/<pkg.dotted>/<module>" entries (which module has
// a package) and "/modules/..." directory entries, used by the JDK's virtual file system.
// Only the index (about 1.5 MB for a full JDK) is read when the image is opened; each resource is
// read on demand with a positioned read, so opening the 130 MB file is cheap.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { decodeModifiedUtf8 } from '../classfile/modified-utf8.js';
import { ClassPathError } from './class-path-error.js';

const IMAGE_MAGIC = 0xcafedada;
const SUPPORTED_MAJOR_VERSION = 1;
const HEADER_SIZE = 7 * 4;

// Location attribute kinds.
const ATTRIBUTE_MODULE = 1;
const ATTRIBUTE_PARENT = 2;
const ATTRIBUTE_BASE = 3;
const ATTRIBUTE_EXTENSION = 4;
const ATTRIBUTE_OFFSET = 5;
const ATTRIBUTE_COMPRESSED = 6;
const ATTRIBUTE_UNCOMPRESSED = 7;
const ATTRIBUTE_COUNT = 8;

/** FNV-1 style multiplier of the image's name hash (also the default seed). */
const HASH_MULTIPLIER = 0x01000193;

/** The header jlink puts before each compressed resource (29 bytes, image byte order). */
const COMPRESSED_HEADER_MAGIC = 0xcafefafa;
const COMPRESSED_HEADER_SIZE = 29;

/** Closes the descriptors of readers that were dropped without close(). */
const descriptorRegistry = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed; nothing to release.
  }
});

/** One resource location of the image. Empty strings stand for absent name parts. */
export interface ImageLocation {
  readonly module: string;
  readonly parent: string;
  readonly base: string;
  readonly extension: string;
  /** Offset of the content after the index. */
  readonly contentOffset: number;
  /** Size of the stored (compressed) content, 0 when the resource is not compressed. */
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/** The full name of a location: "/module/parent/base.extension" (parts omitted when absent). */
export function imageLocationName(location: ImageLocation): string {
  let name = location.module === '' ? '' : `/${location.module}/`;
  if (location.parent !== '') name += `${location.parent}/`;
  name += location.base;
  if (location.extension !== '') name += `.${location.extension}`;
  return name;
}

/**
 * The hash the image's perfect hash table uses: FNV-1 over the modified UTF-8 bytes of `name`,
 * with a 32-bit wrap-around multiply, masked to a non-negative int.
 */
export function imageNameHash(name: string, seed: number = HASH_MULTIPLIER): number {
  let h = seed | 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0 && c < 0x80) {
      h = Math.imul(h, HASH_MULTIPLIER) ^ c;
    } else if (c < 0x800) {
      // Also U+0000, as C0 80.
      h = Math.imul(h, HASH_MULTIPLIER) ^ (0xc0 | (c >> 6));
      h = Math.imul(h, HASH_MULTIPLIER) ^ (0x80 | (c & 0x3f));
    } else {
      h = Math.imul(h, HASH_MULTIPLIER) ^ (0xe0 | (c >> 12));
      h = Math.imul(h, HASH_MULTIPLIER) ^ (0x80 | ((c >> 6) & 0x3f));
      h = Math.imul(h, HASH_MULTIPLIER) ^ (0x80 | (c & 0x3f));
    }
  }
  return h & 0x7fffffff;
}

/**
 * A JDK runtime image opened for reading: the index is in memory, resources are read on demand.
 * Call close() when done (a reader dropped without it has its descriptor closed when collected).
 */
export class JImageReader {
  /** The image file, used in error messages. */
  readonly path: string;
  readonly littleEndian: boolean;
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly flags: number;
  readonly resourceCount: number;
  readonly tableLength: number;
  /** Size of header and index: content offsets count from here. */
  readonly indexSize: number;
  /** How many resources have been read, for laziness checks in tests. */
  readCount: number;

  private fd: number;
  /** Unregisters the descriptor from the finalization registry on close(). */
  private readonly token: object;
  private readonly fileSize: number;
  private readonly index: Uint8Array;
  private readonly view: DataView;
  private readonly redirectOffset: number;
  private readonly offsetsOffset: number;
  private readonly locationsOffset: number;
  private readonly locationsEnd: number;
  private readonly stringsOffset: number;
  private readonly stringsEnd: number;
  private readonly stringCache: Map<number, string>;
  /** Dotted package name → module, filled from the "/packages/" entries on demand. */
  private readonly packageModules: Map<string, string | null>;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.fd = fd;
    this.token = {};
    this.readCount = 0;
    this.stringCache = new Map();
    this.packageModules = new Map();
    this.fileSize = fstatSync(fd).size;
    if (this.fileSize < HEADER_SIZE) throw this.error(`not a runtime image: only ${this.fileSize} bytes`);
    const header = this.readAt(0, HEADER_SIZE);
    const headerView = new DataView(header.buffer, header.byteOffset, HEADER_SIZE);
    // The image is written in the byte order of the platform it was built for.
    if (headerView.getUint32(0, true) === IMAGE_MAGIC) this.littleEndian = true;
    else if (headerView.getUint32(0, false) === IMAGE_MAGIC) this.littleEndian = false;
    else throw this.error('not a runtime image (bad magic number; expected 0xCAFEDADA)');
    const le = this.littleEndian;
    const version = headerView.getUint32(4, le);
    this.majorVersion = version >>> 16;
    this.minorVersion = version & 0xffff;
    if (this.majorVersion !== SUPPORTED_MAJOR_VERSION) {
      throw this.error(`unsupported runtime image version ${this.majorVersion}.${this.minorVersion} (expected 1.x)`);
    }
    this.flags = headerView.getInt32(8, le);
    this.resourceCount = headerView.getInt32(12, le);
    this.tableLength = headerView.getInt32(16, le);
    const locationsSize = headerView.getInt32(20, le);
    const stringsSize = headerView.getInt32(24, le);
    if (this.tableLength < 0 || locationsSize < 0 || stringsSize < 0) throw this.error('corrupt header (negative size)');
    this.indexSize = HEADER_SIZE + this.tableLength * 8 + locationsSize + stringsSize;
    if (this.indexSize > this.fileSize) {
      throw this.error(`truncated: its index needs ${this.indexSize} bytes but the file has ${this.fileSize}`);
    }
    this.index = this.readAt(0, this.indexSize);
    this.view = new DataView(this.index.buffer, this.index.byteOffset, this.index.byteLength);
    this.redirectOffset = HEADER_SIZE;
    this.offsetsOffset = this.redirectOffset + this.tableLength * 4;
    this.locationsOffset = this.offsetsOffset + this.tableLength * 4;
    this.locationsEnd = this.locationsOffset + locationsSize;
    this.stringsOffset = this.locationsEnd;
    this.stringsEnd = this.stringsOffset + stringsSize;
    descriptorRegistry.register(this, fd, this.token);
  }

  /** Opens the image at `path` (usually `<java.home>/lib/modules`) and reads its index. */
  static open(path: string): JImageReader {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw new ClassPathError(path, `cannot open: ${(error as Error).message}`, { cause: error });
    }
    try {
      return new JImageReader(path, fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The location named `name` ("/java.base/java/lang/Object.class"), or undefined. */
  findLocation(name: string): ImageLocation | undefined {
    const count = this.tableLength;
    if (count === 0) return undefined;
    const hash = imageNameHash(name);
    const redirect = this.view.getInt32(this.redirectOffset + (hash % count) * 4, this.littleEndian);
    let index: number;
    if (redirect < 0) index = -1 - redirect;
    else if (redirect > 0) index = imageNameHash(name, redirect) % count;
    else return undefined;
    if (index >= count) throw this.error(`corrupt redirect table (index ${index} of ${count})`);
    const attributesOffset = this.view.getInt32(this.offsetsOffset + index * 4, this.littleEndian);
    const location = this.locationAt(attributesOffset);
    // The perfect hash maps every name somewhere: check that the entry found is the one asked for.
    return imageLocationName(location) === name ? location : undefined;
  }

  /** The content of the resource named `name`, or undefined when there is none. */
  getResource(name: string): Uint8Array | undefined {
    const location = this.findLocation(name);
    return location === undefined ? undefined : this.readResource(location);
  }

  /**
   * The bytes of the class `internalName` ("java/lang/Object"), found through the module that
   * holds its package; undefined when no module of the image has it.
   */
  findClass(internalName: string): Uint8Array | undefined {
    const location = this.findClassLocation(internalName);
    return location === undefined ? undefined : this.readResource(location);
  }

  /** The location of the class `internalName`, or undefined. */
  findClassLocation(internalName: string): ImageLocation | undefined {
    const slash = internalName.lastIndexOf('/');
    // Classes of the unnamed package cannot be in a named module (JLS §7.4.2).
    if (slash <= 0) return undefined;
    const module = this.moduleOfPackage(internalName.slice(0, slash));
    if (module === undefined) return undefined;
    return this.findLocation(`/${module}/${internalName}.class`);
  }

  /**
   * The module that holds the package `packageName` (dotted or with slashes), or undefined. Read
   * from the image's "/packages/<pkg>/<module>" entries, whose content is (is-empty, module name
   * offset) pairs of 32-bit words; a module whose copy of the package is empty is skipped.
   */
  moduleOfPackage(packageName: string): string | undefined {
    const dotted = packageName.replaceAll('/', '.');
    const cached = this.packageModules.get(dotted);
    if (cached !== undefined) return cached ?? undefined;
    let module: string | null = null;
    const location = this.findLocation(`/packages/${dotted}`);
    if (location !== undefined) {
      const content = this.readResource(location);
      const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
      for (let p = 0; p + 8 <= content.length; p += 8) {
        const isEmpty = view.getInt32(p, this.littleEndian);
        const moduleOffset = view.getInt32(p + 4, this.littleEndian);
        if (isEmpty === 0) {
          module = this.getString(moduleOffset);
          break;
        }
      }
    }
    this.packageModules.set(dotted, module);
    return module ?? undefined;
  }

  /** Every location of the image, in table order (resources and the "/packages", "/modules" entries). */
  locations(): ImageLocation[] {
    const result: ImageLocation[] = [];
    for (let i = 0; i < this.tableLength; i++) {
      const offset = this.view.getInt32(this.offsetsOffset + i * 4, this.littleEndian);
      // An unused slot holds 0, which is also where the first location could start: the JDK
      // skips it the same way (BasicImageReader.getEntryNames).
      if (offset !== 0) result.push(this.locationAt(offset));
    }
    return result;
  }

  /** The full names of every location, sorted (what `jimage list` walks). */
  entryNames(): string[] {
    return this.locations()
      .map(imageLocationName)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The names of the modules of the image, sorted. */
  modules(): string[] {
    const names = new Set<string>();
    for (const location of this.locations()) {
      if (location.module !== '' && location.module !== 'packages' && location.module !== 'modules') {
        names.add(location.module);
      }
    }
    return [...names].sort();
  }

  /** The uncompressed content of `location` (a location of this image). */
  readResource(location: ImageLocation): Uint8Array {
    this.readCount++;
    const position = this.indexSize + location.contentOffset;
    const stored = location.compressedSize === 0 ? location.uncompressedSize : location.compressedSize;
    if (position + stored > this.fileSize) {
      throw this.error(`${imageLocationName(location)}: content runs past the end of the file (truncated image?)`);
    }
    let content = this.readAt(position, stored);
    if (location.compressedSize !== 0) {
      content = this.decompress(imageLocationName(location), content, location.uncompressedSize);
    }
    return content;
  }

  /** Releases the file descriptor. */
  close(): void {
    if (this.fd >= 0) {
      descriptorRegistry.unregister(this.token);
      closeSync(this.fd);
      this.fd = -1;
    }
  }

  /** The string at `offset` of the strings table. */
  getString(offset: number): string {
    let value = this.stringCache.get(offset);
    if (value === undefined) {
      const start = this.stringsOffset + offset;
      const end = this.stringEnd(offset);
      try {
        value = decodeModifiedUtf8(this.index, start, end - start);
      } catch (error) {
        throw this.error(`bad string at strings offset ${offset}: ${(error as Error).message}`);
      }
      this.stringCache.set(offset, value);
    }
    return value;
  }

  // ## Internals

  private error(message: string): ClassPathError {
    return new ClassPathError(this.path, message);
  }

  private readAt(position: number, length: number): Uint8Array {
    if (this.fd < 0) throw this.error('the image has been closed');
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) throw this.error(`unexpected end of file at byte ${position + done}`);
      done += n;
    }
    return buffer;
  }

  /** Index (in `index`) of the zero byte ending the string at strings offset `offset`. */
  private stringEnd(offset: number): number {
    const start = this.stringsOffset + offset;
    if (offset < 0 || start >= this.stringsEnd) throw this.error(`string offset ${offset} is outside the strings table`);
    const end = this.index.indexOf(0, start);
    if (end < 0 || end >= this.stringsEnd) throw this.error(`unterminated string at strings offset ${offset}`);
    return end;
  }

  /** Decodes the attribute stream at `offset` of the locations table. */
  private locationAt(offset: number): ImageLocation {
    let p = this.locationsOffset + offset;
    if (offset < 0 || p >= this.locationsEnd) throw this.error(`location offset ${offset} is outside the locations table`);
    const values = [0, 0, 0, 0, 0, 0, 0, 0];
    const index = this.index;
    while (p < this.locationsEnd) {
      const data = index[p++]!;
      if (data <= 0x7) break;
      const kind = data >>> 3;
      const length = (data & 0x7) + 1;
      if (p + length > this.locationsEnd) throw this.error(`truncated location attribute at locations offset ${offset}`);
      let value = 0;
      for (let i = 0; i < length; i++) value = value * 256 + index[p++]!;
      // Newer images may add kinds; those we do not know are skipped.
      if (kind < ATTRIBUTE_COUNT) values[kind] = value;
    }
    return {
      module: values[ATTRIBUTE_MODULE] === 0 ? '' : this.getString(values[ATTRIBUTE_MODULE]!),
      parent: values[ATTRIBUTE_PARENT] === 0 ? '' : this.getString(values[ATTRIBUTE_PARENT]!),
      base: this.getString(values[ATTRIBUTE_BASE]!),
      extension: values[ATTRIBUTE_EXTENSION] === 0 ? '' : this.getString(values[ATTRIBUTE_EXTENSION]!),
      contentOffset: values[ATTRIBUTE_OFFSET]!,
      compressedSize: values[ATTRIBUTE_COMPRESSED]!,
      uncompressedSize: values[ATTRIBUTE_UNCOMPRESSED]!,
    };
  }

  // ## Compressed resources
  //
  // jlink's --compress plugins wrap a resource in one or more headers: magic 0xCAFEFAFA, compressed
  // size (8 bytes), uncompressed size (8), the decompressor's name as a strings offset (4), 4
  // unused bytes and an is-terminal byte, all in the image byte order. Each layer is undone in turn.

  private decompress(name: string, content: Uint8Array, expectedSize: number): Uint8Array {
    const le = this.littleEndian;
    for (let layer = 0; content.length >= COMPRESSED_HEADER_SIZE; layer++) {
      const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
      if (view.getUint32(0, le) !== COMPRESSED_HEADER_MAGIC) break;
      if (layer > 8) throw this.error(`${name}: too many compression layers`);
      const uncompressedSize = Number(view.getBigUint64(12, le));
      const decompressor = this.getString(view.getInt32(20, le));
      if (uncompressedSize > 0x7fffffff) throw this.error(`${name}: bad uncompressed size ${uncompressedSize}`);
      const payload = content.subarray(COMPRESSED_HEADER_SIZE);
      if (decompressor === 'zip') {
        content = this.inflate(name, payload, uncompressedSize);
      } else if (decompressor === 'compact-cp') {
        content = this.expandSharedStrings(name, payload, uncompressedSize);
      } else {
        throw this.error(
          `${name} is compressed with the "${decompressor}" decompressor, which is not supported (only "zip" and "compact-cp" are)`,
        );
      }
    }
    if (content.length !== expectedSize) {
      throw this.error(`${name}: decompressed to ${content.length} bytes instead of ${expectedSize}`);
    }
    return content;
  }

  /** The "zip" decompressor: a zlib stream (java.util.zip.Inflater with its header). */
  private inflate(name: string, payload: Uint8Array, size: number): Uint8Array {
    let result: Uint8Array;
    try {
      result = inflateSync(payload, { maxOutputLength: size + 1 });
    } catch (error) {
      throw new ClassPathError(this.path, `${name}: cannot inflate: ${(error as Error).message}`, { cause: error });
    }
    if (result.length !== size) throw this.error(`${name}: inflated to ${result.length} bytes instead of ${size}`);
    return result;
  }

  /**
   * The "compact-cp" decompressor (jlink's string sharing): the class's constant pool has some
   * CONSTANT_Utf8 entries (JVMS §4.4.7) moved to the image's strings table. Tag 23 stands for a
   * Utf8 given by a strings offset; tag 25 for a descriptor given as a template string with each
   * 'L' followed by a package and a simple class name from the strings table. Offsets and lengths
   * there use a compact integer encoding (see readCompactInt).
   */
  private expandSharedStrings(name: string, input: Uint8Array, size: number): Uint8Array {
    const out = new Uint8Array(size);
    let o = 0;
    let i = 0;
    const corrupt = (what: string): ClassPathError => this.error(`${name}: corrupt shared-strings resource (${what})`);
    const need = (inBytes: number, outBytes: number): void => {
      if (i + inBytes > input.length) throw corrupt('input ends early');
      if (o + outBytes > size) throw corrupt('output larger than its recorded size');
    };
    const readCompactInt = (): number => {
      need(1, 0);
      const header = input[i++]!;
      // High bit set: bits 6-5 give the byte count (header included), bits 4-0 the top value
      // bits. Otherwise the value is the header and the next three bytes, big-endian.
      const compressed = (header & 0x80) !== 0;
      const length = compressed ? (header >> 5) & 3 : 4;
      let value = compressed ? header & 0x1f : header;
      if (length === 0) throw corrupt('zero-length compact integer');
      need(length - 1, 0);
      for (let k = 1; k < length; k++) value = (value << 8) | input[i++]!;
      return value;
    };
    const copyString = (offset: number): void => {
      const start = this.stringsOffset + offset;
      const end = this.stringEnd(offset);
      need(0, end - start);
      out.set(this.index.subarray(start, end), o);
      o += end - start;
    };

    // magic, minor_version, major_version (JVMS §4.1), then constant_pool_count.
    need(10, 10);
    out.set(input.subarray(0, 10), 0);
    i = o = 10;
    const count = (input[8]! << 8) | input[9]!;
    for (let c = 1; c < count; c++) {
      need(1, 1);
      const tag = input[i++]!;
      switch (tag) {
        case 1: {
          // CONSTANT_Utf8 kept in place.
          need(2, 0);
          const length = (input[i]! << 8) | input[i + 1]!;
          need(2 + length, 3 + length);
          out[o++] = 1;
          out.set(input.subarray(i, i + 2 + length), o);
          i += 2 + length;
          o += 2 + length;
          break;
        }
        case 23: {
          // A whole Utf8 from the strings table.
          const offset = readCompactInt();
          need(0, 3);
          out[o++] = 1;
          const lengthAt = o;
          o += 2;
          copyString(offset);
          const length = o - lengthAt - 2;
          out[lengthAt] = length >> 8;
          out[lengthAt + 1] = length & 0xff;
          break;
        }
        case 25: {
          // A descriptor rebuilt from a template and (package, class) string pairs.
          const templateOffset = readCompactInt();
          const indexesLength = readCompactInt();
          need(indexesLength, 3);
          const indexes = this.readCompactIntFlow(name, input.subarray(i, i + indexesLength));
          i += indexesLength;
          out[o++] = 1;
          const lengthAt = o;
          o += 2;
          const templateStart = this.stringsOffset + templateOffset;
          const templateEnd = this.stringEnd(templateOffset);
          let next = 0;
          for (let t = templateStart; t < templateEnd; t++) {
            const b = this.index[t]!;
            need(0, 1);
            out[o++] = b;
            if (b === 0x4c /* 'L' */) {
              if (next + 2 > indexes.length) throw corrupt('too few class names for the descriptor template');
              const packageOffset = indexes[next++]!;
              const classOffset = indexes[next++]!;
              if (this.stringEnd(packageOffset) > this.stringsOffset + packageOffset) {
                copyString(packageOffset);
                need(0, 1);
                out[o++] = 0x2f; // '/'
              }
              copyString(classOffset);
            }
          }
          const length = o - lengthAt - 2;
          if (length > 0xffff) throw corrupt('descriptor longer than 65535 bytes');
          out[lengthAt] = length >> 8;
          out[lengthAt + 1] = length & 0xff;
          break;
        }
        case 5:
        case 6:
          // CONSTANT_Long and CONSTANT_Double take two constant pool slots (JVMS §4.4.5).
          c++;
          need(8, 9);
          out[o++] = tag;
          out.set(input.subarray(i, i + 8), o);
          i += 8;
          o += 8;
          break;
        default: {
          const entrySize = CONSTANT_SIZES[tag] ?? 0;
          if (entrySize === 0) throw corrupt(`unknown constant pool tag ${tag}`);
          need(entrySize, 1 + entrySize);
          out[o++] = tag;
          out.set(input.subarray(i, i + entrySize), o);
          i += entrySize;
          o += entrySize;
        }
      }
    }
    // The rest of the class file follows unchanged.
    const rest = input.length - i;
    if (o + rest !== size) throw corrupt(`${o + rest} bytes rebuilt instead of ${size}`);
    out.set(input.subarray(i), o);
    return out;
  }

  /** A run of compact integers, back to back. */
  private readCompactIntFlow(name: string, bytes: Uint8Array): number[] {
    const values: number[] = [];
    let i = 0;
    while (i < bytes.length) {
      const header = bytes[i]!;
      const compressed = (header & 0x80) !== 0;
      const length = compressed ? (header >> 5) & 3 : 4;
      if (length === 0 || i + length > bytes.length) {
        throw this.error(`${name}: corrupt shared-strings resource (bad compact integer list)`);
      }
      let value = compressed ? header & 0x1f : header;
      for (let k = 1; k < length; k++) value = (value << 8) | bytes[i + k]!;
      values.push(value);
      i += length;
    }
    return values;
  }
}

/** Sizes of the fixed-size constant pool entries after their tag (JVMS §4.4), Long/Double apart. */
const CONSTANT_SIZES: readonly (number | undefined)[] = (() => {
  const sizes: number[] = new Array(21).fill(0);
  sizes[3] = 4; // Integer
  sizes[4] = 4; // Float
  sizes[7] = 2; // Class
  sizes[8] = 2; // String
  sizes[9] = 4; // Fieldref
  sizes[10] = 4; // Methodref
  sizes[11] = 4; // InterfaceMethodref
  sizes[12] = 4; // NameAndType
  sizes[15] = 3; // MethodHandle
  sizes[16] = 2; // MethodType
  sizes[17] = 4; // Dynamic
  sizes[18] = 4; // InvokeDynamic
  sizes[19] = 2; // Module
  sizes[20] = 2; // Package
  return sizes;
})();
