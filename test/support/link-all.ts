// HotSpot as the judge of validity: a small Java program that links (so verifies) every class named in a
// list, from a class path, and reports the failures. A class is linked by
// Class.forName(name, false, loader).getDeclaredMethods(): loaded without initialization, then linked,
// which runs the verifier (with -Xverify:all, on every class).

import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { type CompileResult, compileJava, makeTempDir, runJava } from './javac.js';

const LINK_ALL = {
  'classforge/test/LinkAll.java': `package classforge.test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

public final class LinkAll {
  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Paths.get(args[0]));
    String[] entries = args[1].split(File.pathSeparator);
    URL[] path = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) path[i] = Paths.get(entries[i]).toUri().toURL();
    List<String> failed = new ArrayList<>();
    int linked = 0;
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        if (name.isEmpty()) continue;
        try {
          Class<?> c = Class.forName(name, false, loader);
          c.getDeclaredMethods();
          c.getDeclaredFields();
          c.getDeclaredConstructors();
          linked++;
        } catch (Throwable t) {
          failed.add(name + ": " + String.valueOf(t).replace('\\n', ' '));
        }
      }
    }
    System.out.println("linked " + linked + " of " + names.size());
    for (String f : failed) System.out.println("FAILED " + f);
    System.exit(failed.isEmpty() ? 0 : 1);
  }
}
`,
};

let compiled: Promise<CompileResult> | null = null;

/** The compiled LinkAll program (compiled once per test process). */
export function linkAllProgram(): Promise<CompileResult> {
  compiled ??= compileJava(LINK_ALL, { release: 11 });
  return compiled;
}

export interface LinkResult {
  linked: number;
  /** Dotted class name → the Throwable HotSpot reported. */
  failed: Map<string, string>;
  stdout: string;
  stderr: string;
}

/**
 * Links every class of `classNames` (internal or dotted names) from `classpath` (entries) in a child
 * `java -Xverify:all`, and returns which failed and why.
 */
export async function linkClasses(
  classpath: readonly string[],
  classNames: readonly string[],
  options: { javaHome?: string; jvmArgs?: string[] } = {},
): Promise<LinkResult> {
  const program = await linkAllProgram();
  const dir = await makeTempDir('link-all');
  const list = join(dir, 'classes.txt');
  const names = classNames.filter((n) => !n.endsWith('module-info') && !n.startsWith('META-INF/')).map((n) => n.replace(/\//g, '.'));
  await writeFile(list, names.join('\n') + '\n');
  const run = await runJava({
    classpath: program.dir,
    mainClass: 'classforge.test.LinkAll',
    args: [list, classpath.join(delimiter)],
    jvmArgs: ['-Xverify:all', '-Xshare:off', ...(options.jvmArgs ?? [])],
    javaHome: options.javaHome,
  });
  const failed = new Map<string, string>();
  let linked = -1;
  for (const line of run.stdout.split('\n')) {
    const m = /^linked (\d+) of \d+$/.exec(line);
    if (m) linked = Number(m[1]);
    if (line.startsWith('FAILED ')) {
      const rest = line.slice('FAILED '.length);
      const colon = rest.indexOf(': ');
      failed.set(rest.slice(0, colon), rest.slice(colon + 2));
    }
  }
  if (linked < 0) throw new Error(`LinkAll did not run:\n${run.stderr}`);
  return { linked, failed, stdout: run.stdout, stderr: run.stderr };
}
