// classforge/source's compiler against javac on random expressions: seeded, type-correct Java
// expressions over locals of every primitive type, boxes and strings (promotions, conversions,
// casts, shifts, compound assignments, increments, ternaries, concatenation), each the body of a
// method compiled by javac in one build and through setBody in another; both programs must print the
// same values (and throw the same exceptions) under -Xverify:all.
import { describe, it } from 'vitest';
import { expectSameAsJavac, seedFromEnvironment, seededRandom } from './support/javac-differential.js';

type Kind = 'int' | 'long' | 'float' | 'double' | 'char' | 'byte' | 'short' | 'boolean' | 'Integer' | 'Long' | 'Double' | 'String';

const NUMERIC: Kind[] = ['int', 'long', 'float', 'double', 'char', 'byte', 'short', 'Integer', 'Long', 'Double'];
const INTEGRAL: Kind[] = ['int', 'long', 'char', 'byte', 'short', 'Integer', 'Long'];
const LOCALS: Record<Kind, string[]> = {
  int: ['i', 'j'],
  long: ['l'],
  float: ['f'],
  double: ['d'],
  char: ['c'],
  byte: ['b'],
  short: ['s'],
  boolean: ['z'],
  Integer: ['bi'],
  Long: ['bl'],
  Double: ['bd'],
  String: ['str'],
};
const DECLARATIONS =
  'int i = 7, j = -3; long l = 5000000000L; float f = 2.5f; double d = -0.75; char c = \'k\'; byte b = (byte) -100; short s = 1234; ' +
  'boolean z = true; Integer bi = 42; Long bl = -9L; Double bd = 3.0; String str = "s"; ' +
  'int[] ia = {4, -5, 6}; long[] la = {7L, 1L << 40}; double[] da = {0.5, -2}; int k2 = 2; ' +
  // Generic locals: member types substituted from type arguments, javac's casts, unboxing, inference.
  'java.util.List<Integer> gl = new java.util.ArrayList<>(java.util.List.of(3, -4, 5)); ' +
  'java.util.Map<Character, Long> gm = new java.util.HashMap<>(java.util.Map.of(\'k\', 11L)); ' +
  'java.util.List<String> gs = java.util.List.of("ab", "cde"); ' +
  'java.util.List<java.util.List<Double>> gn = java.util.List.of(java.util.List.of(1.5, -0.25));';


const promote = (kind: Kind): Kind => (({ char: 'int', byte: 'int', short: 'int', Integer: 'int', Long: 'long', Double: 'double' }) as Partial<Record<Kind, Kind>>)[kind] ?? kind;
const RANK: Kind[] = ['int', 'long', 'float', 'double'];
const binaryPromotion = (a: Kind, b: Kind): Kind => RANK[Math.max(RANK.indexOf(promote(a)), RANK.indexOf(promote(b)))]!;

