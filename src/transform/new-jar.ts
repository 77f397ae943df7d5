// # Writing a new jar from a list of entries (the agent jar)
//
// A plain zip (PKWARE APPNOTE.TXT 6.3): for each entry a local file header (§4.3.7) and its data,
// stored or raw DEFLATE (§4.4.5); then the central directory (§4.3.12) and its end record (§4.3.16).
// The directories above each entry get entries of their own, before it, as the `jar` tool writes them;
// the manifest comes first when there is one (java.util.jar.JarInputStream only looks there). Every
// entry carries the same fixed time (1980-01-01 00:00, the earliest DOS time): the same input gives
// the same bytes. No ZIP64: an agent jar is a few hundred kilobytes; larger input is refused.
// (jszip did this before; it cost ~30 ms to load and more to build the jar in JavaScript, before every
// `classforge run` could start its JVM.)

import { deflateRawSync } from 'node:zlib';
import { crc32 } from './jar-writer.js';

/** One file of the jar: its name (with '/' separators, no leading '/') and its bytes. */
export interface NewJarEntry {
  readonly name: string;
  readonly data: Uint8Array | string;
}

export interface NewJarOptions {
  /** Whether to deflate the entries (level 6, as java.util.zip's Deflater); default false: stored. */
  readonly deflate?: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** Bit 11 of the general purpose flags: the name is UTF-8 (§4.4.4). */
const UTF8_NAME = 0x0800;
/** 1980-01-01 00:00 in DOS date and time (§4.4.6). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_ZIP32 = 0xffffffff;

/**
 * The fields a local header (from its offset 6) and a central header (from 8) share, in the same
 * order (§4.3.7, §4.3.12): flags, method, time, date, CRC-32, compressed size, size, name length.
 */
function putCommonFields(view: DataView, at: number, record: NewEntryRecord): void {
  view.setUint16(at, record.flags, true);
  view.setUint16(at + 2, record.method, true);
  view.setUint16(at + 4, record.time, true);
  view.setUint16(at + 6, record.date, true);
  view.setUint32(at + 8, record.crc, true);
  view.setUint32(at + 12, record.compressedSize, true);
  view.setUint32(at + 16, record.size, true);
  view.setUint16(at + 20, record.name.length, true);
}

/** A new entry ready to be written: its header fields, its data as stored, and where its local header goes. */
export interface NewEntryRecord {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly method: number;
  /** DOS time and date (§4.4.6). */
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** The offset of its local header, from the start of the archive. */
  readonly offset: number;
  /** The data as stored: the bytes themselves, or their raw DEFLATE. */
  readonly body: Uint8Array;
}

/**
 * A new entry `name` holding `data`, deflated at zlib `level` (or stored, with null or for empty
 * data), stamped with DOS `time` and `date`, to be written at `offset`.
 */
export function newEntryRecord(
  name: string,
  data: Uint8Array,
  level: number | null,
  offset: number,
  time: number = DOS_TIME,
  date: number = DOS_DATE,
): NewEntryRecord {
  const deflate = level !== null && data.length > 0;
  const body = deflate ? new Uint8Array(deflateRawSync(data, { level })) : data;
  return {
    name: new TextEncoder().encode(name),
    flags: /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8_NAME,
    method: deflate ? DEFLATED : STORED,
    time,
    date,
    crc: crc32(data),
    compressedSize: body.length,
    size: data.length,
    offset,
    body,
  };
}

/** The local file header of `record` (§4.3.7); its data follows it. */
export function localHeader(record: NewEntryRecord): Uint8Array {
  const header = new Uint8Array(30 + record.name.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, LOCAL_HEADER, true);
  view.setUint16(4, 20, true); // version needed to extract: 2.0 (§4.4.3)
  putCommonFields(view, 6, record);
  view.setUint16(28, 0, true);
  header.set(record.name, 30);
  return header;
}

/** The central directory header of `record` (§4.3.12). */
export function centralHeader(record: NewEntryRecord): Uint8Array {
  const header = new Uint8Array(46 + record.name.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, CENTRAL_HEADER, true);
  view.setUint16(4, 20, true); // version made by: MS-DOS attributes, 2.0
  view.setUint16(6, 20, true);
  putCommonFields(view, 8, record);
  // Extra field, comment, disk number, internal attributes, external attributes: all zero.
  view.setUint32(42, record.offset, true);
  header.set(record.name, 46);
  return header;
}

/** The entries in the order they are written: the manifest first, and each directory before its first file. */
function withDirectories(entries: readonly NewJarEntry[]): NewJarEntry[] {
  const ordered = [...entries].sort((a, b) => Number(b.name === 'META-INF/MANIFEST.MF') - Number(a.name === 'META-INF/MANIFEST.MF'));
  const seen = new Set<string>();
  const result: NewJarEntry[] = [];
  for (const entry of ordered) {
    if (seen.has(entry.name)) throw new Error(`duplicate jar entry ${entry.name}`);
    const parts = entry.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const directory = parts.slice(0, i).join('/') + '/';
      if (!seen.has(directory)) {
        seen.add(directory);
        result.push({ name: directory, data: new Uint8Array(0) });
      }
    }
    seen.add(entry.name);
    result.push(entry);
  }
  return result;
}

/** The bytes of a new jar holding `entries`. */
export function buildJar(entries: readonly NewJarEntry[], options: NewJarOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const written: NewEntryRecord[] = [];
  let offset = 0;
  for (const entry of withDirectories(entries)) {
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    const record = newEntryRecord(entry.name, data, options.deflate === true ? 6 : null, offset);
    const header = localHeader(record);
    chunks.push(header, record.body);
    written.push(record);
    offset += header.length + record.body.length;
    if (offset > MAX_ZIP32) throw new Error('a new jar over 4 GiB would need ZIP64, which this writer does not write');
  }
  const centralStart = offset;
  for (const record of written) {
    const header = centralHeader(record);
    chunks.push(header);
    offset += header.length;
  }
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(8, written.length, true);
  view.setUint16(10, written.length, true);
  view.setUint32(12, offset - centralStart, true);
  view.setUint32(16, centralStart, true);
  chunks.push(end);
  if (written.length > 0xffff) throw new Error('a new jar of over 65,535 entries would need ZIP64, which this writer does not write');
  const bytes = new Uint8Array(offset + end.length);
  let position = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, position);
    position += chunk.length;
  }
  return bytes;
}
