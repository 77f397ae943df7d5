// Float.toString as Java specifies it since JDK 19 (the shortest decimal of two digits or more that
// rounds to the float; the closest of those; an even last digit on a tie), which JDK 17 also prints for
// all but its non-shortest outputs. Used wherever a float is printed as Java prints it (Textifier,
// ASMifier, print). The expected strings below are JDK 25's; with a JDK 25 installed, random floats
// are compared with it too.
import { describe, expect, it } from 'vitest';
import { Double, Float } from '../src/asm/java-values.js';
import { compileJava, runJava } from '../src/testing/index.js';
import { HAS_JDK25, JDK25_HOME } from './support/attach-targets.js';

/** Raw bits → JDK 25's Float.toString. */
const CASES: [number, string][] = [
  [0x1, '1.4E-45'], // Float.MIN_VALUE: its interval reaches down to 0.7E-45, so two digits
  [0x7f7fffff, '3.4028235E38'], // Float.MAX_VALUE
  [0x800000, '1.1754944E-38'], // Float.MIN_NORMAL (JDK 17: 1.17549435E-38, not the shortest)
  [0x7fffff, '1.1754942E-38'], // the largest subnormal
  [0x3f800000, '1.0'],
  [0x3dcccccd, '0.1'],
  [0x3e99999a, '0.3'],
  [0x42c80000, '100.0'],
  [0x501502f9, '1.0E10'],
  [0x3727c5ac, '1.0E-5'],
  [0x3a83126f, '0.001'],
  [0x4b189680, '1.0E7'],
  [0x4b18967f, '9999999.0'],
  [0x15, '2.9E-44'],
  [0x3d, '8.5E-44'],
  [0x3, '4.2E-45'],
  [0x4b800000, '1.6777216E7'], // 2^24: the interval below is half the one above
  [0x4b800001, '1.6777218E7'],
  [0x4c800000, '6.7108864E7'],
  // Ties between two decimals of the shortest length: the even last digit (rounding half up gave the odd one).
  [0x49faac3a, '2053511.2'],
  [0x4533cc80, '2876.7812'],
  [0x420ba800, '34.914062'],
  [0x58ab2716, '1.5054749E15'], // JDK 17: 1.50547489E15
];

describe('Float.toString', () => {
  it("prints JDK 25's digits for boundaries, subnormals, powers of two and ties", () => {
    for (const [bits, expected] of CASES) expect(Float.fromBits(bits).toString(), `0x${bits.toString(16)}`).toBe(expected);
    expect(Float.fromBits(0x80000001 | 0).toString()).toBe('-1.4E-45');
    expect(new Float(0).toString()).toBe('0.0');
    expect(Float.fromBits(0x80000000 | 0).toString()).toBe('-0.0');
    expect(Float.fromBits(0x7fc00000).toString()).toBe('NaN');
    expect(Float.fromBits(0x7f800000).toString()).toBe('Infinity');
  });

  it.skipIf(!HAS_JDK25)('prints what JDK 25 prints for 20,000 random floats (and doubles)', async () => {
    const compiled = await compileJava({
      'RandomFloats.java': `public class RandomFloats {
        public static void main(String[] args) {
          java.util.Random random = new java.util.Random(20);
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < 20000; i++) {
            int bits = i % 2 == 0 ? random.nextInt() : Float.floatToRawIntBits((float) (random.nextDouble() * Math.pow(10, random.nextInt(20) - 10)));
            float f = Float.intBitsToFloat(bits);
            double d = Double.longBitsToDouble(random.nextLong());
            if (Float.isNaN(f) || Double.isNaN(d)) continue;
            out.append(bits).append(' ').append(f).append(' ').append(Double.doubleToRawLongBits(d)).append(' ').append(d).append('\\n');
          }
          System.out.print(out);
        }
      }`,
    });
    const run = await runJava({ classpath: compiled.dir, mainClass: 'RandomFloats', javaHome: JDK25_HOME });
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(19000);
    const differences: string[] = [];
    for (const line of lines) {
      const [floatBits, floatText, doubleBits, doubleText] = line.split(' ');
      const ours = Float.fromBits(Number(floatBits)).toString();
      if (ours !== floatText) differences.push(`float ${floatText}: ${ours}`);
      const oursDouble = Double.fromBits(BigInt(doubleBits!)).toString();
      if (oursDouble !== doubleText) differences.push(`double ${doubleText}: ${oursDouble}`);
    }
    expect(differences.slice(0, 10)).toEqual([]);
  });
});
