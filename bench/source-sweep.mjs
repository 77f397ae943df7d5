#!/usr/bin/env node
// `node bench/source-sweep.mjs [--serializable | --anonymous | --local | --static | --enum] [--link] [jar]...`: classforge/source's snippet compiler over every method of real
// libraries (default: every distinct jar under /usr/share/java, symlinks resolved). Into each method with
// a body it inserts a snippet with a capturing lambda and a method reference (for a method without
// parameters, a lambda over $class), each jar in a pool of its own (no dependencies), then writes the
// class. It counts what compiled, what was refused with a CannotCompileException (by message, class and
// member names masked) and anything else thrown, which is a bug: the compiler must either compile a
// snippet or say why. Refusals are expected where javac refuses too (class files before Java 8 have no
// lambdas; a missing dependency; names that shadow java.lang's). One JSON line per jar on stdout, then the
// totals and the commonest refusals; exit 1 when anything other than a refusal was thrown. Each jar runs
// in a child process (memory stays bounded; a hang costs one jar: 120 s). About 10 minutes on ~500 jars
// with two processes. `--link` also has HotSpot link every written class under -Xverify:all (before: the
// jar's original; after: the written class, the jar behind it): a class that linked before and fails
// after counts as thrown (a bug); a child then gets 600 s. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SNIPPET =
  '{ java.util.function.Supplier<String> s = () -> String.valueOf($1); java.util.function.Function<Object, String> t = java.util.Objects::toString;' +
  ' if (s == null || t == null) throw new IllegalStateException(); }';
const SNIPPET_NO_PARAMETERS = '{ Runnable r = () -> System.identityHashCode($class); if (r == null) throw new IllegalStateException(); }';
// `--serializable`: the same with serializable and intersection-cast lambdas (altMetafactory, and a case in
// each class's $deserializeLambda$, javac's own included).
const SERIALIZABLE_SNIPPET =
  '{ java.util.function.Supplier<String> s = (java.util.function.Supplier<String> & java.io.Serializable) () -> String.valueOf($1);' +
  ' Runnable t = (Runnable & java.io.Serializable & Cloneable) Thread::yield; if (s == null || t == null) throw new IllegalStateException(); }';
const SERIALIZABLE_SNIPPET_NO_PARAMETERS =
  '{ Runnable r = (Runnable & java.io.Serializable) () -> System.identityHashCode($class); if (r == null) throw new IllegalStateException(); }';

// `--anonymous`: an anonymous class (JLS §15.9.5) implementing a generic interface (a bridge method) and
// capturing $1 (or $class), made beside each class as Enclosing$N; with --link its classes are linked too.
const ANONYMOUS_SNIPPET =
  '{ java.util.function.Supplier<String> s = new java.util.function.Supplier<String>() { public String get() { return String.valueOf($1); } };' +
  ' if (s == null) throw new IllegalStateException(); }';
const ANONYMOUS_SNIPPET_NO_PARAMETERS =
  '{ Runnable r = new Runnable() { int n; public void run() { n = System.identityHashCode($class); } }; if (r == null) throw new IllegalStateException(); }';

// `--local`: a local class (JLS §14.3) implementing a generic interface or with a constructor, capturing $1 (or $class).
const LOCAL_SNIPPET =
  '{ class Probe implements java.util.function.Supplier<String> { public String get() { return String.valueOf($1); } }' +
  ' if (new Probe() == null) throw new IllegalStateException(); }';
const LOCAL_SNIPPET_NO_PARAMETERS =
  '{ class Probe { int n; Probe() { n = System.identityHashCode($class); } } if (new Probe() == null) throw new IllegalStateException(); }';

// `--static`: a local class with static members (JLS §8.1.3, Java 16): a constant variable, a static field set by a
// static initializer, a static method with an assert (the class's own $assertionsDisabled) called from the snippet.
const STATIC_SNIPPET =
  '{ class Probe { static final int K = 3; static int calls; static { calls = K; } static String of(Object o) { assert calls >= K : "before init"; calls++; return String.valueOf(o); } }' +
  ' if (Probe.of($1) == null) throw new IllegalStateException(); }';
const STATIC_SNIPPET_NO_PARAMETERS =
  '{ class Probe { static final String K = "k"; static Class<?> seen; static { seen = $class; } static int n() { return K.length() + System.identityHashCode(seen); } }' +
  ' if (Probe.n() == Integer.MIN_VALUE) throw new IllegalStateException(); }';

