// # verifyClasses: HotSpot as the judge of validity
//
// A small Java program (compiled once per process with compileJava, cached on disk like any
// other compilation) loads every given class through its own URLClassLoader, without
// initialising it, and links it: Class.forName(name, false, loader) then getDeclaredMethods(),
// getDeclaredFields(), getDeclaredConstructors(). Linking runs the verifier, and the child JVM
// runs with -Xverify:all, so every class is verified whatever its loader. No static initialiser
// runs, so classes are checked without executing them. Each class's first Throwable
// (VerifyError, ClassFormatError, NoClassDefFoundError…) is reported with its name.

import { writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { type ClassFilesInput, toClassFiles, writeClassFiles } from './class-files.js';
import { type CompiledClasses, compileJava } from './compile-java.js';
import { runJava } from './run-java.js';
import { createTempDirectory, removeTempDirectory } from './temp-directory.js';

export interface VerifyClassesOptions {
  /** More class path entries (directories, jars) the classes refer to. The JDK is always there. */
  classPath?: readonly string[];
  /** Only these classes (internal or dotted names); default: every class of the input but module-info. */
  classNames?: readonly string[];
  /** The JDK whose java verifies. Default: JAVA_HOME, else the `java` on PATH. */
  javaHome?: string;
  /** More JVM options for the child JVM. */
  jvmArgs?: readonly string[];
  /** Milliseconds before the JVM is killed. Default 120 000. */
  timeout?: number;
}

export interface VerificationFailure {
  /** The dotted class name. */
  readonly className: string;
  /** What HotSpot threw, e.g. `java.lang.VerifyError: Bad type on operand stack …`. */
  readonly error: string;
}

export interface VerificationResult {
  /** Whether every class linked. */
  readonly ok: boolean;
  /** How many classes linked. */
  readonly linked: number;
  readonly failures: readonly VerificationFailure[];
  /** The child JVM's output, for diagnosis. */
  readonly stdout: string;
  readonly stderr: string;
}

const LINK_ALL_CLASS = 'classforge.testing.LinkAll';
const LINK_ALL_SOURCE = `package classforge.testing;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/** Links each class named in the file args[0] from the class path args[1]; prints one line per class. */
public final class LinkAll {
  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
    String[] entries = args[1].isEmpty() ? new String[0] : args[1].split(File.pathSeparator);
    URL[] path = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) path[i] = Paths.get(entries[i]).toUri().toURL();
    int failed = 0;
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        if (name.isEmpty()) continue;
        try {
          Class<?> c = Class.forName(name, false, loader);
          c.getDeclaredMethods();
          c.getDeclaredFields();
          c.getDeclaredConstructors();
          System.out.println("LINKED " + name);
        } catch (Throwable t) {
          failed++;
          System.out.println("FAILED " + name + " " + String.valueOf(t).replace('\\r', ' ').replace('\\n', ' '));
        }
      }
    }
    System.out.println("DONE");
    System.exit(failed == 0 ? 0 : 1);
  }
}
`;

const programs = new Map<string, Promise<CompiledClasses>>();

/** The compiled LinkAll program for a JDK (compiled once per process and JDK). */
function linkAllProgram(javaHome: string | undefined): Promise<CompiledClasses> {
  const key = javaHome ?? '';
  let program = programs.get(key);
  if (program === undefined) {
    program = compileJava({ 'classforge/testing/LinkAll.java': LINK_ALL_SOURCE }, { release: 11, javaHome });
    programs.set(key, program);
    program.catch(() => programs.delete(key));
  }
  return program;
}

/**
 * Links (so verifies) every class of `classes` in a child `java -Xverify:all`, and reports which
 * failed and why. `classes` is a map of class files, a compileJava/transformClasses result, or a
 * directory or jar.
 */
export async function verifyClasses(classes: ClassFilesInput, options: VerifyClassesOptions = {}): Promise<VerificationResult> {
  const program = await linkAllProgram(options.javaHome);
  const scratch = createTempDirectory('verify');
  try {
    let location: string;
    let names: readonly string[] | undefined = options.classNames;
    if (typeof classes === 'string') {
      location = resolve(classes);
      // Listing a directory or jar reads every class in it: only when no names were given.
      names ??= [...toClassFiles(location).keys()];
    } else {
      const files = toClassFiles(classes);
      location = join(scratch, 'classes');
      writeClassFiles(files, location);
      names ??= [...files.keys()];
    }
    const selected = names
      .filter((name) => !/(^|[/.])module-info$/.test(name))
      .map((name) => name.replace(/\//g, '.'));
    const list = join(scratch, 'classes.txt');
    writeFileSync(list, selected.join('\n') + '\n');
    const path = [location, ...(options.classPath ?? []).map((entry) => resolve(entry))].join(delimiter);
    const run = await runJava({
      // The program's classes, not its dir: cleanup() may have removed that directory since.
      classpath: program.classes,
      mainClass: LINK_ALL_CLASS,
      args: [list, path],
      jvmArgs: ['-Xshare:off', ...(options.jvmArgs ?? [])],
      verify: true,
      javaHome: options.javaHome,
      timeout: options.timeout ?? 120_000,
    });
    const failures: VerificationFailure[] = [];
    let linked = 0;
    let done = false;
    for (const line of run.stdout.split('\n')) {
      if (line.startsWith('LINKED ')) linked++;
      else if (line === 'DONE') done = true;
      else if (line.startsWith('FAILED ')) {
        const rest = line.slice('FAILED '.length);
        const space = rest.indexOf(' ');
        failures.push({ className: rest.slice(0, space), error: rest.slice(space + 1).trim() });
      }
    }
    if (!done) {
      throw new Error(`classforge/testing: the verifier program did not finish (exit code ${run.exitCode}):\n${run.stderr}${run.stdout}`);
    }
    return { ok: failures.length === 0, linked, failures, stdout: run.stdout, stderr: run.stderr };
  } finally {
    removeTempDirectory(scratch);
  }
}
