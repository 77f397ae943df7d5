// ASM's Textifier as an oracle: a small Java harness (compiled by the caller with the ASM jars on
// the class path) prints classes with ASM's TraceClassVisitor + Textifier, flags 0 as ASM's
// `Textifier` main; ourTextify prints the same with classforge's. Used by test/textifier.test.ts
// and bench/corpus-sweep.mjs.

import { existsSync } from 'node:fs';
import { ClassReader } from '../../src/asm/class-reader.js';
import { StringWriter } from '../../src/util/string-writer.js';
import { Textifier } from '../../src/util/textifier.js';
import { TraceClassVisitor } from '../../src/util/trace-class-visitor.js';
import { runJava } from './javac.js';

export const JAVA_DIR = '/usr/share/java';
export const ASM_JARS = ['asm.jar', 'asm-tree.jar', 'asm-analysis.jar', 'asm-util.jar'].map((jar) => `${JAVA_DIR}/${jar}`);
export const HAVE_ASM = ASM_JARS.every((jar) => existsSync(jar));
export const SEPARATOR = '\n=====classforge-textifier-test=====';

// Prints every class named on the command line (class files, or every .class entry of a jar) with
// ASM's Textifier, each preceded by SEPARATOR and its name.
export const TEXTIFY_HARNESS = `
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.jar.*;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

public class TextifyAll {
  static void textify(String name, byte[] bytes, PrintWriter out) {
    out.print(${JSON.stringify(SEPARATOR)} + name + "\\n");
    new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), out), 0);
  }
  public static void main(String[] args) throws Exception {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, "UTF-8"));
    for (String arg : args) {
      if (arg.endsWith(".jar")) {
        try (JarFile jar = new JarFile(arg)) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
            JarEntry entry = e.nextElement();
            if (!entry.getName().endsWith(".class")) continue;
            try (InputStream in = jar.getInputStream(entry)) {
              textify(entry.getName(), in.readAllBytes(), out);
            }
          }
        }
      } else {
        textify(arg, Files.readAllBytes(Paths.get(arg)), out);
      }
    }
    out.flush();
  }
}
`;

/** Runs ASM's Textifier through the harness on `paths` (class files or jars): text by class name. */
export async function asmTextify(harnessDir: string, paths: string[]): Promise<Map<string, string>> {
  const result = await runJava({ classpath: [harnessDir, ...ASM_JARS], mainClass: 'TextifyAll', args: paths });
  if (result.exitCode !== 0) throw new Error(`ASM harness failed: ${result.stderr}`);
  return parseTextifyOutput(result.stdout);
}

/** The harness's output split by class: text by class name (or path). */
export function parseTextifyOutput(output: string): Map<string, string> {
  const dumps = new Map<string, string>();
  for (const chunk of output.split(SEPARATOR).slice(1)) {
    const newline = chunk.indexOf('\n');
    dumps.set(chunk.slice(0, newline), chunk.slice(newline + 1));
  }
  return dumps;
}

/** Our Textifier's text for `bytes`, through TraceClassVisitor like ASM's Textifier main. */
export function ourTextify(bytes: Uint8Array): string {
  const writer = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), writer), 0);
  return writer.toString();
}


/**
 * Our text as the harness's would read: a lone surrogate becomes '?' (the harness writes UTF-8
 * through Java's encoder), and the LINENUMBER lines of line 0 go (ASM's reader drops those
 * entries, Label.accept: lineNumber != 0; ours keeps them so that a rewrite keeps the table).
 */
export function normalizedLikeAsm(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?')
    .replace(/^ {4}LINENUMBER 0 L\d+\n/gm, '');
}

/** The first line where two texts differ, for a failure message: "at line N: ours …, ASM …". */
export function firstDifference(ours: string, theirs: string): string {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  return `at line ${line + 1}: ours ${JSON.stringify(a[line])}, ASM ${JSON.stringify(b[line])}`;
}
