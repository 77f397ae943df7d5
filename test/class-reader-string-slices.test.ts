// ClassReader's strings are substrings of one Latin-1 text of the constant pool (see
// ClassReader.makePoolText): V8 makes the long ones slices that keep that text alive, which is
// fast, except for the names of the class, its super class and its interfaces, which are copies so
// that an index of many classes by name holds no pool. Which strings V8 made slices is only visible
// through its natives syntax (%DebugPrint prints the string's instance type), so a child process of
// the built package (npm test builds it first) reports them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/javac.js';

const PROBE = `
const { ClassPath, ClassReader, ClassVisitor, Opcodes } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist', 'src', 'index.js'))});
const bytes = new ClassPath([]).getClassBytes('java/util/concurrent/ConcurrentHashMap');
// %DebugPrint writes straight to stdout, console.log through a stream: the labels go last, in one line.
const labels = [];
const report = (label, value) => { labels.push(label); %DebugPrint(value); };
const getters = new ClassReader(bytes);
report('getClassName', getters.getClassName());
report('getSuperName', getters.getSuperName());
for (const name of getters.getInterfaces()) report('getInterfaces', name);
let descriptorReported = false;
new ClassReader(bytes).accept(new (class extends ClassVisitor {
  constructor() { super(Opcodes.ASM9); }
  visit(version, access, name, signature, superName, interfaces) {
    report('visit name', name);
    report('visit superName', superName);
    for (const i of interfaces) report('visit interface', i);
  }
  visitMethod(access, name, descriptor) {
    if (!descriptorReported && descriptor.length >= 20) { descriptorReported = true; report('method descriptor', descriptor); }
    return null;
  }
})(), 0);
console.log('@@ ' + JSON.stringify(labels));
`;

describe('ClassReader strings', () => {
  it('are slices of the pool text, except the class, super class and interface names', () => {
    const result = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', PROBE], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.status, result.stderr).toBe(0);
    // Each dump starts with 'DebugPrint: <address>: [String]…: "<value>"'; its first ' - type:' line is the string's.
    const dumps: [string, string][] = [];
    let value: string | null = null;
    let labels: string[] = [];
    for (const line of result.stdout.split('\n')) {
      const start = /^DebugPrint: \S+ \[String\][^"]*(".*")$/.exec(line);
      const type = /^ - type: (\w+)/.exec(line);
      if (start !== null) {
        value = JSON.parse(start[1]!) as string;
      } else if (type !== null && value !== null) {
        dumps.push([value, type[1]!]);
        value = null;
      } else if (line.startsWith('@@ ')) {
        labels = JSON.parse(line.slice(3)) as string[];
      }
    }
    expect(dumps).toHaveLength(labels.length);
    const types = dumps.map(([value, type], i): [string, string, string] => [labels[i]!, value, type]);
    const names = types.filter(([label]) => label !== 'method descriptor');
    expect(names.map(([label, value]) => `${label} ${value}`)).toEqual([
      'getClassName java/util/concurrent/ConcurrentHashMap',
      'getSuperName java/util/AbstractMap',
      'getInterfaces java/util/concurrent/ConcurrentMap',
      'getInterfaces java/io/Serializable',
      'visit name java/util/concurrent/ConcurrentHashMap',
      'visit superName java/util/AbstractMap',
      'visit interface java/util/concurrent/ConcurrentMap',
      'visit interface java/io/Serializable',
    ]);
    for (const [label, value, type] of names) {
      expect(type, `${label} ${value}`).not.toMatch(/SLICED/);
    }
    const descriptors = types.filter(([label]) => label === 'method descriptor');
    expect(descriptors).toHaveLength(1);
    expect(descriptors[0]![2], descriptors[0]![1]).toMatch(/SLICED/);
  });
});
