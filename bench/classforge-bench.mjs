#!/usr/bin/env node
// The classforge side of `npm run bench`, in its own process like the Java harnesses, so that each round
// of bench/run.mjs starts both sides cold and alike. `node bench/classforge-bench.mjs <classDir> <runs>
// <workload>...` prints one JSON line per workload: { workload, firstMs, medianMs, runs, classes, failed };
// `… <classDir> serve <workload>` runs one pass per line of stdin (see bench/run.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [classDir, runsArg, ...workloads] = process.argv.slice(2);
const runs = Number(runsArg);

function listClasses(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.class')) out.push(new Uint8Array(fs.readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

// CLASSFORGE_DIST picks another build (A/B comparisons); by default this checkout's dist/.
const dist = process.env.CLASSFORGE_DIST ?? path.join(root, 'dist');
const { AdviceAdapter, ClassReader, ClassWriter, ClassNode, ClassPath, ClassVisitor, Method, MethodVisitor, Opcodes, Type, defineTransform } = await import(path.join(dist, 'src', 'index.js'));
// The V8 flags of the CLI and the agent's host (src/transform/v8-flags.ts): no on-stack replacement (without it,
// one process in four or five settles 35-75% slower on the reading workloads for V8 reasons, and a round's ratio
// with it) and twice V8's inlining budget. A build from before that file (an A/B baseline) gets the flags it set.
const v8Flags = path.join(dist, 'src', 'transform', 'v8-flags.js');
const osr = path.join(dist, 'src', 'transform', 'on-stack-replacement.js');
if (fs.existsSync(v8Flags)) (await import(v8Flags)).setClassforgeV8Flags();
else if (fs.existsSync(osr)) (await import(osr)).disableOnStackReplacement();
else (await import('node:v8')).setFlagsFromString('--no-use-osr');
// The transform pipeline (which brings classforge/source along) only for the workload that runs it, so that
// the other workloads' processes hold the core alone.
const { applyTransforms } = workloads.includes('instrument-transform') ? await import(path.join(dist, 'src', 'transform', 'index.js')) : {};
const classes = listClasses(classDir);
// Our frames ask a ClassPath (the corpus directory and the JDK's runtime image) instead of loading classes;
// like ASM's loaded classes, its answers stay cached across passes.
const classPath = new ClassPath([classDir]);
// 'read': every event delivered (a MethodVisitor per method), nothing built: the reader alone.
class ReadAllVisitor extends ClassVisitor {
  constructor() { super(Opcodes.ASM9); }
  visitMethod() { return new MethodVisitor(Opcodes.ASM9); }
}
// 'adapter': a pass-through MethodVisitor on every method, as an instrumenting transform has.
class PassThroughMethodVisitor extends MethodVisitor {
  constructor(mv) { super(Opcodes.ASM9, mv); }
}
class PassThroughAdapter extends ClassVisitor {
  constructor(cv) { super(Opcodes.ASM9, cv); }
  visitMethod(a, n, d, s, e) { return new PassThroughMethodVisitor(super.visitMethod(a, n, d, s, e)); }
}
// 'instrument': AsmBench.java's Timed, line for line (System.nanoTime() at entry, the elapsed time at every exit).
const SYSTEM = Type.getObjectType('java/lang/System');
const NANO_TIME = Method.getMethod('long nanoTime()');
class Timed extends AdviceAdapter {
  constructor(mv, access, name, descriptor) { super(Opcodes.ASM9, mv, access, name, descriptor); this.start = -1; }
  onMethodEnter() { this.invokeStatic(SYSTEM, NANO_TIME); this.start = this.newLocal(Type.LONG_TYPE); this.storeLocal(this.start); }
  onMethodExit() { if (this.start < 0) return; this.invokeStatic(SYSTEM, NANO_TIME); this.loadLocal(this.start); this.math(AdviceAdapter.SUB, Type.LONG_TYPE); this.pop2(); }
}
class TimingAdapter extends ClassVisitor {
  constructor(cv) { super(Opcodes.ASM9, cv); }
  visitMethod(a, n, d, s, e) { return new Timed(super.visitMethod(a, n, d, s, e), a, n, d); }
}
// 'instrument-transform': the same as a transform module's definition, through applyTransforms (lossless:
// untouched methods copied, changed ones compared with the original; frames against the class path).
const timingTransform = [{ definition: defineTransform({ name: 'timing', visitor: (next) => new TimingAdapter(next) }), options: {} }];
const bodies = {
  scan: (b) => { if (new ClassReader(b).header <= 0) throw new Error('no header'); },
  read: (b) => new ClassReader(b).accept(new ReadAllVisitor(), 0),
  'tree-parse': (b) => new ClassReader(b).accept(new ClassNode(), 0),
  copy: (b) => { const r = new ClassReader(b); const w = new ClassWriter(r, 0); r.accept(w, 0); w.toByteArray(); },
  'full-rewrite': (b) => { const r = new ClassReader(b); const w = new ClassWriter(0); r.accept(w, 0); w.toByteArray(); },
  'tree-roundtrip': (b) => { const n = new ClassNode(); new ClassReader(b).accept(n, 0); const w = new ClassWriter(0); n.accept(w); w.toByteArray(); },
  adapter: (b) => { const r = new ClassReader(b); const w = new ClassWriter(r, 0); r.accept(new PassThroughAdapter(w), 0); w.toByteArray(); },
  'adapter-frames': (b) => { const r = new ClassReader(b); const w = new ClassWriter(r, ClassWriter.COMPUTE_FRAMES, { classPath }); r.accept(new PassThroughAdapter(w), 0); w.toByteArray(); },
  'compute-maxs': (b) => { const r = new ClassReader(b); const w = new ClassWriter(ClassWriter.COMPUTE_MAXS); r.accept(w, 0); w.toByteArray(); },
  instrument: (b) => { const r = new ClassReader(b); const w = new ClassWriter(r, ClassWriter.COMPUTE_FRAMES, { classPath }); r.accept(new TimingAdapter(w), ClassReader.SKIP_FRAMES); w.toByteArray(); },
  'instrument-transform': (b) => applyTransforms(b, timingTransform, { classPath }),
  'compute-frames': (b) => { const r = new ClassReader(b); const w = new ClassWriter(ClassWriter.COMPUTE_FRAMES, { classPath }); r.accept(w, ClassReader.SKIP_FRAMES); w.toByteArray(); },
};
// The source-level workloads (`npm run bench:source`, beside bench/JavassistBench.java): one pool per process
// over the corpus and the JDK, as Javassist's there; each class made from its bytes, edited, written, detached.
// classforge/source is loaded only for them, so that the ASM suite's processes hold the core alone.
const SOURCE_WORKLOADS = ['insert-before', 'timing', 'expr-editor', 'add-members'];
if (workloads.some((name) => SOURCE_WORKLOADS.includes(name))) {
  const source = await import(path.join(dist, 'src', 'source', 'index.js'));
  let sourcePool = null;
  const withSourcePool = (edit) => (b) => {
    sourcePool ??= new source.ClassPool(true).appendClassPath(classDir);
    const c = sourcePool.makeClass(b);
    try { edit(c); c.toBytecode(); } finally { c.detach(); }
  };
  const methodBodies = (c) => c.getDeclaredMethods().filter((m) => (m.getModifiers() & (source.Modifier.ABSTRACT | source.Modifier.NATIVE)) === 0);
  class ProceedEveryCall extends source.ExprEditor {
    editMethodCall(call) { call.replace('{ $_ = $proceed($$); }'); }
  }
  Object.assign(bodies, {
    'insert-before': withSourcePool((c) => { for (const m of methodBodies(c)) m.insertBefore('System.out.println("enter");'); }),
    timing: withSourcePool((c) => {
      for (const m of methodBodies(c)) {
        m.addLocalVariable('__t0', source.CtClass.longType);
        m.insertBefore('__t0 = System.nanoTime();');
        m.insertAfter('System.out.println("took " + (System.nanoTime() - __t0));');
      }
    }),
    'expr-editor': withSourcePool((c) => c.instrument(new ProceedEveryCall())),
    'add-members': withSourcePool((c) => {
      if (c.isInterface()) return;
      c.addField(source.CtField.make('public static int __calls;', c));
      c.addMethod(source.CtNewMethod.make('public static int __calls() { return __calls; }', c));
    }),
  });
}
const passOf = (body) => () => {
  let failed = 0;
  for (const b of classes) { try { body(b); } catch { failed++; } }
  return failed;
};
if (runsArg === 'serve') {
  // `serve <workload>`: after "ready", one pass per line read from stdin, each answered with
  // {"ms":…,"failed":…} (bench/run.mjs alternates these passes with the Java harnesses').
  const body = bodies[workloads[0]];
  if (!body) throw new Error(`unknown workload ${workloads[0]}`);
  const pass = passOf(body);
  const { createInterface } = await import('node:readline');
  console.log('ready');
  for await (const _ of createInterface({ input: process.stdin })) {
    const t = performance.now();
    const failed = pass();
    console.log(JSON.stringify({ ms: performance.now() - t, failed }));
  }
  process.exit(0);
}
for (const name of workloads) {
  const body = bodies[name];
  if (!body) throw new Error(`unknown workload ${name}`);
  const pass = passOf(body);
  let t = performance.now();
  const failed = pass();
  const firstMs = performance.now() - t;
  const times = [];
  for (let r = 0; r < runs; r++) { t = performance.now(); pass(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ workload: name, firstMs, medianMs: times[runs >> 1], runs, classes: classes.length, failed }));
}
