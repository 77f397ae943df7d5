// Finding JVMs: the HotSpot perf data parser (src/agent/hsperfdata.ts) on the file of a real JVM and
// on broken copies of it, listJvms() (src/agent/jvm-list.ts) against real JVMs and other processes,
// and the output of `classforge jvms` (cli/commands/jvms.ts).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJvmLine, formatJvmList } from '../cli/commands/jvms.js';
import { PerfDataFormatError, parsePerfData, parsePerfDataPrologue, readPerfDataFile } from '../src/agent/hsperfdata.js';
import {
  type JvmInfo,
  describeJvm,
  findPerfDataFile,
  javaFeatureVersion,
  listJvms,
  mainClassOfLauncherArguments,
  readProcessStatus,
  splitLauncherArguments,
} from '../src/agent/jvm-list.js';
import { type Fixtures, type StartedJvm, buildFixtures, exited, startJvm, startProcess, stopAll } from './support/attach-targets.js';

let fixtures: Fixtures;
let jvm: StartedJvm;
let jvmWithoutPerfData: StartedJvm;
let perfFile: string;

beforeAll(async () => {
  fixtures = await buildFixtures();
  [jvm, jvmWithoutPerfData] = await Promise.all([
    startJvm(fixtures, { args: ['alpha', 'beta gamma'] }),
    startJvm(fixtures, { jvmOptions: ['-XX:-UsePerfData'], args: ['no-perf-data'] }),
  ]);
  perfFile = findPerfDataFile(readProcessStatus(jvm.pid)!, null)!;
});

afterAll(stopAll);

