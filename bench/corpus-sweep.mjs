#!/usr/bin/env node
// `node bench/corpus-sweep.mjs [jar|dir]... [--checks roundtrip,frames,verifier]`: the differential checks
// of the test suite, run over every distinct jar found (default: /usr/share/java, symlinks resolved, so
// every Debian Java library installed), with the whole set on the class path of each (ours and HotSpot's):
//   roundtrip  the copy path returns each class byte for byte; a full rewrite is structurally identical
//              (test/support/structural-dump.ts); writing a ClassNode gives the bytes the streamed
//              full rewrite gives.
//   frames     StackMapTables dropped (SKIP_FRAMES) and recomputed (COMPUTE_FRAMES against the class
//              path): every class HotSpot links under -Xverify:all before still links after.
//   verifier   classforge's ClassVerifier against HotSpot on the original classes: a class we reject
//              that HotSpot links (false positive), a VerifyError we miss (false negative).
//   transform  `classforge transform` with the method-timing and field-write-log examples (every
//              method and field write, --keep-going): every class HotSpot linked still links.
//   advice     `classforge transform` with the advice-timing example (Byte Buddy-style advice compiled by
//              javac against Debian's byte-buddy.jar, on every method): every class HotSpot linked still links.
//              `--advice <Advice.java>` applies that advice class instead (its top-level class, compiled
//              against byte-buddy.jar), through the same example transform: constructors left out.
//   remap      ClassRemapper moves every class of the jar under the package `zz/` (names, descriptors,
//              signatures, annotations, invokedynamic, frames): every class HotSpot linked still links.
//   textifier  classforge's Textifier prints every class as ASM's Textifier does (Debian's libasm-java),
//              character for character, but for the line number 0 that we keep and ASM's reader drops
//              (see README). ASM prints floats with Java's Float/Double.toString, whose output changed
//              in Java 19 (shortest digits, as ours): its harness runs on a JDK 19+ when one is installed.
//   adapters   ASM's commons adapters, analysis package and computed maxima and frames against ours
//              (test/support/asm-adapters.ts): the Textifier text after LocalVariablesSorter,
//              AdviceAdapter, JSRInlinerAdapter, TryCatchBlockSorter, SerialVersionUIDAdder, ClassRemapper,
//              StaticInitMerger, InstructionAdapter, CheckClassAdapter; the class written with COMPUTE_MAXS
//              and with COMPUTE_FRAMES; AnalyzerAdapter's frames; CodeSizeEvaluator's sizes; Analyzer's
//              frames with BasicVerifier, SimpleVerifier and SourceInterpreter: the same text for every
//              class (ASM loading the same jars and JDK where it needs classes).
// One line per jar with a problem, then the totals; exit 1 when any check failed. About 50 minutes on
// ~500 jars (`--checks` picks some); not part of `npm test` (which checks the same things on a fixed set of jars) because what
// it covers depends on the packages installed. Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import JSZip from 'jszip';
import { findJavaHome, findJdkAtLeast } from './jdk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const checksAt = args.indexOf('--checks');
const adviceAt = args.indexOf('--advice');
const adviceSource = adviceAt >= 0 ? path.resolve(args.splice(adviceAt, 2)[1]) : path.join(root, 'examples/advice-timing/advice/example/advice/TimingAdvice.java');
const checks = new Set((checksAt >= 0 ? args.splice(checksAt, 2)[1] : 'roundtrip,frames,verifier,transform,advice,remap,textifier,adapters').split(','));

const { ClassReader, ClassWriter, ClassNode, ClassPath } = await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href);
const { ClassVerifier } = await import(pathToFileURL(path.join(root, 'dist/src/analysis/class-verifier.js')).href);
const { ClassRemapper, Remapper } = await import(pathToFileURL(path.join(root, 'dist/src/commons/index.js')).href);
const { verifyClasses } = await import(pathToFileURL(path.join(root, 'dist/src/testing/index.js')).href);

