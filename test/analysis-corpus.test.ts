// The analysis package (src/analysis) over the whole of java.base: every method of every class
// analyzes without error with BasicVerifier and with SimpleVerifier (over a class hierarchy read
// from java.base itself), and a sample with SourceInterpreter.

import { describe, expect, it } from 'vitest';
import type { ClassHierarchy } from '../src/asm/class-writer.js';
import { ClassReader } from '../src/asm/class-reader.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { Type } from '../src/asm/type.js';
import { ClassNode } from '../src/tree/class-node.js';
import { Analyzer } from '../src/analysis/analyzer.js';
import { AnalyzerException } from '../src/analysis/analyzer-exception.js';
import { BasicVerifier } from '../src/analysis/basic-verifier.js';
import { SimpleVerifier } from '../src/analysis/simple-verifier.js';
import { SourceInterpreter } from '../src/analysis/source-interpreter.js';
import type { Interpreter } from '../src/analysis/interpreter.js';
import type { Value } from '../src/analysis/value.js';
import { javaBaseClasses, type CorpusClass } from './support/corpus.js';

interface ClassInfo {
  superName: string | null;
  access: number;
  interfaces: readonly string[];
}

/** A ClassHierarchy over class files, read with ClassReader (what ClassPath does over a class path). */
function hierarchyOf(classes: readonly CorpusClass[]): ClassHierarchy {
  const infos = new Map<string, ClassInfo>();
  for (const { name, bytes } of classes) {
    if (name === 'module-info') continue;
    const reader = new ClassReader(bytes);
    infos.set(reader.getClassName(), { superName: reader.getSuperName(), access: reader.getAccess(), interfaces: reader.getInterfaces() });
  }
  return {
    getSuperName: (name) => infos.get(name)?.superName,
    isInterface: (name) => {
      const info = infos.get(name);
      return info === undefined ? undefined : (info.access & Opcodes.ACC_INTERFACE) !== 0;
    },
    getInterfaces: (name) => infos.get(name)?.interfaces,
  };
}

/** Analyzes every method of `classes` with a fresh interpreter per class; returns the failures. */
function analyzeAll(
  classes: readonly CorpusClass[],
  newInterpreter: (classNode: ClassNode) => Interpreter<Value>,
): { methods: number; failures: string[] } {
  let methods = 0;
  const failures: string[] = [];
  for (const { name, bytes } of classes) {
    if (name === 'module-info') continue;
    const classNode = new ClassNode();
    new ClassReader(bytes).accept(classNode, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    const analyzer = new Analyzer<Value>(newInterpreter(classNode));
    for (const method of classNode.methods) {
      methods++;
      try {
        analyzer.analyze(classNode.name, method);
      } catch (e) {
        failures.push(`${classNode.name}.${method.name}${method.desc}: ${e instanceof Error ? e.message : String(e)}`);
        if (!(e instanceof AnalyzerException)) failures.push(`  (not an AnalyzerException: ${String(e)})`);
      }
    }
  }
  return { methods, failures };
}

describe('analysis over java.base', () => {
  it('BasicVerifier accepts every method of every class', async () => {
    const classes = await javaBaseClasses();
    const start = performance.now();
    const { methods, failures } = analyzeAll(classes, () => new BasicVerifier());
    console.log(`BasicVerifier: ${methods} methods of ${classes.length} classes in ${Math.round(performance.now() - start)} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(methods).toBeGreaterThan(50_000);
  });

  it('SimpleVerifier accepts every method of every class, with java.base as the class hierarchy', async () => {
    const classes = await javaBaseClasses();
    const hierarchy = hierarchyOf(classes);
    const start = performance.now();
    const { methods, failures } = analyzeAll(classes, (classNode) => {
      const verifier = new SimpleVerifier(
        Type.getObjectType(classNode.name),
        classNode.superName === null ? null : Type.getObjectType(classNode.superName),
        classNode.interfaces.map((name) => Type.getObjectType(name)),
        (classNode.access & Opcodes.ACC_INTERFACE) !== 0,
      );
      verifier.setClassHierarchy(hierarchy);
      return verifier as Interpreter<Value>;
    });
    console.log(`SimpleVerifier: ${methods} methods of ${classes.length} classes in ${Math.round(performance.now() - start)} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(methods).toBeGreaterThan(50_000);
  });

  it('SourceInterpreter analyzes every method of every 20th class', async () => {
    const classes = await javaBaseClasses();
    const sample = classes.filter((_, i) => i % 20 === 5);
    const { methods, failures } = analyzeAll(sample, () => new SourceInterpreter() as Interpreter<Value>);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(methods).toBeGreaterThan(2_000);
  });
});
