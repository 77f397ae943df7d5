// # Javassist's CtMethod.ConstParameter: the constant CtNewMethod.wrapped passes to its body
//
// A wrapped method calls its body as `body(Object[] args, <constant>)`: `ConstParameter.integer(3)`
// passes an int, `ConstParameter.integer(3n)` a long (Java's integer(long) overload: a bigint here),
// `ConstParameter.string("tag")` a String.

export class ConstParameter {
  private constructor(
    /** The constant's type descriptor. */
    readonly descriptor: string,
    /** The constant as Java source. */
    readonly source: string,
  ) {}

  static integer(value: number | bigint): ConstParameter {
    if (typeof value === 'bigint') return new ConstParameter('J', `${BigInt.asIntN(64, value)}L`);
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`not an int: ${value} (pass a bigint for a long)`);
    return new ConstParameter('I', `(${value})`);
  }

  static string(value: string): ConstParameter {
    return new ConstParameter('Ljava/lang/String;', JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
  }
}
