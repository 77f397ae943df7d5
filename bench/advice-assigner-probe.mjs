#!/usr/bin/env node
// `node bench/advice-assigner-probe.mjs [--return] [--jobs N]`: classforge's Advice against Byte Buddy 1.12's own
// (Debian's byte-buddy.jar, through test/support/ByteBuddyAdviceOracle.java) on how a value converts to an
// advice parameter: for each parameter type P of 17 (primitives, wrappers, Object, Number, String, Comparable,
// Serializable, arrays), each typing (STATIC, DYNAMIC) and read-only or writable, an advice
// `enter(@Advice.Argument(value = 0, readOnly = …, typing = …) P a)` applied to a method taking each of the 17
// types: 1,156 pairs (`--return`: an exit advice's `@Advice.Return(…) P a` on a method returning each type). Both must accept or both refuse; where both accept, both programs run under
// -Xverify:all and must print the same (the advice's line, or the same exception). Pairs where Byte Buddy's
// own class fails verification are listed apart (byte widened to double: Byte Buddy 1.12 emits a bad
// conversion). One line per difference, then the totals; exit 1 on any difference. About 8 minutes with two
// jobs (a JVM per pair and side). Not part of `npm test` (a thousand JVMs); the oracle test
// (test/commons-advice-byte-buddy.test.ts) keeps a few of these pairs. Run `npm run build` first.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BYTE_BUDDY = '/usr/share/java/byte-buddy.jar';
const jobsAt = process.argv.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(process.argv[jobsAt + 1]) : 2;
const onReturn = process.argv.includes('--return');

const TYPES = ['int', 'long', 'short', 'char', 'boolean', 'double', 'byte', 'Integer', 'Long', 'Character', 'Object', 'Number', 'String', 'Comparable', 'java.io.Serializable', 'int[]', 'Object[]'];
const VALUES = {
  int: '5', long: '6L', short: '(short) 7', char: "'c'", boolean: 'true', double: '2.5', byte: '(byte) 3', Integer: 'Integer.valueOf(9)', Long: 'Long.valueOf(10)',
  Character: "Character.valueOf('z')", Object: '"obj"', Number: 'Integer.valueOf(11)', String: '"str"', Comparable: '"cmp"', 'java.io.Serializable': '"ser"',
  'int[]': 'new int[] {1}', 'Object[]': 'new Object[] {"a"}',
};
const MODES = [
  { readOnly: true, typing: 'STATIC' },
  { readOnly: true, typing: 'DYNAMIC' },
  { readOnly: false, typing: 'STATIC' },
  { readOnly: false, typing: 'DYNAMIC' },
];
const ident = (type) => type.replace('java.io.', '').replace('[]', 'Array');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'classforge-assigner-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const dir = (...parts) => path.join(scratch, ...parts);

// The sources: one target class with a method per argument type (its main calls each), one advice class per parameter type and mode.
mkdirSync(dir('src', 'app'), { recursive: true });
mkdirSync(dir('src', 'adv'), { recursive: true });
writeFileSync(
  dir('src', 'app', 'Targets.java'),
  onReturn
    ? `package app;\npublic class Targets {\n${TYPES.map((t) => `  public static ${t} m_${ident(t)}() { return ${VALUES[t]}; }\n`).join('')}` +
        `  public static void main(String[] x) {\n${TYPES.map((t) => `    System.out.println("body " + ${t.endsWith('[]') ? `java.util.Arrays.toString(m_${ident(t)}())` : `m_${ident(t)}()`});\n`).join('')}  }\n}\n`
    : `package app;\npublic class Targets {\n${TYPES.map((t) => `  public static void m_${ident(t)}(${t} a) { System.out.println("body ${ident(t)}"); }\n`).join('')}` +
        `  public static void main(String[] x) {\n${TYPES.map((t) => `    m_${ident(t)}(${VALUES[t]});\n`).join('')}  }\n}\n`,
);
const advices = [];
for (const type of TYPES) {
  for (const mode of MODES) {
    const name = `P${advices.length}`;
    const print = type.endsWith('[]') ? 'java.util.Arrays.toString(a)' : 'String.valueOf((Object) a)';
    writeFileSync(
      dir('src', 'adv', `${name}.java`),
      `package adv;\nimport net.bytebuddy.asm.Advice;\nimport net.bytebuddy.implementation.bytecode.assign.Assigner;\npublic class ${name} {\n` +
        (onReturn
          ? `  @Advice.OnMethodExit\n  public static void exit(@Advice.Return(readOnly = ${mode.readOnly}, typing = Assigner.Typing.${mode.typing}) ${type} a) {\n`
          : `  @Advice.OnMethodEnter\n  public static void enter(@Advice.Argument(value = 0, readOnly = ${mode.readOnly}, typing = Assigner.Typing.${mode.typing}) ${type} a) {\n`) +
        `    System.out.println("advice " + ${print});${mode.readOnly ? '' : ' a = a;'}\n  }\n}\n`,
    );
    advices.push({ name, type, mode });
  }
}
execFileSync('javac', ['-d', dir('app'), dir('src', 'app', 'Targets.java')]);
execFileSync('javac', ['-cp', BYTE_BUDDY, '-d', dir('adv'), ...advices.map((a) => dir('src', 'adv', `${a.name}.java`))]);
execFileSync('javac', ['-cp', BYTE_BUDDY, '-d', dir('harness'), path.join(root, 'test', 'support', 'ByteBuddyAdviceOracle.java')]);

