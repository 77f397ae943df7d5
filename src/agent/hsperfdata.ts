// # HotSpot performance data: the `/tmp/hsperfdata_<user>/<pid>` file that jps and jstat read
//
// Every HotSpot JVM (unless started with -XX:-UsePerfData) maps a file named after its pid into
// memory and publishes its counters there: the command line (`sun.rt.javaCommand`), the system
// properties it started with (`java.property.java.version`, `java.property.java.home`), whether
// it accepts attach requests (`sun.rt.jvmCapabilities`), GC and class loading counters…
//
// The layout followed here is HotSpot's (src/hotspot/share/runtime/perfMemory.hpp,
// PerfDataPrologue and PerfDataEntry) and the checks are those of the JDK's reader
// (jdk.internal.jvmstat, sun/jvmstat/perfdata/monitor/v2_0/PerfDataBuffer.java):
//
//   prologue (32 bytes)                         entry (20-byte header, then name and data)
//   0  magic 0xcafec0c0 (bytes CA FE C0 C0)     0   entry_length      (bytes, to the next entry)
//   4  byte_order (0 big, 1 little endian)      4   name_offset       (from the entry's start)
//   5  major_version (2), 6 minor_version       8   vector_length     (0: a scalar)
//   7  accessible (1 once the JVM is up)        12  data_type         ('J' long, 'B' byte…)
//   8  used       (bytes in use)                13  flags, 14 data_units, 15 data_variability
//   12 overflow                                 16  data_offset       (from the entry's start)
//   16 mod_time_stamp (8 bytes)
//   24 entry_offset (the first entry)
//   28 num_entries
//
// Every multi-byte field after the magic is in the byte order the file declares (the JVM writes
// its native order). Scalars are longs (bigint here); byte vectors are NUL-terminated strings.
//
// The file is untrusted input (any process of the user can write it, and the JVM rewrites it
// while we read): every offset is checked before use, and a bad file throws PerfDataFormatError
// naming the file and the byte offset, never a RangeError, never a loop that does not end.

import { readFileSync } from 'node:fs';

/** A counter's value: longs as bigint, byte vectors (strings) as string. */
export type PerfDataValue = string | bigint;

/** The fixed header at the start of the file (perfMemory.hpp, PerfDataPrologue). */
export interface PerfDataPrologue {
  readonly byteOrder: 'big-endian' | 'little-endian';
  readonly majorVersion: number;
  readonly minorVersion: number;
  /** False while the JVM is still initializing the region. */
  readonly accessible: boolean;
  /** Bytes of the region in use: the entries end there. */
  readonly used: number;
  readonly overflow: number;
  readonly modificationTimeStamp: bigint;
  readonly entryOffset: number;
  readonly entryCount: number;
}

/** A performance data file that does not have HotSpot's layout (truncated, garbled, not one). */
export class PerfDataFormatError extends Error {
  /** The file (or the name given for a buffer). */
  readonly file: string;
  /** The byte offset at which the problem was found. */
  readonly offset: number;

  constructor(file: string, offset: number, problem: string) {
    super(`${file}: not a valid HotSpot performance data file: ${problem} (at byte offset ${offset})`);
    this.name = 'PerfDataFormatError';
    this.file = file;
    this.offset = offset;
  }
}

const PROLOGUE_SIZE = 32;
const ENTRY_HEADER_SIZE = 20;
/** The only layout HotSpot has written since JDK 1.4.2 (PERFDATA_MAJOR_VERSION in perfMemory.hpp). */
const SUPPORTED_MAJOR_VERSION = 2;

/** data_type codes (perfData.hpp, BasicType signature characters). */
const TYPE_LONG = 'J'.charCodeAt(0);
const TYPE_BYTE = 'B'.charCodeAt(0);
/** Every type code the format defines (jvmstat's TypeCode): another byte means a garbled entry. */
const KNOWN_TYPE_CODES = new Set([...'ZCFDBSIJL[V'].map((c) => c.charCodeAt(0)));

/** data_units U_String (perfData.hpp): the only unit of byte vectors. */
const UNITS_STRING = 5;

/** Reads and parses the performance data file at `path` (I/O errors are the fs module's). */
export function readPerfDataFile(path: string): Map<string, PerfDataValue> {
  return parsePerfData(readFileSync(path), path);
}

