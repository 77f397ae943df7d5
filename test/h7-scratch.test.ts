import { it } from 'vitest';
import { ClassReader } from '../src/asm/class-reader.js';
import { ClassWriter } from '../src/asm/class-writer.js';
import { ClassFormatError } from '../src/classfile/class-format-error.js';
import { javaBaseSample, mutate, seedClass, type SeedClass } from './support/fuzz-cases.js';
import { compileFixtureBuild, fixtureBuilds } from './support/fixture-builds.js';
import { defaultJavaHome } from './support/javac.js';
import { VisitEverything } from './support/visit-everything.js';

it('scratch', async () => {
  const corpus: SeedClass[] = [];
  const f = await compileFixtureBuild(fixtureBuilds()[0]!);
  for (const c of f.classes) corpus.push(seedClass(c.name, c.bytes));
  corpus.push(...javaBaseSample(defaultJavaHome(), 'jdk17', 160, 48000));
  const steps = new Map<string, number>();
  const msgs = new Map<string, number>();
  const v = new VisitEverything();
  for (let i = 0; i < 3000; i++) {
    const c = mutate(7, i, corpus);
    let step = 'ctor';
    try {
      const r = new ClassReader(c.bytes);
      step = 'accept0'; r.accept(v, 0);
      step = 'skipdebug'; r.accept(v, ClassReader.SKIP_DEBUG);
      step = 'expand'; r.accept(v, ClassReader.EXPAND_FRAMES);
      step = 'cw0'; const w = new ClassWriter(0); r.accept(w, 0); w.toByteArray();
      step = 'copy'; const w2 = new ClassWriter(r, 0); r.accept(w2, 0); w2.toByteArray();
      step = 'ok';
    } catch (e) {
      if (!(e instanceof ClassFormatError)) throw e;
      const m = e.message.replace(/\d+/g, 'N').slice(0, 70);
      msgs.set(step + ' ' + m, (msgs.get(step + ' ' + m) ?? 0) + 1);
    }
    steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  console.log([...steps]);
  console.log([...msgs].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, n]) => n + ' ' + k).join('\n'));
});
