// Remapper's deprecated `createRemappingSignatureAdapter` against ASM 9.4 itself. Ported Remapper
// subclasses (written for ASM 5–7, where it was the factory) still call it to remap a signature by
// hand; ASM 9 keeps it as an alias of `createSignatureRemapper`, so such a call remaps, while an
// override of it no longer changes what `mapSignature` uses. classforge had no such method: the call
// failed with "this.createRemappingSignatureAdapter is not a function".
// The same cases run on ASM (Debian's libasm-java, compiled against with javac) and on ours.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SignatureReader } from '../src/asm/signature/signature-reader.js';
import type { SignatureVisitor } from '../src/asm/signature/signature-visitor.js';
import { SignatureWriter } from '../src/asm/signature/signature-writer.js';
import { Remapper } from '../src/commons/remapper.js';
import { compileJava, runJava } from './support/javac.js';

const ASM_JARS = ['asm.jar', 'asm-commons.jar'].map((jar) => `/usr/share/java/${jar}`);

const SIGNATURES = [
  '<T:La/B;>(TT;La/B<La/B;>.C;)V',
  '<E:Ljava/lang/Enum<TE;>;>La/B;Ljava/lang/Comparable<-La/B;>;',
  'Ljava/util/Map<La/B;[La/B;>;',
];

const HARNESS = `
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.signature.*;

public class SignatureAdapter {
  static class Renaming extends Remapper {
    @Override public String map(String name) { return name.equals("a/B") ? "x/Y" : name; }
    String byHand(String signature, boolean type) {
      SignatureWriter writer = new SignatureWriter();
      SignatureVisitor adapter = createRemappingSignatureAdapter(writer);
      if (type) new SignatureReader(signature).acceptType(adapter); else new SignatureReader(signature).accept(adapter);
      return writer.toString();
    }
  }
  /** Overrides the deprecated factory only: ASM 9's mapSignature does not use it. */
  static class OverridingDeprecated extends Renaming {
    @Override protected SignatureVisitor createRemappingSignatureAdapter(SignatureVisitor v) { return v; }
  }
  public static void main(String[] args) {
    for (String signature : args) {
      boolean type = signature.startsWith("L");
      System.out.println(new Renaming().byHand(signature, type));
      System.out.println(new OverridingDeprecated().mapSignature(signature, type));
    }
  }
}
`;

class Renaming extends Remapper {
  override map(name: string): string {
    return name === 'a/B' ? 'x/Y' : name;
  }

  byHand(signature: string, type: boolean): string {
    const writer = new SignatureWriter();
    const adapter = this.createRemappingSignatureAdapter(writer);
    if (type) new SignatureReader(signature).acceptType(adapter);
    else new SignatureReader(signature).accept(adapter);
    return writer.toString();
  }
}

class OverridingDeprecated extends Renaming {
  protected override createRemappingSignatureAdapter(signatureVisitor: SignatureVisitor): SignatureVisitor {
    return signatureVisitor;
  }
}

function ours(): string[] {
  const lines: string[] = [];
  for (const signature of SIGNATURES) {
    const type = signature.startsWith('L');
    lines.push(new Renaming().byHand(signature, type));
    lines.push(new OverridingDeprecated().mapSignature(signature, type));
  }
  return lines;
}

describe('Remapper.createRemappingSignatureAdapter against ASM 9', () => {
  it.skipIf(!ASM_JARS.every((jar) => existsSync(jar)))(
    'remaps when a ported subclass calls it, and an override of it does not change mapSignature',
    async () => {
      const { dir } = await compileJava({ 'SignatureAdapter.java': HARNESS }, { release: 11, options: ['-cp', ASM_JARS.join(':')] });
      const result = await runJava({ classpath: [dir, ...ASM_JARS], mainClass: 'SignatureAdapter', args: SIGNATURES });
      expect(result.stderr).toBe('');
      const expected = result.stdout.trim().split('\n');
      // The oracle remapped: the case is not vacuous.
      expect(expected[0]).toBe('<T:Lx/Y;>(TT;Lx/Y<Lx/Y;>.C;)V');
      expect(ours()).toEqual(expected);
    },
    300_000,
  );
});
