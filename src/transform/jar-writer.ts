// # Rewriting a jar with some entries replaced, keeping everything else byte for byte
//
// The output is assembled from the input's own bytes: the prefix before the first local header,
// then each entry's local span (JarFile's layout) in the original local-header order, then the
// central directory records in their original order, then the end records with the original
// comment and any trailing bytes. An entry whose bytes did not change is copied raw (local header,
// compressed data, data descriptor); only its central record's local-header offset is patched when
// it moved. A changed entry gets a local header copied from the original with the new CRC-32 and
// sizes (same name, method, flags, DOS time and date, extra field), its data compressed again with
// the same method, and, when the original used a data descriptor (flag bit 3), a new descriptor in
// the same format, so that its flags stay exactly as they were. With no entry changed the output is
// the input. Format reference: PKWARE APPNOTE.TXT 6.3 (§4.3.7, §4.3.9, §4.3.12, §4.3.14-16, §4.5.3).

import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { keepModeOfReplacedFile } from './replaced-file-mode.js';
import { outputTarget } from './output-target.js';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import * as zlib from 'node:zlib';
import { ClassPathError } from '../classpath/class-path-error.js';
import type { JarEntry, JarFile } from './jar-file.js';
import { centralHeader, localHeader, newEntryRecord, type NewEntryRecord } from './new-jar.js';

/** What to do with a signed jar's signature files (see JarEntry.signature). */
export type SignaturePolicy = 'drop-if-changed' | 'drop' | 'keep';

export interface JarRewriteOptions {
  /**
   * Default 'drop-if-changed': when any entry changes, the signature files are left out (the
   * rewritten classes would fail verification with a SecurityException) and a warning says so;
   * an unchanged jar keeps its valid signature. 'drop' always removes them; 'keep' never does.
   * The manifest is never touched either way (its per-entry digests are ignored without the .SF).
   */
  signatures?: SignaturePolicy;
  /** zlib level for re-deflated entries; default zlib's default (6, as java.util.zip's Deflater). */
  level?: number;
  /** Entries (by JarEntry.index) to leave out of the output, besides dropped signature files. */
  omit?: ReadonlySet<number>;
  /**
   * New names for replaced entries (by JarEntry.index; a class a transform renamed). The entry keeps
   * its place, metadata and extra fields; only its name changes, in the local and central headers
   * (with the UTF-8 flag, APPNOTE §4.4.4 bit 11, set when the name is not ASCII). Every renamed
   * entry must also be in `replacements`.
   */
  renames?: ReadonlyMap<number, string>;
  /**
   * Entries to add (directory entries for the packages renamed classes moved to), by the JarEntry.index
   * they go right before, in the local and the central order alike. Each is a copy of the entry
   * `template` (an entry without data: another directory entry) under `name`.
   */
  insertions?: ReadonlyMap<number, readonly { readonly name: string; readonly template: number }[]>;
  /**
   * Replacements already deflated (raw DEFLATE at `level`, as this function would make them), by
   * the replacement array itself: a BackgroundDeflater's results. Those absent are deflated here.
   */
  deflated?: ReadonlyMap<Uint8Array, Uint8Array>;
  /**
   * New entries (helper classes a transform adds), written after every other entry in the local and
   * the central order, deflated at `level`, with the time and date of the jar's first entry. A name
   * the jar already holds is refused.
   */
  additions?: readonly { readonly name: string; readonly data: Uint8Array }[];
}

export interface JarRewrite {
  /** The output jar. */
  readonly bytes: Buffer;
  /** Names of the entries whose bytes changed, in central-directory order. */
  readonly changed: string[];
  /** Names of the signature files left out (entries in `omit` are not listed). */
  readonly removed: string[];
  /** Messages for the user (a removed signature), each naming the jar. */
  readonly warnings: string[];
}

const LOCAL_HEADER_SIZE = 30;
const DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
/** APPNOTE §4.5.3: the ZIP64 extended information extra field. */
const ZIP64_EXTRA_ID = 0x0001;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
/** APPNOTE §4.4.4: general purpose flag bit 3, sizes and CRC in a data descriptor after the data. */
const FLAG_DATA_DESCRIPTOR = 0x0008;