// `--enum`: a local interface with a default method, and a local enum implementing it with constant class bodies,
// a constructor, a switch over it and EnumMap (Java 16 forms; refused below class file 52 for the default method).
const ENUM_SNIPPET =
  '{ interface Probe { int weight(); default String tag() { return name() + weight(); } String name(); }' +
  ' enum Kind implements Probe { LIGHT(1) { public int weight() { return base; } }, HEAVY(9) { public int weight() { return base * 2; } }; final int base; Kind(int base) { this.base = base; } }' +
  ' java.util.EnumMap<Kind, Object> seen = new java.util.EnumMap<>(Kind.class); seen.put(Kind.HEAVY, $1);' +
  ' int w = switch (Kind.valueOf("LIGHT")) { case LIGHT -> 1; case HEAVY -> 2; }; if (w == 0 || seen.isEmpty() || Kind.HEAVY.tag() == null) throw new IllegalStateException(); }';
const ENUM_SNIPPET_NO_PARAMETERS = ENUM_SNIPPET.replace('$1', '$class');

/** The child: one jar, one JSON line. */
async function sweepJar(jar, mode, link) {
  const { ClassPool, CannotCompileException } = await import(path.join(root, 'dist', 'src', 'source', 'index.js'));
  const { ZipArchive } = await import(path.join(root, 'dist', 'src', 'classpath', 'zip-archive.js'));
  const stats = { jar, classes: 0, methods: 0, compiled: 0, refused: 0, refusals: {}, thrown: [], notWritten: 0, notWrittenReasons: {} };
  const pool = new ClassPool(true).appendClassPath(jar);
  const archive = ZipArchive.open(jar);
  /** The classes written, by internal name (for --link), and which of them the jar had. */
  const written = new Map();
  const originals = new Set();
  /** A companion (anonymous class) → the class it was made for. */
  const madeFor = new Map();
  try {
    for (const entry of archive.entries()) {
      if (!entry.name.endsWith('.class') || entry.name.startsWith('META-INF/') || entry.name.endsWith('module-info.class')) continue;
      let ctClass;
      try {
        ctClass = pool.get(entry.name.slice(0, -'.class'.length).replace(/\//g, '.'));
        ctClass.classNode();
      } catch {
        continue; // not a class this pool can read (the reader's own tests cover malformed classes)
      }
      stats.classes++;
      let changed = false;
      for (const behavior of [...ctClass.getDeclaredMethods(), ...ctClass.getDeclaredConstructors()]) {
        const method = behavior.methodNode();
        if (method.instructions.size() === 0) continue;
        stats.methods++;
        try {
          const [withParameters, withoutParameters] =
            mode === 'serializable'
              ? [SERIALIZABLE_SNIPPET, SERIALIZABLE_SNIPPET_NO_PARAMETERS]
              : mode === 'anonymous'
                ? [ANONYMOUS_SNIPPET, ANONYMOUS_SNIPPET_NO_PARAMETERS]
                : mode === 'local'
                  ? [LOCAL_SNIPPET, LOCAL_SNIPPET_NO_PARAMETERS]
                  : mode === 'static'
                    ? [STATIC_SNIPPET, STATIC_SNIPPET_NO_PARAMETERS]
                    : mode === 'enum'
                      ? [ENUM_SNIPPET, ENUM_SNIPPET_NO_PARAMETERS]
                      : [SNIPPET, SNIPPET_NO_PARAMETERS];
          behavior.insertBefore(method.desc.startsWith('()') ? withoutParameters : withParameters);
          stats.compiled++;
          changed = true;
        } catch (error) {
          if (!(error instanceof CannotCompileException)) {
            stats.thrown.push(`${ctClass.getName()}.${method.name}${method.desc}: ${error?.constructor?.name}: ${error?.message}`);
            continue;
          }
          stats.refused++;
          const kind = error.message
            .replace(/^.*?\): /, '')
            .replace(/[\w$]+(\.[\w$]+)+/g, 'X')
            .replace(/ \(line \d+, column \d+\)$/, '')
            .slice(0, 100);
          stats.refusals[kind] = (stats.refusals[kind] ?? 0) + 1;
        }
      }
      if (changed) {
        try {
          const bytes = ctClass.toBytecode();
          written.set(ctClass.getName().replace(/\./g, '/'), bytes);
          originals.add(ctClass.getName().replace(/\./g, '/'));
          for (const companion of ctClass.getCompanionClasses()) {
            written.set(companion.getName().replace(/\./g, '/'), companion.toBytecode());
            madeFor.set(companion.getName().replace(/\./g, '/'), ctClass.getName().replace(/\./g, '/'));
            stats.companions = (stats.companions ?? 0) + 1;
          }
        } catch (error) {
          // Frames needing a class of a missing dependency: a clear error, counted by message. An
          // internal error (CLASSFORGE_CHECK_TOUCHED's) or anything not a CannotCompileException is a bug.
          if (!(error instanceof CannotCompileException) || /internal error/.test(error.message)) {
            stats.thrown.push(`${ctClass.getName()} (toBytecode): ${error?.constructor?.name}: ${error?.message}`);
          } else {
            stats.notWritten++;
            const kind = error.message.replace(/^cannot write [\w$.]+: /, '').replace(/[\w$]+(\.[\w$]+)+/g, 'X').replace(/[\w$]+(\/[\w$]+)+/g, 'X').slice(0, 100);
            stats.notWrittenReasons[kind] = (stats.notWrittenReasons[kind] ?? 0) + 1;
          }
        }
      }
    }
  } finally {
    archive.close();
  }
  if (link && written.size > 0) {
    // HotSpot decides: every written class that links from the jar must link rewritten (the jar after it
    // for the rest), under -Xverify:all.
    const { verifyClasses } = await import(path.join(root, 'dist', 'src', 'testing', 'index.js'));
    const classNames = [...written.keys()];
    // The companions (anonymous classes) are new: linked after only.
    const before = await verifyClasses(jar, { classNames: classNames.filter((name) => originals.has(name)), timeout: 600_000 });
    const after = await verifyClasses(written, { classNames, classPath: [jar], timeout: 600_000 });
    const internal = (name) => name.replace(/\./g, '/');
    const failedBefore = new Set(before.failures.map((failure) => internal(failure.className)));
    // A companion fails where its class did (a missing dependency of both): judged by its class.
    const newFailures = after.failures.filter((failure) => !failedBefore.has(madeFor.get(internal(failure.className)) ?? internal(failure.className)));
    // A changed class file before version 51 has no StackMapTable (a documented decision, see
    // apply-transforms.ts): HotSpot verifies it by type inference, which loads the classes it compares
    // — one missing from this jar's (absent) dependencies is not found there, where the original's
    // type-checked frames needed no load. Counted apart, not as a regression.
    const major = (name) => {
      const bytes = written.get(internal(name));
      return bytes === undefined ? 0 : (bytes[6] << 8) | bytes[7];
    };
    const inferredMissing = (failure) => major(failure.className) < 51 && /NoClassDefFoundError/.test(failure.error);
    const regressions = newFailures.filter((failure) => !inferredMissing(failure));
    stats.inferenceMissingDependency = newFailures.length - regressions.length;
    stats.linked = before.linked;
    stats.regressions = regressions.length;
    stats.thrown.push(...regressions.map((failure) => `${failure.className} (HotSpot): ${failure.error}`));
  }
  stats.thrown = stats.thrown.slice(0, 10);
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

function defaultJars() {
  const dir = '/usr/share/java';
  const jars = new Set();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.jar')) continue;
    try {
      jars.add(realpathSync(path.join(dir, name)));
    } catch {
      // a dangling symlink
    }
  }
  return [...jars].sort();
}

function runChild(jar, mode, link) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', jar, ...(mode === null ? [] : [`--${mode}`]), ...(link ? ['--link'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // CtClass.toBytecode also checks its record of changed members against a full comparison.
      env: { ...process.env, CLASSFORGE_CHECK_TOUCHED: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const limit = link ? 600_000 : 120_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ jar, failed: signal === 'SIGKILL' ? `timed out after ${limit / 1000} s` : `exit ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}` });
      }
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const takeFlag = (flag) => {
    const at = args.indexOf(flag);
    if (at >= 0) args.splice(at, 1);
    return at >= 0;
  };
  const mode = takeFlag('--serializable') ? 'serializable' : takeFlag('--anonymous') ? 'anonymous' : takeFlag('--local') ? 'local' : takeFlag('--static') ? 'static' : takeFlag('--enum') ? 'enum' : null;
  const link = takeFlag('--link');
  if (args[0] === '--child') return sweepJar(args[1], mode, link);
  if (!existsSync(path.join(root, 'dist', 'src', 'source', 'index.js'))) throw new Error('no build: run `npm run build` first');
  const jars = args.length > 0 ? args.map((jar) => path.resolve(jar)) : defaultJars();
  const totals = { jars: 0, classes: 0, methods: 0, compiled: 0, refused: 0, thrown: 0, notWritten: 0, failedJars: 0, linked: 0, regressions: 0 };
  const refusals = {};
  let next = 0;
  const worker = async () => {
    while (next < jars.length) {
      const result = await runChild(jars[next++], mode, link);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      totals.jars++;
      if (result.failed) {
        totals.failedJars++;
        continue;
      }
      for (const key of ['classes', 'methods', 'compiled', 'refused', 'notWritten', 'linked', 'regressions', 'companions', 'inferenceMissingDependency']) totals[key] = (totals[key] ?? 0) + (result[key] ?? 0);
      totals.thrown += result.thrown.length;
      for (const [kind, count] of Object.entries(result.refusals)) refusals[kind] = (refusals[kind] ?? 0) + count;
    }
  };
  await Promise.all([worker(), worker()]);
  console.log(JSON.stringify(totals));
  for (const [kind, count] of Object.entries(refusals).sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${String(count).padStart(8)}  ${kind}`);
  process.exitCode = totals.thrown > 0 || totals.failedJars > 0 ? 1 : 0;
}

await main();