describe('hsperfdata: a real JVM', () => {
  it('finds the perf data file where jps looks: /tmp/hsperfdata_<user>/<pid>', () => {
    expect(perfFile).toBe(`/tmp/hsperfdata_${userInfo().username}/${jvm.pid}`);
    expect(findPerfDataFile(readProcessStatus(jvmWithoutPerfData.pid)!, null)).toBeNull();
  });

  it('parses the prologue and the counters jps reads', () => {
    const bytes = readFileSync(perfFile);
    const prologue = parsePerfDataPrologue(bytes, perfFile);
    expect(prologue.majorVersion).toBe(2);
    expect(prologue.byteOrder).toBe('little-endian'); // x86-64 and aarch64 JVMs write their native order
    expect(prologue.accessible).toBe(true);
    expect(prologue.entryCount).toBeGreaterThan(50);
    expect(prologue.used).toBeLessThanOrEqual(bytes.length);

    const counters = readPerfDataFile(perfFile);
    expect(counters.get('sun.rt.javaCommand')).toBe('demo.Waiting alpha beta gamma');
    expect(counters.get('java.property.java.version')).toMatch(/^\d+(\.\d+)*/);
    expect(existsSync(String(counters.get('java.property.java.home')))).toBe(true);
    // Attach is supported: the first capability character (statSampler.cpp).
    expect(String(counters.get('sun.rt.jvmCapabilities')).charAt(0)).toBe('1');
    // Longs come back as bigint.
    expect(typeof counters.get('java.threads.live')).toBe('bigint');
    expect(counters.get('java.threads.live') as bigint).toBeGreaterThan(0n);
  });

  it('rejects truncated copies with an error naming the file and the offset', () => {
    const bytes = readFileSync(perfFile);
    const used = parsePerfDataPrologue(bytes).used;
    for (const length of [0, 3, 10, 31, 40, 200, Math.floor(used / 2), used - 1]) {
      const name = `${perfFile} (first ${length} bytes)`;
      const error = catchError(() => parsePerfData(bytes.subarray(0, length), name));
      expect(error, `length ${length}`).toBeInstanceOf(PerfDataFormatError);
      expect(error.message).toContain(name);
      expect(error.message).toMatch(/at byte offset \d+/);
    }
  });

  it('rejects garbled copies with a clear error', () => {
    const original = readFileSync(perfFile);
    const prologue = parsePerfDataPrologue(original);
    const first = prologue.entryOffset;
    const garble = (what: string, change: (view: DataView, bytes: Uint8Array) => void, expected: RegExp): void => {
      const bytes = new Uint8Array(original);
      change(new DataView(bytes.buffer), bytes);
      const error = catchError(() => parsePerfData(bytes, 'garbled'));
      expect(error, what).toBeInstanceOf(PerfDataFormatError);
      expect(error.message, what).toMatch(expected);
      expect(error.message).toMatch(/^garbled: not a valid HotSpot performance data file: .* \(at byte offset \d+\)$/);
    };
    garble('magic', (_, b) => (b[0] = 0xcb), /bad magic number 0xcbfec0c0/);
    garble('byte order', (_, b) => (b[4] = 7), /unknown byte order 7/);
    garble('version', (_, b) => (b[5] = 1), /unsupported version 1\.0/);
    garble('used', (v) => v.setInt32(8, original.length + 1, true), /bytes are used, but the file has only/);
    garble('entry offset', (v) => v.setInt32(24, 1 << 30, true), /first entry's offset/);
    garble('entry count', (v) => v.setInt32(28, -1, true), /negative entry count/);
    garble('entry length', (v) => v.setInt32(first, 6, true), /entry 0 has length 6/);
    garble('entry length past the end', (v) => v.setInt32(first, 1 << 30, true), /entry 0 has length 1073741824/);
    garble('misaligned entry', (v) => v.setInt32(first, v.getInt32(first, true) + 2, true), /entry 1 is not aligned/);
    garble('name offset', (v) => v.setInt32(first + 4, 1000, true), /name offset 1000 is outside the entry/);
    garble('data offset', (v) => v.setInt32(first + 16, 2, true), /data offset 2 is not between/);
    garble('vector length', (v) => v.setInt32(first + 8, 1 << 20, true), /vector length 1048576 exceeds/);
    garble('data type', (_, b) => (b[first + 12] = 0), /unknown data type 0x0/);
    garble('unterminated name', (v, b) => b.fill(0x41, first + v.getInt32(first + 4, true), first + v.getInt32(first + 16, true)), /no terminating NUL/);
  });

  it('never throws anything but PerfDataFormatError, and always ends, on randomly damaged copies', () => {
    const original = readFileSync(perfFile);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const used = parsePerfDataPrologue(original).used;
    let rejected = 0;
    for (let round = 0; round < 2000; round++) {
      const bytes = new Uint8Array(original.subarray(0, round % 7 === 0 ? random(used) : original.length));
      for (let flips = 1 + random(4); flips > 0 && bytes.length > 0; flips--) bytes[random(Math.min(bytes.length, used))] = random(256);
      try {
        parsePerfData(bytes, 'damaged');
      } catch (error) {
        expect(error).toBeInstanceOf(PerfDataFormatError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it('honours the byte order the file declares (a big-endian file)', () => {
    const counters = parsePerfData(buildPerfData([['sun.rt.javaCommand', 'demo.Main arg'], ['java.threads.live', 0x0102030405060708n]], false));
    expect([...counters]).toEqual([
      ['sun.rt.javaCommand', 'demo.Main arg'],
      ['java.threads.live', 0x0102030405060708n],
    ]);
    const little = parsePerfData(buildPerfData([['hotspot.counter', -5n]], true));
    expect(little.get('hotspot.counter')).toBe(-5n);
  });
});

describe('listJvms', () => {
  it('finds a JVM from its perf data: main class, command, version, home', () => {
    const found = listJvms().find((info) => info.pid === jvm.pid);
    expect(found).toBeDefined();
    expect(found!.source).toBe('hsperfdata');
    expect(found!.mainClass).toBe('demo.Waiting');
    expect(found!.commandLine).toBe('demo.Waiting alpha beta gamma');
    expect(javaFeatureVersion(found!.javaVersion)).toBeGreaterThanOrEqual(8);
    expect(statSync(join(found!.javaHome!, 'bin', 'java')).isFile()).toBe(true);
  });

  it('finds a JVM started with -XX:-UsePerfData from /proc', () => {
    const found = listJvms().find((info) => info.pid === jvmWithoutPerfData.pid);
    expect(found).toEqual({
      pid: jvmWithoutPerfData.pid,
      mainClass: 'demo.Waiting',
      commandLine: expect.stringMatching(/\/java -XX:-UsePerfData -cp \S+ demo\.Waiting no-perf-data$/),
      javaVersion: expect.stringMatching(/^\d/),
      javaHome: expect.any(String),
      source: 'proc',
    });
    // Same JDK, two ways of knowing its version.
    expect(found!.javaVersion).toBe(describeJvm(jvm.pid)!.javaVersion);
  });

  it('is sorted by pid and lists neither other programs nor a stale perf data file', async () => {
    const sleeper = startProcess('sleep', ['30']);
    // A perf data file left by a killed JVM whose pid is now a `sleep`: not a JVM.
    const directory = `/tmp/hsperfdata_${userInfo().username}`;
    mkdirSync(directory, { recursive: true });
    const stale = join(directory, String(sleeper.pid));
    copyFileSync(perfFile, stale);
    try {
      const jvms = listJvms();
      expect(jvms.map((info) => info.pid)).toEqual([...jvms.map((info) => info.pid)].sort((a, b) => a - b));
      expect(jvms.some((info) => info.pid === sleeper.pid)).toBe(false);
      expect(jvms.some((info) => info.pid === process.pid)).toBe(false);
      expect(describeJvm(sleeper.pid!)).toBeNull();
    } finally {
      rmSync(stale, { force: true });
      sleeper.kill('SIGKILL');
      await exited(sleeper);
    }
  });

  it('drops a JVM once it has exited', async () => {
    const shortLived = await startJvm(fixtures, { args: ['short-lived'] });
    expect(listJvms().some((info) => info.pid === shortLived.pid)).toBe(true);
    shortLived.child.stdin!.end();
    await exited(shortLived.child);
    expect(listJvms().some((info) => info.pid === shortLived.pid)).toBe(false);
    expect(describeJvm(shortLived.pid)).toBeNull();
  });
});

describe('the java launcher command line', () => {
  it('finds the main class, the -jar jar or the -m module past the options', () => {
    expect(mainClassOfLauncherArguments(['-Xmx1g', '-cp', 'a:b', '-Dx=y', 'com.acme.Main', '-cp', 'arg'])).toBe('com.acme.Main');
    expect(mainClassOfLauncherArguments(['--class-path', 'lib', '--add-opens', 'java.base/java.lang=ALL-UNNAMED', 'Main'])).toBe('Main');
    expect(mainClassOfLauncherArguments(['-XX:+UseG1GC', '-jar', 'app.jar', 'x'])).toBe('app.jar');
    expect(mainClassOfLauncherArguments(['-p', 'mods', '-m', 'com.acme/com.acme.Main'])).toBe('com.acme/com.acme.Main');
    expect(mainClassOfLauncherArguments(['--module=com.acme'])).toBe('com.acme');
    expect(mainClassOfLauncherArguments(['@argfile'])).toBeNull();
    expect(mainClassOfLauncherArguments(['-version'])).toBeNull();
    // The options end at the main class: what follows belongs to the program.
    expect(splitLauncherArguments(['-cp', 'x', '-XX:+UseG1GC', 'Main', '-XX:+DisableAttachMechanism'])).toEqual({
      options: ['-cp', 'x', '-XX:+UseG1GC'],
      main: 'Main',
    });
  });

  it('reads the feature version of every java.version style', () => {
    expect(javaFeatureVersion('1.8.0_392')).toBe(8);
    expect(javaFeatureVersion('17.0.9')).toBe(17);
    expect(javaFeatureVersion('21')).toBe(21);
    expect(javaFeatureVersion('25-ea')).toBe(25);
    expect(javaFeatureVersion(null)).toBeNull();
    expect(javaFeatureVersion('unknown')).toBeNull();
  });
});

describe('classforge jvms output', () => {
  const jvms: JvmInfo[] = [
    { pid: 4321, mainClass: 'app.jar', commandLine: 'app.jar --port 80', javaVersion: '21.0.2', javaHome: '/opt/jdk-21', source: 'hsperfdata' },
    { pid: 123, mainClass: 'com.acme.Main', commandLine: 'com.acme.Main', javaVersion: '17.0.9', javaHome: '/opt/jdk-17', source: 'hsperfdata' },
    { pid: 77, mainClass: null, commandLine: '', javaVersion: null, javaHome: null, source: 'proc' },
  ];

  it('prints one line per JVM, sorted by pid, with - for what is unknown', () => {
    expect(formatJvmLine(jvms[1]!)).toBe('123  com.acme.Main  17.0.9');
    expect(formatJvmList(jvms, false)).toBe('77  -  -\n123  com.acme.Main  17.0.9\n4321  app.jar  21.0.2\n');
    expect(formatJvmList([], false)).toBe('');
  });

  it('prints a JSON array with --json', () => {
    const parsed = JSON.parse(formatJvmList(jvms, true)) as JvmInfo[];
    expect(parsed.map((info) => info.pid)).toEqual([77, 123, 4321]);
    expect(parsed[2]).toEqual(jvms[0]);
    expect(JSON.parse(formatJvmList([], true))).toEqual([]);
  });

  it('lists the running test JVM through the same functions', () => {
    const line = formatJvmList(listJvms(), false)
      .split('\n')
      .find((text) => text.startsWith(`${jvm.pid}  `));
    expect(line).toMatch(new RegExp(`^${jvm.pid}  demo\\.Waiting  \\d`));
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A perf data buffer in HotSpot's layout (perfMemory.hpp) holding string and long counters. */
function buildPerfData(counters: ReadonlyArray<readonly [string, string | bigint]>, littleEndian: boolean): Uint8Array {
  const align = (n: number): number => (n + 7) & ~7;
  const entries = counters.map(([name, value]) => {
    const nameBytes = new TextEncoder().encode(name + '\0');
    const data = typeof value === 'string' ? new TextEncoder().encode(value + '\0') : new Uint8Array(8);
    const dataOffset = align(20 + nameBytes.length);
    const length = align(dataOffset + data.length);
    const entry = new Uint8Array(length);
    const view = new DataView(entry.buffer);
    view.setInt32(0, length, littleEndian);
    view.setInt32(4, 20, littleEndian);
    view.setInt32(8, typeof value === 'string' ? data.length : 0, littleEndian);
    entry[12] = (typeof value === 'string' ? 'B' : 'J').charCodeAt(0);
    entry[13] = 1; // flags: supported
    entry[14] = typeof value === 'string' ? 5 : 1; // units: U_String / U_None
    entry[15] = 1; // variability: V_Constant
    view.setInt32(16, dataOffset, littleEndian);
    entry.set(nameBytes, 20);
    if (typeof value === 'string') entry.set(data, dataOffset);
    else view.setBigInt64(dataOffset, value, littleEndian);
    return entry;
  });
  const used = 32 + entries.reduce((sum, entry) => sum + entry.length, 0);
  const bytes = new Uint8Array(used + 64);
  const view = new DataView(bytes.buffer);
  bytes.set([0xca, 0xfe, 0xc0, 0xc0, littleEndian ? 1 : 0, 2, 0, 1]);
  view.setInt32(8, used, littleEndian);
  view.setInt32(24, 32, littleEndian);
  view.setInt32(28, entries.length, littleEndian);
  let offset = 32;
  for (const entry of entries) {
    bytes.set(entry, offset);
    offset += entry.length;
  }
  return bytes;
}
