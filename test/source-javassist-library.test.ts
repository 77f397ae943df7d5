// classforge/source against the real Javassist on a real library: a trace inserted into every method of
// commons-lang3 (insertBefore with $args; insertAfter with $args and ($w)$_, also as a finally block), or
// around every call, `new` and static field read (ExprEditor: $proceed, $$, $args, $_), by
// Javassist 3.27 (test/support/JavassistTraceEveryMethod.java) and by classforge/source (the same calls
// and snippets below); 11,000+ calls of the library's static methods (test/support/CallStaticMethods.java)
// must print the same trace under -Xverify:all. The fixture-sized scenarios are in
// source-javassist-differential.test.ts; this one is about the variety of real methods.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CannotCompileException, ClassPool, ExprEditor, type FieldAccess, type MethodCall, Modifier, type NewExpr } from '../src/source/index.js';
import { type CompiledClasses, compileJava, runJava } from '../src/testing/index.js';
import { toClassFiles } from '../src/testing/class-files.js';
import { JAVASSIST_JAR } from './support/javassist-oracle.js';
import { COMMONS_LANG3, callLibrary, commonsLang3, compileCaller, expectSameTrace } from './support/library-calls.js';

const HARNESS = readFileSync(fileURLToPath(new URL('./support/JavassistTraceEveryMethod.java', import.meta.url)), 'utf8');

type Mode = 'around' | 'around-finally' | 'expressions';

/** The `expressions` mode's editor (JavassistTraceEveryMethod.Expressions). */
class Expressions extends ExprEditor {
  edits = 0;

  override editMethodCall(call: MethodCall): void {
    if (call.getClassName().startsWith('tracing.') || call.where().getMethodInfo().isStaticInitializer()) return;
    call.replace(`{ tracing.TraceText.line("call ${call.getClassName()}.${call.getMethodName()} " + tracing.TraceText.all($args)); $_ = $proceed($$); }`);
    this.edits++;
  }

  override editNewExpr(expression: NewExpr): void {
    if (expression.where().getMethodInfo().isStaticInitializer()) return;
    expression.replace(`{ $_ = $proceed($$); tracing.TraceText.line("new ${expression.getClassName()} " + tracing.TraceText.all($args)); }`);
    this.edits++;
  }

  override editFieldAccess(access: FieldAccess): void {
    if (access.where().getMethodInfo().isStaticInitializer() || !access.isReader() || !access.isStatic() || access.getClassName().startsWith('java.')) return;
    access.replace(`{ $_ = $proceed(); tracing.TraceText.line("get ${access.getFieldName()} = " + tracing.TraceText.one(($w)$_)); }`);
    this.edits++;
  }
}

/** JavassistTraceEveryMethod's edits with classforge/source: the classes written, the edits made and what was refused. */
function traceWithClassforge(classDir: string, tracing: string, mode: Mode): { classes: Map<string, Uint8Array>; done: number; refused: string[] } {
  const pool = new ClassPool(true);
  pool.appendClassPath(classDir);
  pool.appendClassPath(tracing);
  const classes = new Map<string, Uint8Array>();
  const refused: string[] = [];
  let done = 0;
  const names = [...toClassFiles(classDir).keys()].filter((name) => !name.endsWith('module-info')).sort();
  for (const name of names) {
    const type = pool.get(name.replace(/\//g, '.'));
    if (mode === 'expressions') {
      const editor = new Expressions();
      try {
        type.instrument(editor);
        done += editor.edits;
      } catch (error) {
        if (!(error instanceof CannotCompileException)) throw error;
        refused.push(name);
      }
    } else {
      for (const method of type.getDeclaredMethods()) {
        const modifiers = method.getModifiers();
        if (Modifier.isAbstract(modifiers) || Modifier.isNative(modifiers) || (method.getMethodInfo().getAccessFlags() & 0x1000) !== 0) continue;
        const where = `${type.getName()}.${method.getName()}${method.getSignature()}`;
        try {
          method.insertBefore(`tracing.TraceText.line("> ${where} " + tracing.TraceText.all($args));`);
          method.insertAfter(`tracing.TraceText.line("< ${method.getName()} " + tracing.TraceText.all($args) + " = " + tracing.TraceText.one(($w)$_));`, mode === 'around-finally');
          done++;
        } catch (error) {
          if (!(error instanceof CannotCompileException)) throw error;
          refused.push(where);
        }
      }
    }
    classes.set(name, type.toBytecode());
  }
  return { classes, done, refused };
}

describe.skipIf(!existsSync(JAVASSIST_JAR) || !existsSync(COMMONS_LANG3))('classforge/source = Javassist on every method of commons-lang3', () => {
  let scratch = '';
  let library: { classes: Map<string, Uint8Array>; dir: string };
  let caller: CompiledClasses;
  let harness: CompiledClasses;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'classforge-javassist-library-'));
    [library, caller, harness] = await Promise.all([
      commonsLang3(scratch),
      compileCaller(),
      compileJava({ 'JavassistTraceEveryMethod.java': HARNESS }, { classpath: JAVASSIST_JAR }),
    ]);
  }, 120_000);
  afterAll(async () => {
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  });

  it.each([
    ['insertBefore and insertAfter on every method', 'around', 3000],
    ['insertBefore and insertAfter(…, true) on every method', 'around-finally', 3000],
    ['ExprEditor: every call, new and static field read replaced', 'expressions', 9000],
  ] as const)('%s: the same trace of 11,000+ calls', async (_title, mode, minimumEdits) => {
    const out = join(scratch, `javassist-${mode}`);
    const run = await runJava({
      classpath: [JAVASSIST_JAR, harness.dir],
      mainClass: 'JavassistTraceEveryMethod',
      args: [library.dir, out, caller.dir, mode],
    });
    expect(run.exitCode).toBe(0);
    const theirs = /done (\d+) refused (\d+)/.exec(run.stderr);
    const ours = traceWithClassforge(library.dir, caller.dir, mode);
    // Every method (3,220 in commons-lang3 3.12) or expression (10,162) edited by both, none refused.
    expect(Number(theirs?.[2])).toBe(0);
    expect(ours.refused).toEqual([]);
    expect(ours.done).toBe(Number(theirs?.[1]));
    expect(ours.done).toBeGreaterThan(minimumEdits);
    const [expected, actual] = await Promise.all([callLibrary(toClassFiles(out), caller), callLibrary(ours.classes, caller)]);
    expectSameTrace(actual, expected, 11_000);
  }, 240_000);
});