class ExpressionGenerator {
  constructor(private readonly next: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An expression of a category: numeric (any numeric kind), integral, boolean or string; returns [text, kind]. */
  expression(category: 'numeric' | 'integral' | 'boolean' | 'string', depth: number): [string, Kind] {
    const leaf = depth <= 0 || this.next() < 0.25;
    if (category === 'boolean') {
      if (leaf) return [this.pick(['z', 'true', '!z']), 'boolean'];
      const choice = this.pick(['compare', 'logic', 'not', 'equal']);
      if (choice === 'compare') {
        const [a] = this.expression('numeric', depth - 1);
        const [b] = this.expression('numeric', depth - 1);
        const op = this.pick(['<', '>', '<=', '>=', '==', '!=']);
        // == between two boxes of different classes does not compile (JLS §15.21.3): compare numbers.
        return op === '==' || op === '!=' ? [`(${a} ${op} (+ ${b}))`, 'boolean'] : [`(${a} ${op} ${b})`, 'boolean'];
      }
      if (choice === 'logic') {
        const [a] = this.expression('boolean', depth - 1);
        const [b] = this.expression('boolean', depth - 1);
        return [`(${a} ${this.pick(['&&', '||', '&', '|', '^'])} ${b})`, 'boolean'];
      }
      if (choice === 'equal') {
        if (this.next() < 0.5) return [`(str == ${this.pick(['null', 'str'])})`, 'boolean'];
        // An argument boxed to Object (int to Integer, char to Character…): contains compares boxes.
        const [a] = this.expression('integral', depth - 1);
        return [`gl.contains(${a})`, 'boolean'];
      }
      const [a] = this.expression('boolean', depth - 1);
      return [`!(${a})`, 'boolean'];
    }
    if (category === 'string') {
      if (leaf) return [this.pick(['str', '"t"', 'String.valueOf(c)', 'gs.get(1)', 'gs.get(0).concat(str)']), 'String'];
      const [a] = this.expression(this.pick(['numeric', 'boolean', 'string'] as const), depth - 1);
      return [`(str + ${a})`, 'String'];
    }
    const kinds = category === 'integral' ? INTEGRAL : NUMERIC;
    if (leaf) {
      if (this.next() < 0.3) {
        const literal = this.pick(category === 'integral' ? ['3', '-1', '0x7f', '12L', "'z'", '2147483647', '-2147483648'] : ['3', '-1', '2.5', '0.1f', '7L', "'a'", '1e10', '-0.0']);
        const kind: Kind = literal.endsWith('L') ? 'long' : literal.startsWith("'") ? 'char' : literal.endsWith('f') ? 'float' : /[.e]/.test(literal) ? 'double' : 'int';
        return [literal, kind];
      }
      const kind = this.pick(kinds);
      return [this.pick(LOCALS[kind]), kind];
    }
    const choice = this.pick(['arith', 'arith', 'shift', 'bits', 'unary', 'cast', 'ternary', 'assign', 'increment', 'boxedAssign', 'call', 'array', 'array', 'generic', 'lambda']);
    switch (choice) {
      case 'lambda': {
        // Lambdas and method references through functional interfaces, primitive and generic ones;
        // they capture k2 and str only (never assigned: effectively final, JLS §15.27.2).
        const [a] = this.expression('integral', depth - 1);
        const [b] = this.expression('integral', depth - 1);
        const options: [string, Kind][] = [
          [`((java.util.function.IntBinaryOperator) (x, y) -> x * k2 - y).applyAsInt((int) (+ ${a}), (int) (+ ${b}))`, 'int'],
          [`java.util.stream.IntStream.of((int) (+ ${a}), k2).map(v -> v + k2).sum()`, 'int'],
          [`((java.util.function.LongBinaryOperator) Math::max).applyAsLong(${a}, ${b})`, 'long'],
          [`((java.util.function.ToIntFunction<String>) String::length).applyAsInt(str + ${a})`, 'int'],
          [`(+ java.util.Optional.of((int) (+ ${a})).map(v -> v * 2 + k2).get())`, 'int'],
        ];
        if (category === 'numeric') {
          const [n] = this.expression('numeric', depth - 1);
          options.push([`((java.util.function.DoubleUnaryOperator) w -> w / 2 + k2).applyAsDouble(${n})`, 'double']);
        }
        return this.pick(options);
      }
      case 'generic': {
        // Results typed by type arguments (List<Integer>.get is an Integer), generic methods
        // inferred from their arguments, and a set() whose side effect later reads see.
        const [value] = this.expression('integral', depth - 1);
        const options: [string, Kind][] = [
          [`gl.get(${this.pick(['0', '2', '(k2 % 3)'])})`, 'Integer'],
          [`gm.get('k')`, 'Long'],
          [`gs.get(${this.pick(['0', '1'])}).length()`, 'int'],
          // A generic method's T result is no numeric operand of ?: (JLS §15.25): unary plus makes it one.
          [`(+ java.util.Objects.requireNonNull(bi))`, 'int'],
          [`(+ java.util.Optional.of((int) (+ ${value})).get())`, 'int'],
          [`gl.set(${this.pick(['0', '1'])}, (int) (+ ${value}))`, 'Integer'],
        ];
        if (category === 'numeric') options.push([`gn.get(0).get(${this.pick(['0', '1'])})`, 'Double']);
        return this.pick(options);
      }
      case 'arith': {
        const [a, ka] = this.expression(category, depth - 1);
        const [b, kb] = this.expression(category, depth - 1);
        return [`(${a} ${this.pick(['+', '-', '*', '/', '%'])} ${b})`, binaryPromotion(ka, kb)];
      }
      case 'shift': {
        const [a, ka] = this.expression('integral', depth - 1);
        const [b] = this.expression('integral', depth - 1);
        return [`(${a} ${this.pick(['<<', '>>', '>>>'])} ${b})`, promote(ka)];
      }
      case 'bits': {
        const [a, ka] = this.expression('integral', depth - 1);
        const [b, kb] = this.expression('integral', depth - 1);
        return [`(${a} ${this.pick(['&', '|', '^'])} ${b})`, binaryPromotion(ka, kb)];
      }
      case 'unary': {
        if (category === 'integral' || this.next() < 0.4) {
          const [a, ka] = this.expression('integral', depth - 1);
          return [`(${this.pick(["-", "~", "+"])} ${a})`, promote(ka)];
        }
        const [a, ka] = this.expression('numeric', depth - 1);
        return [`(- ${a})`, promote(ka)];
      }
      case 'cast': {
        const target = this.pick(category === 'integral' ? (['int', 'long', 'char', 'byte', 'short'] as const) : (['int', 'long', 'char', 'byte', 'short', 'float', 'double'] as const));
        // Unary plus unboxes first: a cast may not unbox and narrow at once (JLS §5.5), (char) bi is an error.
        const [a] = this.expression('numeric', depth - 1);
        return [`((${target}) (+${a}))`, target];
      }
      case 'ternary': {
        const [condition] = this.expression('boolean', depth - 1);
        const [a, ka] = this.expression(category, depth - 1);
        const [b, kb] = this.expression(category, depth - 1);
        // Same kinds give that kind (a box stays a box); otherwise numeric promotion (JLS §15.25).
        return [`(${condition} ? ${a} : ${b})`, ka === kb ? ka : binaryPromotion(ka, kb)];
      }
      case 'assign': {
        const kind = this.pick(category === 'integral' ? (['int', 'long', 'char', 'byte', 'short'] as const) : (['int', 'long', 'float', 'double', 'char', 'byte', 'short'] as const));
        const variable = this.pick(LOCALS[kind]);
        const [value] = this.expression(category === 'integral' ? 'integral' : 'numeric', depth - 1);
        // Compound assignment narrows implicitly (JLS §15.26.2): any numeric right side is fine.
        const op = this.pick(['+=', '-=', '*=', '|=', '<<=', '>>='].filter((o) => (o === '|=' || o === '<<=' || o === '>>=' ? kind !== 'float' && kind !== 'double' && category === 'integral' : true)));
        return [`(${variable} ${op} ${value})`, kind];
      }
      case 'boxedAssign': {
        // Compound assignment to a box unboxes, operates and boxes again (JLS §15.26.2); the right
        // side must not need a narrowing to the box's primitive, which javac rejects.
        const target = this.pick(category === 'integral' ? (['bi', 'bl'] as const) : (['bi', 'bl', 'bd'] as const));
        const [value] = this.expression(target === 'bd' ? 'numeric' : 'integral', depth - 1);
        const safe = target === 'bi' ? `((int) (+ ${value}))` : target === 'bl' ? `((long) (+ ${value}))` : value;
        return [`(${target} ${this.pick(['+=', '-=', '*='])} ${safe})`, target === 'bi' ? 'Integer' : target === 'bl' ? 'Long' : 'Double'];
      }
      case 'array': {
        // Array elements as operands and targets: the index (with its side effects) is evaluated once,
        // before the right side (JLS §15.26.1); an index out of range throws, as javac's code does.
        const array = this.pick(category === 'integral' ? (['ia', 'la'] as const) : (['ia', 'la', 'da'] as const));
        const index = this.pick(['0', '1', '(j & 1)', '(i++ & 1)', '(--j & 1)', '(k2 % 3)']);
        const kind: Kind = array === 'ia' ? 'int' : array === 'la' ? 'long' : 'double';
        if (this.next() < 0.5) return [`${array}[${index}]`, kind];
        const [value] = this.expression(array === 'da' ? 'numeric' : 'integral', depth - 1);
        return [`(${array}[${index}] ${this.pick(['+=', '-=', '*=', '='])} ${array === 'da' ? value : `(${kind}) (+ ${value})`})`, kind];
      }
      case 'call': {
        // Overload resolution on JDK methods (JLS §15.12.2) with arguments of every numeric kind.
        const method = this.pick(category === 'integral' ? ['Math.max', 'Math.min', 'Long.sum'] : ['Math.max', 'Math.min', 'Long.sum', 'Double.sum']);
        const [a, ka] = this.expression(method === 'Long.sum' ? 'integral' : category, depth - 1);
        const [b, kb] = this.expression(method === 'Long.sum' ? 'integral' : category, depth - 1);
        if (method === 'Long.sum') return [`Long.sum(${a}, ${b})`, 'long'];
        if (method === 'Double.sum') return [`Double.sum(${a}, ${b})`, 'double'];
        return [`${method}(${a}, ${b})`, binaryPromotion(ka, kb)];
      }
      default: {
        const kind = this.pick(category === 'integral' ? (['int', 'long', 'char', 'byte', 'short', 'Integer'] as const) : (['int', 'long', 'char', 'byte', 'short', 'double', 'Integer'] as const));
        const variable = this.pick(LOCALS[kind]);
        return this.next() < 0.5 ? [`(${variable}++)`, kind] : [`(--${variable})`, kind];
      }
    }
  }
}

const COUNT = 240;
const PER_CLASS = 80;

function generate(): string[] {
  const generator = new ExpressionGenerator(seededRandom(seedFromEnvironment(20261205)));
  const bodies: string[] = [];
  for (let n = 0; n < COUNT; n++) {
    const category = (['numeric', 'numeric', 'integral', 'boolean', 'string'] as const)[n % 5]!;
    const [expression] = generator.expression(category, 4);
    bodies.push(`${DECLARATIONS} Object result = ${expression}; return String.valueOf(result) + " " + i + j + l + f + d + c + b + s + bi + ia[0] + ia[1] + la[1] + da[0] + gl;`);
  }
  return bodies;
}


describe('random expressions compiled by classforge/source and by javac', () => {
  it(`give the same values and exceptions under -Xverify:all (${COUNT} expressions)`, async () => {
    const bodies = generate();
    await expectSameAsJavac(bodies, { classPrefix: 'R', methodPrefix: 'e', perClass: PER_CLASS });
  });
});
