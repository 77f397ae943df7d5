// What `classforge attach` says about classes the JVM refused to retransform: HotSpot's terse
// UnsupportedOperationException reasons, explained in the transform's terms (src/agent/retransform-report.ts).
// The attach tests see these lines from real JVMs; here every known reason and the counting are checked.
import { describe, expect, it } from 'vitest';
import { explainRefusal, refusalLines } from '../src/agent/retransform-report.js';

const JVM = 'java.lang.UnsupportedOperationException: class redefinition failed:';

describe('retransformation refusals', () => {
  it('say what the transform did, in its terms, with the JVM words after', () => {
    expect(explainRefusal(`${JVM} attempted to add a method`)).toBe(
      'the transform adds a method (a classforge/source snippet makes none here: its lambda bodies go to a companion class), ' +
        'which a loaded class cannot take (retransformation changes method bodies only; classes transformed as they load, with classforge run or -javaagent, can take it) ' +
        `[JVM: ${JVM} attempted to add a method]`,
    );
    expect(explainRefusal(`${JVM} attempted to change the schema (add/remove fields)`)).toMatch(/^the transform adds or removes fields, which a loaded class cannot take/);
    expect(explainRefusal(`${JVM} attempted to delete a method`)).toMatch(/^the transform removes a method, /);
    expect(explainRefusal(`${JVM} attempted to change superclass or interfaces`)).toMatch(/^the transform changes the superclass or the interfaces, /);
    expect(explainRefusal('java.lang.VerifyError: Bad type on operand stack')).toBe('the JVM rejected the transformed class [JVM: java.lang.VerifyError: Bad type on operand stack]');
    // A reason we do not know stays the JVM's own.
    expect(explainRefusal('java.lang.InternalError: something else')).toBe('java.lang.InternalError: something else');
  });

  it('name each refused class, and count those only the JVM names', () => {
    const lines = refusalLines({ retransformed: 3, failed: 4, changed: 3, failures: [{ className: 'app.A', reason: `${JVM} attempted to add a method` }], timedOut: 0 } as never);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^classforge: cannot retransform app\.A: the transform adds a method /);
    expect(lines[1]).toBe("classforge: 3 more classes could not be retransformed (the JVM's standard error names them)");
  });
});
