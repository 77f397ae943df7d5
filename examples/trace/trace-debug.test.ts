// The debugging test shown in README.md ("Debugging a transform"), kept here so that the README stays true.
import { expect, it } from 'vitest';
import { ClassReader, TraceClassVisitor, defineTransform } from 'classforge';
import { compileJava, diffClasses, transformClasses } from 'classforge/testing';
import trace from './trace.ts';

const calc = () => compileJava({
  'com/acme/Calc.java': `package com.acme;
    public class Calc { static int twice(int x) { return 2 * x; } }`,
});

it('shows the transformed code as `classforge print` does', async () => {
  const traced = await transformClasses(await calc(), trace);
  expect(traced.status.get('com/acme/Calc')).toBe('changed');   // or 'unchanged', 'skipped' (not selected)
  let text = '';
  const printer = new TraceClassVisitor(null, { write: (s: string) => { text += s; } });
  new ClassReader(traced.classes.get('com/acme/Calc')!).accept(printer, ClassReader.SKIP_DEBUG);
  expect(text).toContain('LDC "enter com.acme.Calc.twice"');
});

it('shows what the transform changed, as `classforge diff` does', async () => {
  const program = await calc();
  const diff = diffClasses(program, await transformClasses(program, trace), { skipDebug: true });
  expect(diff.changed.map((c) => c.name)).toEqual(['com/acme/Calc']);
  expect(diff.toString()).toContain('+    LDC "enter com.acme.Calc.twice"');   // or toMatchSnapshot()
});

it('collects ctx.log lines and, with keepGoing, the failures', async () => {
  const program = await calc();
  const picky = defineTransform({
    name: 'picky',
    tree: (node, ctx) => {
      ctx.log(`${node.methods.length} methods`);
      throw new Error('not today');
    },
  });
  const result = await transformClasses(program, [trace, picky], { keepGoing: true });
  expect(result.logs).toEqual([{ transform: 'picky', className: 'com.acme.Calc', message: '2 methods' }]);
  expect(result.failures.map((f) => f.message)).toEqual(["transform 'picky' failed on com.acme.Calc: not today"]);
  expect(result.classes.get('com/acme/Calc')).toEqual(program.classes.get('com/acme/Calc')); // kept as it was
});