// ## Little-endian helpers (Node's Buffer methods would need a Buffer view of every array)

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function u64(b: Uint8Array, o: number): number {
  return u32(b, o + 4) * 0x100000000 + u32(b, o);
}

function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

function put64(b: Uint8Array, o: number, v: number): void {
  put32(b, o, v >>> 0);
  put32(b, o + 4, Math.floor(v / 0x100000000));
}

// ## CRC-32 (zlib.crc32 since Node 20.15 / 22.2; a table otherwise)

let crcTable: Int32Array | null = null;

function tableCrc32(data: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** The CRC-32 of `data` as zip records it (APPNOTE §4.4.7). */
export function crc32(data: Uint8Array): number {
  return typeof nativeCrc32 === 'function' ? nativeCrc32(data) >>> 0 : tableCrc32(data);
}

// ## Extra fields

/** The position of the data of the ZIP64 extra field in `extra[start, end)`, or -1. */
function findZip64Extra(b: Uint8Array, start: number, end: number): number {
  let e = start;
  while (e + 4 <= end) {
    const id = u16(b, e);
    const length = u16(b, e + 2);
    if (id === ZIP64_EXTRA_ID) return e + 4 + length <= end ? e + 4 : -1;
    e += 4 + length;
  }
  return -1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A changed entry's new local records and its values for the central record. */
interface RewrittenEntry {
  readonly local: Uint8Array[];
  readonly length: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** The entry's new name, when renamed. */
  readonly name?: string;
}

/**
 * The jar `jar` with the entries in `replacements` (keyed by JarEntry.index) given new uncompressed
 * bytes. A replacement equal to the original bytes counts as unchanged (copied raw). Entries keep
 * their order; with nothing changed (and signatures not forced out) the result equals jar.bytes.
 */
export function rewriteJar(
  jar: JarFile,
  replacements: ReadonlyMap<number, Uint8Array>,
  options: JarRewriteOptions = {},
): JarRewrite {
  const entries = jar.entries();
  const src = jar.bytes;
  const archive = jar.archive;
  const base = archive.prefixLength;
  const level = options.level ?? zlib.constants.Z_DEFAULT_COMPRESSION;

  // Which entries change: compare CRC and size first, and the bytes only when both match.
  const rewritten = new Map<number, RewrittenEntry>();
  const changed: string[] = [];
  const renames = options.renames ?? new Map<number, string>();
  for (const index of renames.keys()) {
    if (!replacements.has(index)) throw new RangeError(`${jar.path}: entry ${entries[index]?.name} is renamed but not replaced`);
  }
  for (const [index, bytes] of replacements) {
    const entry = entries[index];
    if (entry === undefined) throw new RangeError(`${jar.path}: no entry at index ${index}`);
    const crc = crc32(bytes);
    const newName = renames.get(index);
    if (newName === undefined && crc === entry.zip.crc32 && bytes.length === entry.zip.size && sameBytes(bytes, jar.read(entry))) continue;
    rewritten.set(index, rewriteEntry(jar, entry, bytes, crc, options.deflated?.get(bytes) ?? level, newName));
  }
  for (const entry of entries) if (rewritten.has(entry.index)) changed.push(entry.name);

  const additions = options.additions ?? [];
  if (additions.length > 0) {
    const names = new Set(entries.map((entry) => entry.name));
    for (const addition of additions) {
      if (names.has(addition.name)) throw new ClassPathError(jar.path, `entry ${addition.name}: already in the jar, cannot be added`);
      names.add(addition.name);
    }
  }

  const policy = options.signatures ?? 'drop-if-changed';
  // An added class is unsigned: in a package with signed classes the JVM refuses it (SecurityException).
  const dropSignatures = policy === 'drop' || (policy === 'drop-if-changed' && (rewritten.size > 0 || additions.length > 0));
  const removed: string[] = [];
  const warnings: string[] = [];
  const dropped = new Set<number>(options.omit ?? []);
  for (const index of dropped) {
    if (rewritten.has(index)) throw new ClassPathError(jar.path, `entry ${entries[index]?.name}: cannot be both replaced and left out`);
  }
  if (dropSignatures) {
    for (const entry of entries) {
      if (!entry.signature || dropped.has(entry.index)) continue;
      if (rewritten.has(entry.index)) throw new ClassPathError(jar.path, `entry ${entry.name}: a signature file cannot be both replaced and removed`);
      dropped.add(entry.index);
      removed.push(entry.name);
    }
    if (removed.length > 0) {
      warnings.push(
        `${jar.path}: the jar was signed; removed its signature files (${removed.join(', ')}) since rewritten classes would fail signature verification`,
      );
    }
  }

  const chunks: Uint8Array[] = [];
  let position = 0;
  const push = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    chunks.push(chunk);
    position += chunk.length;
  };

  // The prefix (a launcher script, bytes a tool left) up to the first local header.
  const localOrder = jar.localOrder();
  const firstLocal = localOrder.length > 0 ? jar.layout(localOrder[0]!).localStart : archive.centralDirectoryPosition;
  push(src.subarray(0, firstLocal));

  // Local records, in their original order; entries sharing a local header are written once.
  const newLocalOffset = new Array<number>(entries.length).fill(-1);
  let previousStart = -1;
  let previousOffset = -1;
  let previousIndex = -1;
  const insertions = options.insertions ?? new Map<number, readonly { name: string; template: number }[]>();
  const insertedOffsets = new Map<string, number>();
  for (const entry of localOrder) {
    const layout = jar.layout(entry);
    if (dropped.has(entry.index)) continue;
    for (const insertion of insertions.get(entry.index) ?? []) {
      const template = jar.layout(entries[insertion.template]!);
      insertedOffsets.set(insertion.name, position - base);
      push(renameHeader(src.slice(template.localStart, template.spanEnd), LOCAL_HEADER_SIZE, insertion.name));
    }
    if (layout.localStart === previousStart) {
      if (rewritten.has(entry.index) || rewritten.has(previousIndex)) {
        throw new ClassPathError(jar.path, `entry ${entry.name} shares its local header with another entry and cannot be replaced alone`);
      }
      newLocalOffset[entry.index] = previousOffset;
      continue;
    }
    previousStart = layout.localStart;
    previousIndex = entry.index;
    previousOffset = position - base;
    newLocalOffset[entry.index] = previousOffset;
    const replacement = rewritten.get(entry.index);
    if (replacement === undefined) {
      push(src.subarray(layout.localStart, layout.spanEnd));
    } else {
      for (const chunk of replacement.local) push(chunk);
    }
  }

  // New entries after the others, stamped with the first entry's DOS time and date (§4.3.12 offsets 12, 14).
  const added: NewEntryRecord[] = [];
  const firstCentral = entries.length > 0 ? jar.layout(entries[0]!).centralStart : -1;
  const time = firstCentral >= 0 ? u16(src, firstCentral + 12) : undefined;
  const date = firstCentral >= 0 ? u16(src, firstCentral + 14) : undefined;
  for (const addition of additions) {
    const record = newEntryRecord(addition.name, addition.data, level, position - base, time, date);
    if (record.offset >= U32_MAX || record.body.length >= U32_MAX) throw new ClassPathError(jar.path, `entry ${addition.name}: would need ZIP64 fields, which added entries are not written with`);
    push(localHeader(record));
    push(record.body);
    added.push(record);
  }

  // The central directory, in its original order, each record copied and patched where needed.
  const cdStart = position;
  let cdCount = 0;
  for (const entry of entries) {
    if (dropped.has(entry.index)) continue;
    for (const insertion of insertions.get(entry.index) ?? []) {
      const templateEntry = entries[insertion.template]!;
      const template = jar.layout(templateEntry);
      const record = renameHeader(src.slice(template.centralStart, template.centralEnd), 46, insertion.name);
      patchCentralRecord(jar, templateEntry, record, insertedOffsets.get(insertion.name)!, undefined);
      push(record);
      cdCount++;
    }
    cdCount++;
    const layout = jar.layout(entry);
    const offset = newLocalOffset[entry.index]!;
    const replacement = rewritten.get(entry.index);
    if (replacement === undefined && offset === entry.zip.localHeaderOffset) {
      push(src.subarray(layout.centralStart, layout.centralEnd));
      continue;
    }
    const copied = src.slice(layout.centralStart, layout.centralEnd);
    const record = replacement?.name === undefined ? copied : renameHeader(copied, 46, replacement.name);
    patchCentralRecord(jar, entry, record, offset, replacement);
    push(record);
  }
  for (const record of added) {
    push(centralHeader(record));
    cdCount++;
  }
  const cdSize = position - cdStart;
  push(rewriteEnd(jar, cdStart - base, cdSize, cdCount, position));

  return { bytes: Buffer.concat(chunks, position), changed, removed, warnings };
}

/** A copy of `header` (a local or central one) with `name` in place of its name (APPNOTE §4.3.7, §4.3.12). */
function renameHeader(header: Uint8Array, fixedSize: number, name: string): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > U16_MAX) throw new RangeError(`entry name too long: ${name}`);
  const nameLengthAt = fixedSize === LOCAL_HEADER_SIZE ? 26 : 28;
  const flagsAt = fixedSize === LOCAL_HEADER_SIZE ? 6 : 8;
  const oldLength = u16(header, nameLengthAt);
  const out = new Uint8Array(header.length - oldLength + nameBytes.length);
  out.set(header.subarray(0, fixedSize), 0);
  out.set(nameBytes, fixedSize);
  out.set(header.subarray(fixedSize + oldLength), fixedSize + nameBytes.length);
  put16(out, nameLengthAt, nameBytes.length);
  if (/[^\x00-\x7f]/.test(name)) put16(out, flagsAt, u16(out, flagsAt) | 0x0800);
  return out;
}