/** Parses the prologue of a performance data buffer. */
export function parsePerfDataPrologue(bytes: Uint8Array, file = '<buffer>'): PerfDataPrologue {
  if (bytes.length < PROLOGUE_SIZE) {
    throw new PerfDataFormatError(file, bytes.length, `the file has ${bytes.length} bytes, the prologue alone needs ${PROLOGUE_SIZE}`);
  }
  // The JVM stores the magic as an int in its own byte order, chosen so that the bytes in the file
  // always read CA FE C0 C0 (perfMemory.cpp, PerfMemory::initialize).
  if (bytes[0] !== 0xca || bytes[1] !== 0xfe || bytes[2] !== 0xc0 || bytes[3] !== 0xc0) {
    const found = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
    throw new PerfDataFormatError(file, 0, `bad magic number 0x${found}, expected 0xcafec0c0`);
  }
  const byteOrderCode = bytes[4]!;
  if (byteOrderCode !== 0 && byteOrderCode !== 1) {
    throw new PerfDataFormatError(file, 4, `unknown byte order ${byteOrderCode} (0 is big endian, 1 little endian)`);
  }
  const littleEndian = byteOrderCode === 1;
  const majorVersion = bytes[5]!;
  const minorVersion = bytes[6]!;
  if (majorVersion !== SUPPORTED_MAJOR_VERSION) {
    throw new PerfDataFormatError(file, 5, `unsupported version ${majorVersion}.${minorVersion} (only ${SUPPORTED_MAJOR_VERSION}.x is known)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    byteOrder: littleEndian ? 'little-endian' : 'big-endian',
    majorVersion,
    minorVersion,
    accessible: bytes[7] !== 0,
    used: view.getInt32(8, littleEndian),
    overflow: view.getInt32(12, littleEndian),
    modificationTimeStamp: view.getBigInt64(16, littleEndian),
    entryOffset: view.getInt32(24, littleEndian),
    entryCount: view.getInt32(28, littleEndian),
  };
}

/**
 * Parses a performance data buffer into its counters, by name, in file order. Entries of other
 * kinds than long scalars and string vectors (the format allows them; HotSpot writes none) are
 * skipped.
 */
export function parsePerfData(bytes: Uint8Array, file = '<buffer>'): Map<string, PerfDataValue> {
  const prologue = parsePerfDataPrologue(bytes, file);
  const littleEndian = prologue.byteOrder === 'little-endian';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // The entries lie within the `used` bytes; a file shorter than that has been truncated.
  if (prologue.used < PROLOGUE_SIZE || prologue.used > bytes.length) {
    const why = prologue.used > bytes.length ? `but the file has only ${bytes.length} bytes (truncated?)` : 'less than the prologue';
    throw new PerfDataFormatError(file, 8, `the prologue says ${prologue.used} bytes are used, ${why}`);
  }
  const limit = prologue.used;
  if (prologue.entryCount < 0) throw new PerfDataFormatError(file, 28, `negative entry count ${prologue.entryCount}`);
  if (prologue.entryOffset < PROLOGUE_SIZE || prologue.entryOffset > limit) {
    throw new PerfDataFormatError(file, 24, `the first entry's offset ${prologue.entryOffset} is outside the used bytes ${PROLOGUE_SIZE}..${limit}`);
  }

  const counters = new Map<string, PerfDataValue>();
  let start = prologue.entryOffset;
  // Each pass either throws or moves `start` forward by at least one entry header, so the loop
  // ends within (used / 20) passes whatever the entry count says.
  for (let index = 0; index < prologue.entryCount; index++) {
    // The used bytes may end before the count says (the JVM counts an entry, then writes it).
    if (start === limit) break;
    if (start % 4 !== 0) throw new PerfDataFormatError(file, start, `entry ${index} is not aligned on 4 bytes`);
    if (start + ENTRY_HEADER_SIZE > limit) {
      throw new PerfDataFormatError(file, start, `entry ${index}'s header runs past the ${limit} used bytes`);
    }
    const length = view.getInt32(start, littleEndian);
    // A zero length is an entry the JVM has allocated but not written yet (PerfMemory::alloc
    // counts it first): the end of the data, as for jvmstat.
    if (length === 0) break;
    if (length < ENTRY_HEADER_SIZE || start + length > limit) {
      throw new PerfDataFormatError(file, start, `entry ${index} has length ${length}, outside ${ENTRY_HEADER_SIZE}..${limit - start}`);
    }
    const nameOffset = view.getInt32(start + 4, littleEndian);
    const vectorLength = view.getInt32(start + 8, littleEndian);
    const type = bytes[start + 12]!;
    const units = bytes[start + 14]!;
    const dataOffset = view.getInt32(start + 16, littleEndian);
    if (!KNOWN_TYPE_CODES.has(type)) {
      throw new PerfDataFormatError(file, start + 12, `entry ${index} has the unknown data type 0x${type.toString(16)}`);
    }
    if (nameOffset < ENTRY_HEADER_SIZE || nameOffset >= length) {
      throw new PerfDataFormatError(file, start + 4, `entry ${index}'s name offset ${nameOffset} is outside the entry (${ENTRY_HEADER_SIZE}..${length - 1})`);
    }
    if (dataOffset <= nameOffset || dataOffset > length) {
      throw new PerfDataFormatError(file, start + 16, `entry ${index}'s data offset ${dataOffset} is not between its name (${nameOffset}) and its end (${length})`);
    }
    if (vectorLength < 0 || vectorLength > length - dataOffset) {
      throw new PerfDataFormatError(file, start + 8, `entry ${index}'s vector length ${vectorLength} exceeds its ${length - dataOffset} data bytes`);
    }

    // The name runs from name_offset to its NUL, which comes before the data (padding may follow).
    const nameStart = start + nameOffset;
    const nameEnd = bytes.indexOf(0, nameStart);
    if (nameEnd === -1 || nameEnd >= start + dataOffset) {
      throw new PerfDataFormatError(file, nameStart, `entry ${index}'s name has no terminating NUL before its data`);
    }
    const name = decodeText(bytes.subarray(nameStart, nameEnd));
    const dataStart = start + dataOffset;

    if (vectorLength === 0 && type === TYPE_LONG) {
      if (length - dataOffset < 8) {
        throw new PerfDataFormatError(file, dataStart, `long counter ${name} has only ${length - dataOffset} data bytes`);
      }
      counters.set(name, view.getBigInt64(dataStart, littleEndian));
    } else if (vectorLength > 0 && type === TYPE_BYTE && units === UNITS_STRING) {
      // The vector is a buffer sized for the longest value; the string ends at its first NUL.
      const vector = bytes.subarray(dataStart, dataStart + vectorLength);
      const end = vector.indexOf(0);
      counters.set(name, decodeText(end === -1 ? vector : vector.subarray(0, end)));
    }
    start += length;
  }
  return counters;
}

/** HotSpot copies C strings in the platform encoding, UTF-8 on today's Linux systems. */
function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