// The test suite's oracles are TypeScript: bundled once into a temporary module.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'classforge-sweep-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
// Inside the checkout, so that the bundle's imports of packages (left external) resolve.
const oracle = path.join(root, 'node_modules', '.cache', 'classforge', 'corpus-sweep', `oracle-${process.pid}.mjs`);
process.on('exit', () => rmSync(oracle, { force: true }));
await build({
  stdin: {
    contents:
      "export * from './test/support/corpus-round-trip.ts'; export * from './test/support/asm-textifier.ts'; export * from './test/support/asm-adapters.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  outfile: oracle,
  logLevel: 'warning',
});
const {
  checkCopyPath,
  checkFullRewrite,
  ASM_JARS,
  HAVE_ASM,
  TEXTIFY_HARNESS,
  ourTextify,
  parseTextifyOutput,
  normalizedLikeAsm,
  firstDifference,
  ADAPTERS_HARNESS,
  ASM_COMMONS_JAR,
  asmAdapterDifferences,
} = await import(pathToFileURL(oracle).href);
const javaHome = findJavaHome();
const textifierJavaHome = findJdkAtLeast(19) ?? javaHome;
const ASM_HARNESSES = { textifier: ['TextifyAll', TEXTIFY_HARNESS], adapters: ['AdaptAll', ADAPTERS_HARNESS] };
const ASM_ORACLE_JARS = [...ASM_JARS, ASM_COMMONS_JAR];
for (const [check, [className, source]] of Object.entries(ASM_HARNESSES)) {
  if (!checks.has(check)) continue;
  if (HAVE_ASM && ASM_ORACLE_JARS.every((jar) => existsSync(jar))) {
    writeFileSync(path.join(scratch, `${className}.java`), source);
    execFileSync(path.join(javaHome, 'bin', 'javac'), ['-cp', ASM_ORACLE_JARS.join(path.delimiter), '-d', scratch, path.join(scratch, `${className}.java`)]);
  } else {
    console.log(`${check} check skipped: ASM's jars (${ASM_ORACLE_JARS.join(', ')}) are not installed`);
    checks.delete(check);
  }
}

/** Every distinct jar under the arguments (files or directories, not recursive). */
function findJars(inputs) {
  const seen = new Set();
  const jars = [];
  for (const input of inputs.length > 0 ? inputs : ['/usr/share/java']) {
    const names = statSync(input).isDirectory() ? readdirSync(input).sort().map((n) => path.join(input, n)) : [input];
    for (const name of names) {
      if (!name.endsWith('.jar')) continue;
      const real = realpathSync(name);
      if (!seen.has(real)) {
        seen.add(real);
        jars.push(real);
      }
    }
  }
  return jars;
}

const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const dotted = (entryName) => entryName.slice(0, -'.class'.length).replaceAll('/', '.');

function treeReplayDifferences(classes) {
  const failures = [];
  for (const { name, bytes } of classes) {
    try {
      const streamed = new ClassWriter(0);
      new ClassReader(bytes).accept(streamed, 0);
      const node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      const replayed = new ClassWriter(0);
      node.accept(replayed);
      if (!sameBytes(streamed.toByteArray(), replayed.toByteArray())) failures.push(`${name}: tree replay differs from the stream`);
    } catch (error) {
      failures.push(`${name}: ${error}`);
    }
  }
  return failures;
}

/** HotSpot failures of `rewrittenJar`'s classes (named through `rename`) that `jar`'s originals pass. */
async function linkRegressions(jar, rewrittenJar, classes, others, rename = (name) => name) {
  const classNames = classes.map((c) => dotted(c.name));
  const options = { classPath: others, timeout: 600_000 };
  const before = await verifyClasses(jar, { ...options, classNames });
  const after = await verifyClasses(rewrittenJar, { ...options, classNames: classNames.map(rename) });
  const failedBefore = new Set(before.failures.map((f) => rename(f.className)));
  const regressions = after.failures.filter((f) => !failedBefore.has(f.className)).map((f) => `${f.className}: ${f.error}`);
  return { regressions, linked: before.linked };
}

/** `classforge transform` over `jar` with `transformArguments` (-t, --options…): HotSpot failures its output adds, each prefixed with `label`. */
async function transformedRegressions(jar, classes, others, transformArguments, label) {
  const output = path.join(scratch, 'transformed.jar');
  rmSync(output, { force: true });
  const cli = path.join(root, 'dist/cli/classforge.js');
  try {
    execFileSync(process.execPath, [cli, 'transform', jar, '-o', output, ...transformArguments, '--cp', others.join(path.delimiter), '--keep-going'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 28,
    });
  } catch (error) {
    // --keep-going exits 1 when classes failed (a class missing from the class path…) but writes the jar.
    if (!existsSync(output)) return [`classforge transform (${label}) failed: ${String(error.stderr ?? error).slice(0, 300)}`];
  }
  return (await linkRegressions(jar, output, classes, others)).regressions.map((r) => `${label}: ${r}`);
}

function transformRegressions(jar, classes, others) {
  const transforms = ['method-timing/transform.ts', 'field-write-log/transform.ts'].flatMap((t) => ['-t', path.join(root, 'examples', t)]);
  return transformedRegressions(jar, classes, others, transforms, 'after transform');
}

/** The advice class (advice-timing's, or --advice's), compiled once (javac against Byte Buddy's annotations). */
let compiledAdvice = null;
function compileAdvice() {
  if (compiledAdvice === null) {
    const out = path.join(scratch, 'advice');
    execFileSync('javac', ['-cp', '/usr/share/java/byte-buddy.jar', '-d', out, adviceSource]);
    const file = `${path.basename(adviceSource, '.java')}.class`;
    compiledAdvice = readdirSync(out, { recursive: true }).map((entry) => path.join(out, String(entry))).find((entry) => path.basename(entry) === file);
    if (compiledAdvice === undefined) throw new Error(`javac wrote no ${file} for ${adviceSource}`);
  }
  return compiledAdvice;
}

function adviceRegressions(jar, classes, others) {
  const options = JSON.stringify({ advice: compileAdvice() });
  return transformedRegressions(jar, classes, others, ['-t', path.join(root, 'examples/advice-timing/transform.ts'), '--options', options], 'after advice');
}

/** The JDK alone: a jar's class that the JDK also has is loaded from the JDK, not from the jar. */
const jdkOnly = new ClassPath([]);

async function remapRegressions(jar, allClasses, others) {
  // Renamed, a class the JDK shadows would be tested for the first time (HotSpot linked the JDK's).
  const classes = allClasses.filter((c) => !jdkOnly.hasClass(c.name.slice(0, -'.class'.length)));
  const own = new Set(classes.map((c) => c.name.slice(0, -'.class'.length)));
  const remapper = new (class extends Remapper {
    map(internalName) {
      return own.has(internalName) ? `zz/${internalName}` : null;
    }
  })();
  const output = new JSZip();
  const failures = [];
  for (const { name, bytes } of classes) {
    try {
      const writer = new ClassWriter(0);
      new ClassReader(bytes).accept(new ClassRemapper(writer, remapper), 0);
      output.file(`zz/${name}`, writer.toByteArray());
    } catch (error) {
      failures.push(`${name}: ClassRemapper threw ${error}`);
    }
  }
  const remappedJar = path.join(scratch, 'remapped.jar');
  writeFileSync(remappedJar, await output.generateAsync({ type: 'uint8array', compression: 'STORE' }));
  const { regressions } = await linkRegressions(jar, remappedJar, classes, others, (name) => `zz.${name}`);
  // A class of another jar that extends one of this jar's classes (tomcat's catalina and jaspic-api)
  // still names it by its old name: a renamed library breaks its dependents, so a NoClassDefFoundError
  // for an old name is expected.
  const brokenDependent = (r) => {
    const missing = /NoClassDefFoundError: (\S+)/.exec(r);
    return missing !== null && own.has(missing[1]);
  };
  return [...failures, ...regressions.filter((r) => !brokenDependent(r)).map((r) => `after remapping: ${r}`)];
}

function textifierDifferences(jar, classes) {
  // The harness's output goes to a file: it can be larger than a pipe buffer allows.
  const outputPath = path.join(scratch, 'textified.txt');
  const fd = openSync(outputPath, 'w');
  const result = spawnSync(path.join(textifierJavaHome, 'bin', 'java'), ['-cp', [scratch, ...ASM_JARS].join(path.delimiter), 'TextifyAll', jar], {
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  if (result.status !== 0) return [`ASM's Textifier failed: ${String(result.stderr).slice(0, 300)}`];
  const expected = parseTextifyOutput(readFileSync(outputPath, 'utf8'));
  rmSync(outputPath);
  const failures = [];
  for (const { name, bytes } of classes) {
    const theirs = expected.get(name);
    if (theirs === undefined) continue; // ASM could not read it either (the round trip reports ours)
    let ours;
    try {
      ours = ourTextify(bytes);
    } catch (error) {
      failures.push(`${name}: our Textifier threw ${error}`);
      continue;
    }
    ours = normalizedLikeAsm(ours);
    if (ours !== theirs) failures.push(`${name}: Textifier differs from ASM's ${firstDifference(ours, theirs)}`);
  }
  return failures;
}

const adapterCounts = { compared: 0, skipped: 0 };
function adapterDifferences(jar, classes, others) {
  const java = path.join(textifierJavaHome, 'bin', 'java');
  // SimpleVerifier's classes: ASM loads them from the jars and the JDK running the harness; ours reads the same.
  const jars = [jar, ...others];
  return asmAdapterDifferences({
    java,
    classPath: [scratch, ...ASM_ORACLE_JARS],
    jar,
    classes,
    scratch,
    simpleVerifierJars: jars,
    simpleVerifierClassPath: new ClassPath(jars, { jdk: textifierJavaHome }),
    counts: adapterCounts,
  });
}

async function recomputedFramesRegressions(jar, classes, classPath, others) {
  const output = new JSZip();
  const failures = [];
  for (const { name, bytes } of classes) {
    let rewritten = bytes;
    try {
      const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath, unknownClassesAsObject: true, warn: () => {} });
      new ClassReader(bytes).accept(writer, ClassReader.SKIP_FRAMES);
      rewritten = writer.toByteArray();
    } catch (error) {
      failures.push(`${name}: COMPUTE_FRAMES threw ${error}`);
    }
    output.file(name, rewritten);
  }
  const rewrittenJar = path.join(scratch, 'frames.jar');
  writeFileSync(rewrittenJar, await output.generateAsync({ type: 'uint8array', compression: 'STORE' }));
  const { regressions, linked } = await linkRegressions(jar, rewrittenJar, classes, others);
  failures.push(...regressions.map((r) => `with recomputed frames: ${r}`));
  return { failures, linked };
}

async function verifierDisagreements(jar, classes, classPath, others) {
  const verifier = new ClassVerifier(classPath);
  const ours = new Map();
  for (const { name, bytes } of classes) {
    try {
      const result = verifier.verify(bytes);
      ours.set(dotted(name), { error: result.errors[0], unresolved: result.unresolved.length });
    } catch (error) {
      ours.set(dotted(name), { error: { method: '', offset: -1, message: `threw ${error}` }, unresolved: 0 });
    }
  }
  const hotspot = await verifyClasses(jar, { classPath: others, classNames: [...ours.keys()], timeout: 600_000 });
  const rejected = new Map(hotspot.failures.map((f) => [f.className, f.error]));
  const failures = [];
  for (const [name, { error, unresolved }] of ours) {
    const hotspotError = rejected.get(name);
    if (error !== undefined && hotspotError === undefined) {
      failures.push(`${name}: false positive: ${error.method} @${error.offset}: ${error.message}`);
    } else if (error === undefined && unresolved === 0 && hotspotError !== undefined && hotspotError.includes('VerifyError')) {
      failures.push(`${name}: false negative: HotSpot says ${hotspotError}`);
    }
  }
  return failures;
}

const jars = findJars(args);
const totals = { jars: 0, classes: 0, linked: 0, failures: 0 };
for (const jar of jars) {
  let zip;
  try {
    zip = await JSZip.loadAsync(readFileSync(jar));
  } catch (error) {
    console.log(`${jar}: not a readable jar (${error.message}), skipped`);
    continue;
  }
  const classes = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    // Versioned and module-info classes are not loadable by name from a plain class loader.
    if (entry.dir || !name.endsWith('.class') || name.startsWith('META-INF/') || name.endsWith('module-info.class')) continue;
    classes.push({ name, bytes: await entry.async('uint8array') });
  }
  if (classes.length === 0) continue;
  const others = jars.filter((other) => other !== jar);
  const classPath = new ClassPath([jar, ...others]);
  const failures = [];
  if (checks.has('roundtrip')) {
    failures.push(...checkCopyPath(classes).failures.map((f) => `copy path: ${f}`));
    failures.push(...checkFullRewrite(classes).failures.map((f) => `full rewrite: ${f}`));
    failures.push(...treeReplayDifferences(classes));
  }
  if (checks.has('frames')) {
    const frames = await recomputedFramesRegressions(jar, classes, classPath, others);
    failures.push(...frames.failures);
    totals.linked += frames.linked;
  }
  if (checks.has('verifier')) failures.push(...(await verifierDisagreements(jar, classes, classPath, others)));
  if (checks.has('transform')) failures.push(...(await transformRegressions(jar, classes, others)));
  if (checks.has('advice')) failures.push(...(await adviceRegressions(jar, classes, others)));
  if (checks.has('remap')) failures.push(...(await remapRegressions(jar, classes, others)));
  if (checks.has('textifier')) failures.push(...textifierDifferences(jar, classes));
  if (checks.has('adapters')) failures.push(...adapterDifferences(jar, classes, others));
  totals.jars++;
  totals.classes += classes.length;
  totals.failures += failures.length;
  if (failures.length > 0) {
    console.log(`${jar}: ${classes.length} classes, ${failures.length} failing`);
    for (const failure of failures.slice(0, Number(process.env.SWEEP_SHOW ?? 5))) console.log(`    ${failure.slice(0, 400)}`);
  }
}
const linked = checks.has('frames') ? ` (HotSpot links ${totals.linked} of them)` : '';
if (checks.has('adapters')) {
  console.log(`adapters: ${adapterCounts.compared} (class, view) pairs compared, ${adapterCounts.skipped} not (SimpleVerifier: ASM could not load a class)`);
}
console.log(`${totals.jars} jars, ${totals.classes} classes${linked}; checks ${[...checks].join(', ')}: ${totals.failures} failures`);
process.exitCode = totals.failures === 0 ? 0 : 1;