/**
 * Compresses `bytes` as `entry` was (at zlib level `deflate`, or `deflate` is the data already
 * deflated) and builds its local header (and data descriptor), under `newName` when given.
 */
function rewriteEntry(jar: JarFile, entry: JarEntry, bytes: Uint8Array, crc: number, deflate: number | Uint8Array, newName?: string): RewrittenEntry {
  const zip = entry.zip;
  const src = jar.bytes;
  const layout = jar.layout(entry);
  if (zip.method !== 0 && zip.method !== 8) {
    throw new ClassPathError(jar.path, `entry ${entry.name}: compression method ${zip.method} cannot be written; only stored (0) and deflated (8)`);
  }
  if ((zip.flags & 1) !== 0) throw new ClassPathError(jar.path, `entry ${entry.name} is encrypted and cannot be rewritten`);
  const data = zip.method !== 8 ? bytes : typeof deflate === 'number' ? zlib.deflateRawSync(bytes, { level: deflate }) : deflate;
  if (bytes.length >= U32_MAX || data.length >= U32_MAX) {
    throw new ClassPathError(jar.path, `entry ${entry.name}: ${bytes.length} bytes is too large for a jar entry written here`);
  }
  const original = src.slice(layout.localStart, layout.dataStart);
  const header = newName === undefined ? original : renameHeader(original, LOCAL_HEADER_SIZE, newName);
  const flags = u16(header, 6);
  const nameLength = u16(header, 26);
  const extraStart = LOCAL_HEADER_SIZE + nameLength;
  const extraEnd = extraStart + u16(header, 28);
  const zip64 = findZip64Extra(header, extraStart, extraEnd);
  const savedCompressed = u32(header, 18);
  const savedSize = u32(header, 22);
  const descriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
  // With a descriptor, writers that stream (java.util.zip.ZipOutputStream) leave zeros in the
  // header; keep them so (stored entries always carry their sizes, which readers need to find the end).
  const headerBlank = descriptor && zip.method === 8 && u32(header, 14) === 0 && savedCompressed === 0 && savedSize === 0;
  if (!headerBlank) {
    put32(header, 14, crc);
    // APPNOTE §4.5.3: in a local header the ZIP64 field holds both sizes, uncompressed first.
    if (savedSize === U32_MAX && zip64 >= 0 && zip64 + 8 <= extraEnd) put64(header, zip64, bytes.length);
    else put32(header, 22, bytes.length);
    if (savedCompressed === U32_MAX && zip64 >= 0 && zip64 + 16 <= extraEnd) put64(header, zip64 + 8, data.length);
    else put32(header, 18, data.length);
  }
  const local: Uint8Array[] = [header, data];
  let length = header.length + data.length;
  if (descriptor) {
    // The same descriptor format as the original: with or without its optional signature, and
    // with 4- or 8-byte sizes as the original's length shows (when other bytes follow it, 8-byte
    // sizes exactly when the entry has a ZIP64 extra field, APPNOTE §4.3.9.1-2).
    const signed = layout.dataEnd + 4 <= layout.spanEnd && u32(src, layout.dataEnd) === DATA_DESCRIPTOR_SIGNATURE;
    const originalLength = layout.spanEnd - layout.dataEnd - (signed ? 4 : 0);
    const wide = originalLength === 20 ? true : originalLength === 12 ? false : zip64 >= 0;
    const out = new Uint8Array((signed ? 4 : 0) + 4 + (wide ? 16 : 8));
    let o = 0;
    if (signed) {
      put32(out, 0, DATA_DESCRIPTOR_SIGNATURE);
      o = 4;
    }
    put32(out, o, crc);
    if (wide) {
      put64(out, o + 4, data.length);
      put64(out, o + 12, bytes.length);
    } else {
      put32(out, o + 4, data.length);
      put32(out, o + 8, bytes.length);
    }
    local.push(out);
    length += out.length;
  }
  return { local, length, crc, compressedSize: data.length, size: bytes.length, ...(newName === undefined ? {} : { name: newName }) };
}

