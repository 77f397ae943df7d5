// The test shown in README.md ("Testing your transforms"), kept here so that the README stays true.
import { expect, it } from 'vitest';
import { compileJava, runJava, transformClasses, verifyClasses } from 'classforge/testing';
import trace from './trace.ts';

it('logs each method entry', async () => {
  const program = await compileJava({
    'com/acme/Hello.java': `package com.acme;
      public class Hello { public static void main(String[] a) { System.out.println("hi"); } }`,
  });
  const traced = await transformClasses(program, trace, { options: { prefix: 'enter' } });
  expect(traced.changed).toEqual(['com/acme/Hello']);

  const run = await runJava({ classpath: traced, mainClass: 'com.acme.Hello', verify: true }); // java -Xverify:all
  expect(run.stdout).toBe('enter com.acme.Hello.main\nhi\n');
  expect((await verifyClasses(traced)).failures).toEqual([]);
});
