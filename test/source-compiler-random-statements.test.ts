// classforge/source's compiler against javac on random control flow: seeded method bodies of nested
// loops (for, while, do, labeled), switch with fall-through, try/catch/finally (finally blocks run on
// break, continue, return and throw), conditional throws and early returns, all logging to a
// StringBuilder. Each body is compiled by javac in one build and through setBody in another; both
// programs must print the same log under -Xverify:all. Lambdas with bodies of their own control flow
// are among the statements. Loops are bounded, jumps are conditional (no
// unreachable code, which javac rejects).
import { describe, it } from 'vitest';
import { expectSameAsJavac, seedFromEnvironment, seededRandom } from './support/javac-differential.js';


interface Scope {
  /** Int variables readable here. */
  readonly variables: readonly string[];
  /** Labels of the enclosing loops, innermost last (null: unlabeled). */
  readonly loops: readonly (string | null)[];
  /** Whether a switch encloses this point (break is legal). */
  readonly inSwitch: boolean;
  /** Inside a switch expression's arm: no return (JLS §15.28.1). */
  readonly inSwitchExpression?: boolean;
}

class StatementGenerator {
  private counter = 0;

  constructor(private readonly next: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  private condition(scope: Scope): string {
    const v = this.pick(scope.variables);
    const w = this.pick(scope.variables);
    return this.pick([`(${v} + ${w}) % 3 == 0`, `${v} > ${Math.floor(this.next() * 3)}`, `${v} == ${w}`, `(${v} & 1) != 0`, `${v} * 2 < ${w} + 3`]);
  }

  private log(scope: Scope): string {
    const v = this.pick(scope.variables);
    return `sb.append('${String.fromCharCode(97 + Math.floor(this.next() * 26))}').append(${v});`;
  }

  block(scope: Scope, depth: number): string {
    const count = 1 + Math.floor(this.next() * 3);
    const statements: string[] = [];
    for (let i = 0; i < count; i++) statements.push(this.statement(scope, depth));
    return `{ ${statements.join(' ')} }`;
  }

  statement(scope: Scope, depth: number): string {
    const id = this.counter++;
    const options = scope.inSwitchExpression === true ? ['log', 'log', 'throw'] : ['log', 'log', 'throw', 'return'];
    // Nesting ends somewhere: below depth 0 only simple statements.
    if (depth >= 0) options.push('if');
    if (depth > 0) options.push('for', 'while', 'do', 'switch', 'try', 'try', 'labeled');
    // Constructs whose exits copy code (finally inlining) stay shallow: nested, they grow past javac's 64 KB.
    if (depth > 0 && depth <= 2) options.push('switchExpression', 'resource', 'lambda');
    // Not in a switch expression's arm: there javac (17 and 25) writes a synchronized block's
    // monitor-exit handler with a frame that keeps the spilled stack, which HotSpot refuses.
    if (depth > 0 && depth <= 2 && scope.inSwitchExpression !== true) options.push('sync');
    if (scope.loops.length > 0) options.push('break', 'continue');
    if (scope.inSwitch) options.push('break');
    switch (this.pick(options)) {
      case 'if':
        return `if (${this.condition(scope)}) ${this.block(scope, depth - 1)} else ${this.block(scope, depth - 1)}`;
      case 'throw':
        return `if (${this.condition(scope)}) throw new IllegalStateException("t${id}");`;
      case 'return':
        return `if (${this.condition(scope)}) return sb.append("r${id}").toString();`;
      case 'break': {
        const labeled = scope.loops.filter((label) => label !== null);
        const target = labeled.length > 0 && this.next() < 0.4 ? ` ${this.pick(labeled)}` : '';
        return `if (${this.condition(scope)}) break${target};`;
      }
      case 'continue': {
        const labeled = scope.loops.filter((label) => label !== null);
        const target = labeled.length > 0 && this.next() < 0.4 ? ` ${this.pick(labeled)}` : '';
        return `if (${this.condition(scope)}) continue${target};`;
      }
      case 'for': {
        const v = `i${id}`;
        return `for (int ${v} = 0; ${v} < 3; ${v}++) ${this.block(this.loopScope(scope, v, null), depth - 1)}`;
      }
      case 'labeled': {
        const v = `i${id}`;
        const label = `L${id}`;
        return `${label}: for (int ${v} = 0; ${v} < 3; ${v}++) ${this.block(this.loopScope(scope, v, label), depth - 1)}`;
      }
      case 'while': {
        const v = `w${id}`;
        // The counter moves first, so that a continue cannot loop forever.
        const body = this.block(this.loopScope(scope, v, null), depth - 1);
        return `{ int ${v} = 0; while (${v} < 3) { ${v}++; ${body} } }`;
      }
      case 'do': {
        const v = `d${id}`;
        const body = this.block(this.loopScope(scope, v, null), depth - 1);
        return `{ int ${v} = 0; do { ${v}++; ${body} } while (${v} < 2); }`;
      }
      case 'switch': {
        const v = this.pick(scope.variables);
        const inner: Scope = { ...scope, inSwitch: true };
        const cases = [0, 1, 2].map((k) => `case ${k}: ${this.statement(inner, depth - 1)} ${this.next() < 0.5 ? 'break;' : ''}`).join(' ');
        return `switch (${v} % 4) { ${cases} default: ${this.log(scope)} }`;
      }
      case 'try': {
        const tryBlock = this.block(scope, depth - 1);
        const withCatch = this.next() < 0.7;
        const withFinally = !withCatch || this.next() < 0.6;
        const catchClause = withCatch ? ` catch (IllegalStateException e${id}) { sb.append("c").append(e${id}.getMessage()); ${this.next() < 0.3 ? `if (${this.condition(scope)}) throw e${id};` : ''} }` : '';
        const finallyClause = withFinally ? ` finally { sb.append("f${id}"); ${this.next() < 0.2 && scope.loops.length > 0 ? `if (${this.condition(scope)}) continue;` : ''} }` : '';
        return `try ${tryBlock}${catchClause}${finallyClause}`;
      }
      case 'sync':
        // The monitor is released on every exit (a hidden finally).
        return `synchronized (sb) ${this.block(scope, 0)}`;
      case 'switchExpression': {
        const v = this.pick(scope.variables);
        const inner: Scope = { variables: scope.variables, loops: [], inSwitch: false, inSwitchExpression: true };
        // An arm may hold a try (or a loop, a nested switch…): below the switch are sb, and for the
        // concatenation an int, which a handler's empty stack would lose (spilled, as javac does).
        const arms = [0, 1].map((k) => `case ${k} -> { ${this.statement(inner, this.next() < 0.5 ? 1 : 0)} yield ${k * 10} + ${v}; }`).join(' ');
        const value = `switch (${v} % 3) { ${arms} default -> ${v}; }`;
        return this.next() < 0.5 ? `sb.append(${value});` : `sb.append("v" + ${v} + ${value});`;
      }
      case 'lambda': {
        // A lambda whose block body is control flow of its own: its returns, throws, loops and finally
        // blocks are the lambda's (JLS §15.27.2). It captures sb and k, never assigned (effectively final).
        const inner: Scope = { variables: ['k'], loops: [], inSwitch: false };
        const body = this.block(inner, 1);
        return `{ java.util.function.Supplier<String> f${id} = () -> { ${body} return "l${id}"; }; sb.append(f${id}.get()); }`;
      }
      case 'resource': {
        const name = `r${id}`;
        return `try (java.io.StringWriter ${name} = new java.io.StringWriter()) { ${name}.write("w"); sb.append(${name}); ${this.statement(scope, 0)} } catch (java.io.IOException e${id}) { sb.append("io"); }`;
      }
      default:
        return this.log(scope);
    }
  }

  private loopScope(scope: Scope, variable: string, label: string | null): Scope {
    return { variables: [...scope.variables, variable], loops: [...scope.loops, label], inSwitch: false, inSwitchExpression: scope.inSwitchExpression ?? false };
  }
}

const COUNT = 120;
const PER_CLASS = 40;

function generate(seed: number): string[] {
  const generator = new StatementGenerator(seededRandom(seed));
  const bodies: string[] = [];
  for (let n = 0; n < COUNT; n++) {
    const scope: Scope = { variables: ['k'], loops: [], inSwitch: false };
    bodies.push(`StringBuilder sb = new StringBuilder(); int k = ${n % 5}; ${generator.block(scope, 3)} return sb.toString();`);
  }
  return bodies;
}


describe('random control flow compiled by classforge/source and by javac', () => {
  it(`gives the same logs under -Xverify:all (${COUNT} method bodies)`, async () => {
    const bodies = generate(seedFromEnvironment(20261205));
    await expectSameAsJavac(bodies, { classPrefix: 'S', methodPrefix: 's', perClass: PER_CLASS });
  });
});