/** Patches a copied central record (APPNOTE §4.3.12): local header offset, and CRC and sizes when replaced. */
function patchCentralRecord(
  jar: JarFile,
  entry: JarEntry,
  record: Uint8Array,
  offset: number,
  replacement: RewrittenEntry | undefined,
): void {
  const extraStart = 46 + u16(record, 28);
  const extraEnd = extraStart + u16(record, 30);
  const zip64 = findZip64Extra(record, extraStart, extraEnd);
  // APPNOTE §4.5.3: the ZIP64 field holds only the saturated values, in this order.
  let slot = zip64;
  const saturatedSize = u32(record, 24) === U32_MAX;
  const saturatedCompressed = u32(record, 20) === U32_MAX;
  const saturatedOffset = u32(record, 42) === U32_MAX;
  const sizeSlot = saturatedSize ? slot : -1;
  if (saturatedSize) slot += 8;
  const compressedSlot = saturatedCompressed ? slot : -1;
  if (saturatedCompressed) slot += 8;
  const offsetSlot = saturatedOffset ? slot : -1;
  if ((saturatedSize || saturatedCompressed || saturatedOffset) && (zip64 < 0 || slot > extraEnd)) {
    throw new ClassPathError(jar.path, `entry ${entry.name}: its ZIP64 extra field is missing or short`);
  }
  if (offsetSlot >= 0) put64(record, offsetSlot, offset);
  else if (offset < U32_MAX) put32(record, 42, offset);
  else throw new ClassPathError(jar.path, `entry ${entry.name}: moved past 4 GiB, which needs a ZIP64 field it does not have`);
  if (replacement !== undefined) {
    put32(record, 16, replacement.crc);
    if (sizeSlot >= 0) put64(record, sizeSlot, replacement.size);
    else put32(record, 24, replacement.size);
    if (compressedSlot >= 0) put64(record, compressedSlot, replacement.compressedSize);
    else put32(record, 20, replacement.compressedSize);
  }
}

