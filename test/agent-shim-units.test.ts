// Units of the agent: the frame codec both sides speak (src/agent/agent-protocol.ts), the Java
// shim's twin of the class-name globs (ClassNameFilter.java vs src/util/class-name-glob.ts), and
// the agent.properties escaping (read back by java.util.Properties).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pipesNote } from '../cli/commands/attach.js';
import { escapePropertyValue } from '../src/agent/agent-jar.js';
import { FrameBuilder, FrameSplitter, ProtocolError } from '../src/agent/agent-protocol.js';
import { javaTool } from '../src/testing/index.js';
import { createClassNameFilter } from '../src/util/class-name-glob.js';

const root = resolve(__dirname, '..');
const shimClasses = join(root, 'dist', 'java-agent-shim');
const scratch = mkdtempSync(join(tmpdir(), 'classforge-agent-units-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the frame codec', () => {
  it('round-trips frames split at every byte boundary', () => {
    const classBytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const frames = [
      new FrameBuilder(10, 7).u4(3).utf('com/acme/Caf\u00e9$\u{1F600}').u1(1).bytes(classBytes).finish(),
      new FrameBuilder(11, 0xfffffffe).u1(2).utf('x'.repeat(70_000)).finish(),
      new FrameBuilder(13, 1).u1(0).finish(),
    ];
    const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let offset = 0;
    for (const frame of frames) {
      stream.set(frame, offset);
      offset += frame.length;
    }
    for (const step of [1, 2, 3, 5, 64, stream.length]) {
      const splitter = new FrameSplitter();
      const received = [];
      for (let i = 0; i < stream.length; i += step) {
        splitter.push(stream.subarray(i, i + step));
        for (let frame = splitter.next(); frame !== null; frame = splitter.next()) received.push(frame);
      }
      expect(received.map((f) => [f.type, f.id])).toEqual([[10, 7], [11, 0xfffffffe], [13, 1]]);
      const [transform, result, answer] = received;
      expect([transform!.payload.u4(), transform!.payload.utf(), transform!.payload.u1()]).toEqual([3, 'com/acme/Caf\u00e9$\u{1F600}', 1]);
      expect(transform!.payload.bytes()).toEqual(classBytes);
      expect(result!.payload.u1()).toBe(2);
      // writeUTF's u2 length: a longer message is cut to fit, never refused.
      const message = result!.payload.utf();
      expect(message.length).toBeGreaterThan(50_000);
      expect(message.length).toBeLessThanOrEqual(65_535);
      expect(answer!.payload.u1()).toBe(0);
      expect(() => answer!.payload.u1()).toThrow(ProtocolError);
    }
  });

  it('rejects a frame length out of range', () => {
    const splitter = new FrameSplitter();
    splitter.push(Uint8Array.of(0x7f, 0xff, 0xff, 0xff, 1));
    expect(() => splitter.next()).toThrow(/malformed frame length/);
  });
});

const GLOBS = ['app.*', 'app.**', '**.Test*', 'com.**.Foo', 'a.b?c', 'java.util.Map$*', '**', 'x.y', 'a.**.b.*', 'a+b.(c)'];
const NAMES = [
  'app.Zoo', 'app.sub.Zoo', 'Zoo', 'app', 'a.b.TestCase', 'TestX', 'com.Foo', 'com.a.b.Foo', 'com.Foo2', 'a.bxc', 'a.b.c',
  'java.util.Map$Entry', 'java.util.Map', 'x.y', 'xzy', 'a.b.c', 'a.q.b.Z', 'a.b.Z', 'a+b.(c)', 'ab.(c)',
];

describe.skipIf(!existsSync(join(shimClasses, 'classforge', 'agent', 'ClassNameFilter.class')))('the shim', () => {
  it('selects the same classes as the TypeScript globs (ClassNameFilter.java)', () => {
    // A probe in the shim's package (ClassNameFilter is package-private) printing one 0/1 per glob and name.
    const source = join(scratch, 'classforge', 'agent');
    execFileSync('mkdir', ['-p', source]);
    writeFileSync(
      join(source, 'GlobProbe.java'),
      `package classforge.agent;
public class GlobProbe {
  public static void main(String[] args) {
    String[] names = args[1].split(",");
    StringBuilder out = new StringBuilder();
    for (String glob : args[0].split(",")) {
      ClassNameFilter filter = new ClassNameFilter(glob, null);
      for (String name : names) out.append(filter.matches(name) ? '1' : '0');
      out.append('\\n');
    }
    System.out.print(out);
  }
}
`,
    );
    execFileSync(javaTool('javac'), ['-cp', shimClasses, '-d', scratch, join(source, 'GlobProbe.java')]);
    const javaOutput = execFileSync(javaTool('java'), ['-cp', `${scratch}:${shimClasses}`, 'classforge.agent.GlobProbe', GLOBS.join(','), NAMES.join(',')], {
      encoding: 'utf8',
    });
    const expected = GLOBS.map((glob) => NAMES.map((name) => (createClassNameFilter([glob])(name) ? '1' : '0')).join('')).join('\n') + '\n';
    expect(javaOutput).toBe(expected);
    // Not all-equal rows: the probe tells globs apart.
    expect(new Set(expected.split('\n')).size).toBeGreaterThan(8);
  });

  it('reads agent.properties values back as written (java.util.Properties)', () => {
    const values = ['plain', ' leading space', 'tab\tand\nnewline', 'back\\slash', 'caf\u00e9 \u{1F600}', 'a=b:c#d!e', 'app.*\ncom.**'];
    const file = join(scratch, 'values.properties');
    writeFileSync(file, values.map((value, i) => `v${i}=${escapePropertyValue(value)}\n`).join(''), 'latin1');
    const dump = join(scratch, 'Dump.java');
    writeFileSync(
      dump,
      `public class Dump { public static void main(String[] a) throws Exception {
  java.util.Properties p = new java.util.Properties(); p.load(new java.io.FileInputStream(a[0]));
  for (int i = 0; p.getProperty("v" + i) != null; i++) { String v = p.getProperty("v" + i); StringBuilder s = new StringBuilder();
    for (char c : v.toCharArray()) s.append((int) c).append(' '); System.out.println(s.toString().trim()); } } }`,
    );
    execFileSync(javaTool('javac'), ['-d', scratch, dump]);
    const lines = execFileSync(javaTool('java'), ['-cp', scratch, 'Dump', file], { encoding: 'utf8' }).trim().split('\n');
    expect(lines).toEqual(values.map((value) => [...value].flatMap((ch) => [...Array(ch.length).keys()].map((k) => ch.charCodeAt(k))).join(' ')));
  });
});

describe('the note of an attach over named pipes', () => {
  it('blames the JVM only when it has no Unix domain sockets, and says when the environment forced the pipes', () => {
    expect(pipesNote('11.0.2', {})).toBe("the agent connected over the session's named pipes: the JVM (Java 11.0.2) has no Unix domain sockets (Java 16 and later have)");
    expect(pipesNote(null, {})).toBe("the agent connected over the session's named pipes: the JVM has no Unix domain sockets (Java 16 and later have)");
    expect(pipesNote('17.0.15', { CLASSFORGE_ATTACH_TRANSPORT: 'fifo' })).toBe(
      "the agent connected over the session's named pipes, as CLASSFORGE_ATTACH_TRANSPORT=fifo asks",
    );
  });
});
