// Javassist as an oracle for classforge/source: the same edit scenarios applied by the real Javassist
// (test/support/JavassistEdits.java, compiled at test time against Debian's libjavassist-java) and
// by classforge/source (applyWithClassforge, the TypeScript twin). Used by
// test/source-javassist-differential.test.ts.
//
// The scenario file has one step a line, six tab-separated fields (snippets on one line):
//   id  op  class  member  arg  snippet
// Steps sharing an id form one scenario, applied in order to a fresh pool over the fixture classes.
// `member` is `name(descriptor)`, `<init>(descriptor)`, `<clinit>`, or `*` (the whole class, for the
// ExprEditor ops). The ops and what `arg` means:
//   insertBefore, insertAfter, insertAfterFinally (insertAfter(src, true)), setBody
//   addCatch            arg: `exception.Type` or `exception.Type name`
//   insertAt            arg: the line
//   insertBeforeBody    (a constructor)
//   makeMethod, makeConstructor   CtNewMethod.make / CtNewConstructor.make, then added to the class
//   addField            CtField.make(snippet); arg: addField's initializer source, or empty
//   editCall            arg: `name` or `pkg.Owner.name` of the called method
//   editConstructorCall arg: `super` or `this`
//   editField           arg: `r:`/`w:`/`*:` (reads, writes, both) then `name` or `pkg.Owner.name`
//   editNew             arg: the class instantiated
//   editNewArray        arg: the component type
//   editCast, editInstanceof      arg: the type
//   editHandler         arg: the caught type (`finally` for a catch-all); Handler.insertBefore
// Each scenario gives the classes its steps named (after every step), or the error a step threw.

import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ClassPool,
  CtClass,
  type CtBehavior,
  CtConstructor,
  CtField,
  CtNewConstructor,
  CtNewMethod,
  ExprEditor,
  type Cast,
  type ConstructorCall,
  type FieldAccess,
  type Handler,
  type Instanceof,
  type MethodCall,
  type NewArray,
  type NewExpr,
} from '../../src/source/index.js';
import { compileJava, runJava } from '../../src/testing/index.js';

export const JAVASSIST_JAR = '/usr/share/java/javassist.jar';
export const HAVE_JAVASSIST = existsSync(JAVASSIST_JAR);

/** The harness's source (class JavassistEdits, default package). */
export const JAVASSIST_HARNESS = readFileSync(fileURLToPath(new URL('./JavassistEdits.java', import.meta.url)), 'utf8');

export type EditOp =
  | 'insertBefore'
  | 'insertAfter'
  | 'insertAfterFinally'
  | 'addCatch'
  | 'setBody'
  | 'insertAt'
  | 'insertBeforeBody'
  | 'makeMethod'
  | 'makeConstructor'
  | 'addField'
  | 'editCall'
  | 'editConstructorCall'
  | 'editField'
  | 'editNew'
  | 'editNewArray'
  | 'editCast'
  | 'editInstanceof'
  | 'editHandler';

export interface EditStep {
  op: EditOp;
  /** Dotted class name. */
  className: string;
  /** `name(descriptor)`, `<init>(descriptor)`, `<clinit>`, `*`, or '' for the class-level ops. */
  member: string;
  arg: string;
  snippet: string;
}

export interface EditScenario {
  id: string;
  steps: EditStep[];
}

/** What one tool made of one scenario: class files by internal name, or the error it threw. */
export interface EditResult {
  classes: Map<string, Uint8Array>;
  error: string | null;
}

/** The scenario file's text. */
export function formatScenarios(scenarios: readonly EditScenario[]): string {
  const lines: string[] = [];
  for (const { id, steps } of scenarios) {
    for (const step of steps) {
      const fields = [id, step.op, step.className, step.member, step.arg, step.snippet];
      for (const field of fields) {
        if (/[\t\n\r]/.test(field)) throw new Error(`scenario ${id}: a field holds a tab or a line break: ${JSON.stringify(field)}`);
      }
      lines.push(fields.join('\t'));
    }
  }
  return lines.join('\n') + '\n';
}

/** Reads a scenario file (as the harness does). */
export function parseScenarios(text: string): EditScenario[] {
  const byId = new Map<string, EditStep[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (fields.length !== 6) throw new Error(`not 6 fields: ${line}`);
    const [id, op, className, member, arg, snippet] = fields as [string, EditOp, string, string, string, string];
    let steps = byId.get(id);
    if (steps === undefined) byId.set(id, (steps = []));
    steps.push({ op, className, member, arg, snippet });
  }
  return [...byId].map(([id, steps]) => ({ id, steps }));
}

/** Compiles the harness against javassist.jar (javac's output is cached by compileJava): its directory. */
export async function compileJavassistHarness(): Promise<string> {
  return (await compileJava({ 'JavassistEdits.java': JAVASSIST_HARNESS }, { classpath: JAVASSIST_JAR })).dir;
}

/** Runs the harness over `scenarioFile`: every scenario's result by id. */
export async function applyWithJavassist(harnessDir: string, scenarioFile: string, classDir: string, outDir: string): Promise<Map<string, EditResult>> {
  const run = await runJava({ classpath: [harnessDir, JAVASSIST_JAR], mainClass: 'JavassistEdits', args: [scenarioFile, classDir, outDir] });
  if (run.exitCode !== 0) throw new Error(`Javassist harness failed (${run.exitCode}): ${run.stderr}`);
  const results = new Map<string, EditResult>();
  for (const { id } of parseScenarios(readFileSync(scenarioFile, 'utf8'))) {
    const dir = join(outDir, id);
    const classes = new Map<string, Uint8Array>();
    let error: string | null = null;
    for (const file of await listFiles(dir)) {
      if (file === 'ERROR') error = await readFile(join(dir, file), 'utf8');
      else if (file.endsWith('.class')) classes.set(file.slice(0, -'.class'.length), new Uint8Array(await readFile(join(dir, file))));
    }
    results.set(id, { classes, error });
  }
  return results;
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path, root)));
    else files.push(relative(root, path).split('\\').join('/'));
  }
  return files;
}