/** Runs a command; resolves with its stdout and stderr together. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', () => resolve(output));
  });
}

/** What a program printed that tells the pairs apart (identity hashes and module details masked). */
async function outcome(classDir) {
  const output = await run('java', ['-Xverify:all', '-cp', `${classDir}${path.delimiter}${dir('adv')}`, 'app.Targets']);
  // The advice's line (or the first error) and the line after it: what the method returned or did next.
  const all = output.split('\n');
  const at = all.findIndex((l) => /advice|Error|Exception/.test(l));
  const lines = at < 0 ? '' : all.slice(at, at + 2).join(' | ');
  return lines.replace(/ \(.*are in .*/, '').replace(/@[0-9a-f]+/g, '@…');
}

const { ClassReader, ClassWriter, ClassPath } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'index.js')).href);
const { Advice } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'commons', 'index.js')).href);
const targets = new Uint8Array(readFileSync(dir('app', 'app', 'Targets.class')));
const classPath = new ClassPath([dir('app'), dir('adv')]);

const pairs = advices.flatMap((advice) => TYPES.map((argument) => ({ advice, argument })));
const differences = [];
const byteBuddyUnverifiable = [];
let bothAccept = 0;
let bothRefuse = 0;
let next = 0;
async function worker() {
  while (next < pairs.length) {
    const { advice, argument } = pairs[next++];
    const label = `@${onReturn ? 'Return' : 'Argument'}(readOnly = ${advice.mode.readOnly}, typing = ${advice.mode.typing}) ${advice.type} for a ${argument}`;
    const method = `m_${ident(argument)}`;
    const theirsDir = dir('bb', `${advice.name}_${ident(argument)}`);
    const harnessOutput = await run('java', ['-cp', `${BYTE_BUDDY}${path.delimiter}${dir('harness')}`, 'ByteBuddyAdviceOracle', dir('adv'), `adv.${advice.name}`, dir('app'), theirsDir, method]);
    const theirError = harnessOutput.split('\n').find((l) => l.startsWith('ERROR: '));
    let ourError = null;
    const oursDir = dir('ours', `${advice.name}_${ident(argument)}`);
    try {
      const applied = Advice.to(new Uint8Array(readFileSync(dir('adv', 'adv', `${advice.name}.class`)))).on((m) => m.name === method);
      const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath });
      new ClassReader(targets).accept(applied.wrap(writer, { classPath }), 0);
      mkdirSync(path.join(oursDir, 'app'), { recursive: true });
      writeFileSync(path.join(oursDir, 'app', 'Targets.class'), writer.toByteArray());
    } catch (error) {
      ourError = error.message;
    }
    if ((theirError === undefined) !== (ourError === null)) {
      differences.push(`${label}: Byte Buddy ${theirError ?? 'accepts'}; classforge ${ourError === null ? 'accepts' : `refuses: ${ourError}`}`);
      continue;
    }
    if (ourError !== null) {
      bothRefuse++;
      continue;
    }
    bothAccept++;
    const [theirs, ours] = await Promise.all([outcome(theirsDir), outcome(oursDir)]);
    if (theirs === ours) continue;
    if (theirs.startsWith('Error: Unable to initialize main class') && ours.startsWith('advice ')) byteBuddyUnverifiable.push(`${label}: classforge prints '${ours}'`);
    else differences.push(`${label}: Byte Buddy prints '${theirs}', classforge '${ours}'`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
for (const line of differences) console.log(`difference: ${line}`);
for (const line of byteBuddyUnverifiable) console.log(`Byte Buddy's class fails verification: ${line}`);
console.log(`${pairs.length} pairs: both accept ${bothAccept}, both refuse ${bothRefuse}, differences ${differences.length}, Byte Buddy unverifiable ${byteBuddyUnverifiable.length}`);
process.exitCode = differences.length === 0 ? 0 : 1;