/**
 * The bytes from the end of the central directory to the end of the file, with the counts, size
 * and offset of the new central directory: the ZIP64 end record and locator when the original had
 * them (or when the values no longer fit), the end record with its comment, and trailing bytes.
 * With ZIP64 records, a field saturated in the original end record stays saturated; others get the
 * new value.
 */
function rewriteEnd(jar: JarFile, cdOffset: number, cdSize: number, count: number, cdEndPosition: number): Uint8Array {
  const archive = jar.archive;
  const src = jar.bytes;
  const oldCdEnd = archive.centralDirectoryPosition + archive.centralDirectorySize;
  const tail = src.slice(oldCdEnd);
  const end = archive.endPosition - oldCdEnd;
  // Without ZIP64 records, 0xffff entries (or a 0xffffffff size or offset) is a valid value, which
  // an identity rewrite must keep; only values that cannot be written at all add the records.
  const needZip64 = count > U16_MAX || cdSize > U32_MAX || cdOffset > U32_MAX;
  let zip64End = archive.zip64EndPosition >= 0 ? archive.zip64EndPosition - oldCdEnd : -1;
  const locator = archive.zip64LocatorPosition >= 0 ? archive.zip64LocatorPosition - oldCdEnd : -1;
  let out = tail;
  let endAt = end;
  if (zip64End < 0 && needZip64) {
    // The original had no ZIP64 records: add them before the end record (APPNOTE §4.3.14-15).
    out = new Uint8Array(ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE + tail.length);
    out.set(tail, ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE);
    zip64End = 0;
    endAt = end + ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE;
    put32(out, 0, ZIP64_END_SIGNATURE);
    put64(out, 4, ZIP64_END_SIZE - 12);
    // Version made by and needed: 4.5, the first with ZIP64 (APPNOTE §4.4.3.2).
    put16(out, 12, 45);
    put16(out, 14, 45);
    put32(out, ZIP64_END_SIZE, ZIP64_LOCATOR_SIGNATURE);
    put32(out, ZIP64_END_SIZE + 16, 1);
    put64(out, ZIP64_END_SIZE + 8, cdEndPosition - archive.prefixLength);
  } else if (zip64End >= 0) {
    // The locator's offset moves with the record; keep whatever base the original used.
    const oldRecorded = u64(src, archive.zip64LocatorPosition + 8);
    put64(out, locator + 8, oldRecorded + (cdEndPosition - oldCdEnd));
  }
  // Where ZIP64 records exist, a saturated field means "see the ZIP64 record" and stays so, and a
  // value that reaches the maximum is saturated too (as java.util.zip writes it).
  const fits = (field: number, value: number, max: number): boolean => zip64End < 0 || (field !== max && value < max);
  if (zip64End >= 0) {
    put64(out, zip64End + 24, count);
    put64(out, zip64End + 32, count);
    put64(out, zip64End + 40, cdSize);
    put64(out, zip64End + 48, cdOffset);
  }
  // APPNOTE §4.3.16: entries on this disk, total entries, size and offset of the central directory.
  if (fits(u16(out, endAt + 8), count, U16_MAX)) put16(out, endAt + 8, count);
  else put16(out, endAt + 8, U16_MAX);
  if (fits(u16(out, endAt + 10), count, U16_MAX)) put16(out, endAt + 10, count);
  else put16(out, endAt + 10, U16_MAX);
  if (fits(u32(out, endAt + 12), cdSize, U32_MAX)) put32(out, endAt + 12, cdSize);
  else put32(out, endAt + 12, U32_MAX);
  if (fits(u32(out, endAt + 16), cdOffset, U32_MAX)) put32(out, endAt + 16, cdOffset);
  else put32(out, endAt + 16, U32_MAX);
  return out;
}

/**
 * Writes `bytes` to `path` atomically: into a temporary sibling file, then renamed over `path`,
 * so that a reader never sees a partial jar and a failure leaves no output behind. A symbolic link
 * is written through (see output-target.ts).
 */
export function writeFileAtomically(output: string, bytes: Uint8Array): void {
  const path = outputTarget(output);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd = -1;
  try {
    fd = openSync(temp, 'wx', 0o666);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    closeSync(fd);
    fd = -1;
    keepModeOfReplacedFile(path, temp);
    renameSync(temp, path);
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
}

/** rewriteJar, then writeFileAtomically to `path`. */
export function writeJar(
  path: string,
  jar: JarFile,
  replacements: ReadonlyMap<number, Uint8Array>,
  options: JarRewriteOptions = {},
): JarRewrite {
  const result = rewriteJar(jar, replacements, options);
  writeFileAtomically(path, result.bytes);
  return result;
}