// ## The TypeScript twin

/** Applies the scenarios of `scenarioFile` with classforge/source, as the harness does with Javassist. */
export function applyWithClassforge(scenarioFile: string, classDir: string): Map<string, EditResult> {
  const results = new Map<string, EditResult>();
  for (const { id, steps } of parseScenarios(readFileSync(scenarioFile, 'utf8'))) {
    const pool = new ClassPool(true).appendClassPath(classDir);
    const touched = new Set<string>();
    const classes = new Map<string, Uint8Array>();
    let error: string | null = null;
    try {
      for (const step of steps) {
        applyStep(pool, step);
        touched.add(step.className);
      }
      for (const name of touched) {
        const ctClass = pool.get(name);
        classes.set(ctClass.getInternalName(), ctClass.toBytecode());
      }
    } catch (thrown) {
      error = thrown instanceof Error ? `${thrown.constructor.name}: ${thrown.message}` : String(thrown);
    }
    results.set(id, { classes: error === null ? classes : new Map(), error });
  }
  return results;
}

function behavior(cc: CtClass, member: string): CtBehavior {
  if (member === '<clinit>') {
    const initializer = cc.getClassInitializer();
    if (initializer === null) throw new Error(`${cc.getName()} has no static initializer`);
    return initializer;
  }
  const paren = member.indexOf('(');
  const name = member.slice(0, paren);
  const descriptor = member.slice(paren);
  if (name === '<init>') {
    const constructor = cc.getDeclaredConstructors().find((c) => c.getSignature() === descriptor);
    if (constructor === undefined) throw new Error(`no constructor ${descriptor} in ${cc.getName()}`);
    return constructor;
  }
  return cc.getMethod(name, descriptor);
}

function instrument(cc: CtClass, member: string, editor: ExprEditor): void {
  if (member === '*') cc.instrument(editor);
  else behavior(cc, member).instrument(editor);
}

/** `name`, or `pkg.Owner.name` to match the owner too (as the harness). */
function matches(filter: string, className: string, name: string): boolean {
  const dot = filter.lastIndexOf('.');
  if (dot < 0) return filter === name;
  return filter.slice(0, dot) === className && filter.slice(dot + 1) === name;
}

function applyStep(pool: ClassPool, step: EditStep): void {
  const cc = pool.get(step.className);
  const { member, arg, snippet: src } = step;
  switch (step.op) {
    case 'insertBefore':
      return behavior(cc, member).insertBefore(src);
    case 'insertAfter':
      return behavior(cc, member).insertAfter(src);
    case 'insertAfterFinally':
      return behavior(cc, member).insertAfter(src, true);
    case 'addCatch': {
      const [type, name] = arg.split(' ');
      return behavior(cc, member).addCatch(src, pool.get(type!), name);
    }
    case 'setBody':
      return behavior(cc, member).setBody(src);
    case 'insertAt':
      behavior(cc, member).insertAt(Number.parseInt(arg, 10), src);
      return;
    case 'insertBeforeBody': {
      const constructor = behavior(cc, member);
      if (!(constructor instanceof CtConstructor)) throw new Error(`${member} is not a constructor`);
      return constructor.insertBeforeBody(src);
    }
    case 'makeMethod':
      return cc.addMethod(CtNewMethod.make(src, cc));
    case 'makeConstructor':
      return cc.addConstructor(CtNewConstructor.make(src, cc));
    case 'addField': {
      const field = CtField.make(src, cc);
      return arg === '' ? cc.addField(field) : cc.addField(field, arg);
    }
    case 'editCall':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editMethodCall(m: MethodCall): void {
            if (matches(arg, m.getClassName(), m.getMethodName())) m.replace(src);
          }
        })(),
      );
    case 'editConstructorCall':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editConstructorCall(c: ConstructorCall): void {
            if (arg === (c.isSuper() ? 'super' : 'this')) c.replace(src);
          }
        })(),
      );
    case 'editField':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editFieldAccess(f: FieldAccess): void {
            const kind = arg.startsWith('r:') ? f.isReader() : arg.startsWith('w:') ? f.isWriter() : true;
            if (kind && matches(arg.slice(2), f.getClassName(), f.getFieldName())) f.replace(src);
          }
        })(),
      );
    case 'editNew':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editNewExpr(e: NewExpr): void {
            if (e.getClassName() === arg) e.replace(src);
          }
        })(),
      );
    case 'editNewArray':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editNewArray(a: NewArray): void {
            if (a.getComponentType().getName() === arg) a.replace(src);
          }
        })(),
      );
    case 'editCast':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editCast(c: Cast): void {
            if (c.getType().getName() === arg) c.replace(src);
          }
        })(),
      );
    case 'editInstanceof':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editInstanceof(i: Instanceof): void {
            if (i.getType().getName() === arg) i.replace(src);
          }
        })(),
      );
    case 'editHandler':
      return instrument(
        cc,
        member,
        new (class extends ExprEditor {
          override editHandler(h: Handler): void {
            const type = h.getType();
            if ((type === null ? 'finally' : type.getName()) === arg) h.insertBefore(src);
          }
        })(),
      );
    default:
      throw new Error(`unknown op ${String(step.op)}`);
  }
}
