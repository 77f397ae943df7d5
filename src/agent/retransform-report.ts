// # What `classforge attach` says about the retransformations it asked the JVM for
//
// The JVM refuses a retransformed class that changes more than method bodies (JVMS does not say
// so; java.lang.instrument.Instrumentation.retransformClasses does: "The retransformation must not
// add, remove or rename fields or methods, change the signatures of methods, or change
// inheritance"), with a terse UnsupportedOperationException. These lines name the class and say
// what the transform did that a loaded class cannot take, with the JVM's own words after.

import type { RetransformOutcome } from './agent-protocol.js';

/** "1 class", "2 classes". */
export function plural(count: number, singular: string, pluralForm = singular.endsWith('s') ? `${singular}es` : `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** HotSpot's refusals (jvmtiRedefineClasses.cpp, via JPLIS's error mapping) in user terms. */
const REFUSALS: readonly [RegExp, string][] = [
  [/attempted to change the schema/, 'the transform adds or removes fields'],
  // The likely cause in a source-style transform: javac and classforge/source make each lambda a method of its class.
  [/attempted to add a method/, 'the transform adds a method (a classforge/source snippet makes none here: its lambda bodies go to a companion class)'],
  [/attempted to delete a method/, 'the transform removes a method'],
  [/attempted to change superclass or interfaces/, 'the transform changes the superclass or the interfaces'],
  [/attempted to change the class modifiers/, "the transform changes the class's modifiers"],
  [/attempted to change method modifiers/, "the transform changes a method's modifiers"],
  [/attempted to change the class (NestHost|name)|NestMembers|PermittedSubclasses|Record/, 'the transform changes the class name or its nest, record or permitted-subclasses attributes'],
];

/** One refusal, explained: what the transform did, what a loaded class can take, the JVM's message. */
export function explainRefusal(reason: string): string {
  for (const [pattern, what] of REFUSALS) {
    if (pattern.test(reason)) {
      return `${what}, which a loaded class cannot take (retransformation changes method bodies only; ` +
        `classes transformed as they load, with classforge run or -javaagent, can take it) [JVM: ${reason}]`;
    }
  }
  if (/VerifyError|ClassFormatError|LinkageError/.test(reason)) return `the JVM rejected the transformed class [JVM: ${reason}]`;
  return reason;
}

/** The lines naming each refused class (and how many more the JVM's stderr names). */
export function refusalLines(outcome: RetransformOutcome): string[] {
  const lines = outcome.failures.map((failure) => `classforge: cannot retransform ${failure.className}: ${explainRefusal(failure.reason)}`);
  const unnamed = outcome.failed - outcome.failures.length;
  if (unnamed > 0 && outcome.failures.length > 0) lines.push(`classforge: ${plural(unnamed, 'more class', 'more classes')} could not be retransformed (the JVM's standard error names them)`);
  return lines;
}
