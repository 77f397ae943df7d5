// # classforge print <class|jar|dir>… [--class <glob>] [--verbose] [--asmify] [--skip-debug]
//
// Prints every class of the inputs in ASM's Textifier format (what
// `java org.objectweb.asm.util.Textifier Foo.class` prints), one after the other, separated by a
// blank line; a dotted class name that is no file prints that class of the JDK. --verbose adds, before each class, a javap -v style listing of the raw class file.
// --asmify prints instead, for each class, the TypeScript module that generates it with
// classforge's visitor API (ASM's ASMifier, in TypeScript). --skip-debug leaves out source file
// names, line numbers and local variable names (ClassReader.SKIP_DEBUG, ASM's -nodebug).

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassPath } from '../../src/classpath/class-path.js';
import { intendedGlob } from '../../src/transform/selection-warnings.js';
import { createClassNameFilter } from '../../src/util/class-name-glob.js';
import { asmifyClass, textifyClass } from '../../src/util/textify-class.js';
import { formatClassFileListing } from '../class-file-listing.js';
import { EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, InputError, reportError } from '../cli-error.js';
import { type ClassInput, notAClassFile, readClassInputs } from '../class-input.js';
import { isStdoutClosed, writeStdout } from '../output.js';
import { collect } from '../repeatable-option.js';

interface PrintOptions {
  /** The --class globs (absent when none was given). */
  class?: string[];
  verbose?: boolean;
  asmify?: boolean;
  skipDebug?: boolean;
}

async function printInputs(paths: readonly string[], options: PrintOptions): Promise<void> {
  const globs = options.class ?? [];
  const verbose = options.verbose === true;
  const accepts = createClassNameFilter(globs, null);
  let printed = 0;
  let failed = false;
  /** Internal names of the classes --class did not select, for the hint when it selects none. */
  const unselected: string[] = [];
  for (const path of paths) {
    try {
      for await (const input of printInputsOf(path)) {
        if (isStdoutClosed()) return;
        try {
          if (globs.length > 0) {
            const className = new ClassReader(input.bytes).getClassName();
            if (!accepts(className)) {
              unselected.push(className);
              continue;
            }
          }
          const parsingOptions = options.skipDebug === true ? ClassReader.SKIP_DEBUG : 0;
          let text: string;
          if (options.asmify === true) {
            text = asmifyClass(input.bytes, parsingOptions);
          } else {
            text = verbose ? formatClassFileListing(input.bytes, input.displayName) : '';
            text += textifyClass(input.bytes, parsingOptions);
          }
          writeStdout(printed > 0 ? '\n' + text : text);
          printed++;
        } catch (error) {
          // A malformed class: report it and go on with the others.
          failed = true;
          const notClass = notAClassFile(input.displayName, input.bytes);
          if (notClass !== null) reportError(input.displayName, new InputError(input.displayName, notClass), verbose);
          else reportError(input.displayName, error, verbose);
        }
      }
    } catch (error) {
      // The input itself is unusable (missing, unreadable, a corrupt jar).
      failed = true;
      if (error instanceof InputError) {
        reportError(error.path, error, verbose);
      } else {
        reportError(path, error, verbose);
      }
    }
  }
  if (failed) {
    process.exitCode = EXIT_BAD_INPUT;
  } else if (globs.length === 0 && printed === 0 && !isStdoutClosed()) {
    // A directory before the build filled it, a jar of resources: say so, and exit 1 as for a --class that matched nothing.
    process.stderr.write(`classforge: no class files in ${paths.join(', ')}\n`);
    process.exitCode = EXIT_CHECKS_FAILED;
  } else if (globs.length > 0 && printed === 0 && !isStdoutClosed()) {
    // Like grep: nothing matched is not an error of the input, but not a success either.
    process.stderr.write(`classforge: no class matches --class ${globs.join(', ')}${globHint(globs, unselected)}\n`);
    process.exitCode = EXIT_CHECKS_FAILED;
  }
}

/** Adds the `print` command to `program`. */
export function registerPrintCommand(program: Command): Command {
  return program
    .command('print')
    .description('print the classes of a class file, a jar or a directory in ASM Textifier format')
    .argument('<paths...>', 'class files, jars or directories (searched recursively)')
    .option(
      '--class <glob>',
      'only classes whose dotted name matches the glob (* within a package segment, ** across); repeatable',
      collect,
    )
    .option('-v, --verbose', 'add the version, constant pool and raw attributes (like javap -v); stack traces on errors')
    .option('--asmify', "print the TypeScript code that generates each class with classforge's API (ASM's ASMifier)")
    .option('--skip-debug', 'leave out source file names, line numbers and local variables (ASM -nodebug)')
    .action(async (paths: string[], options: PrintOptions) => {
      await printInputs(paths, options);
    });
}

/**
 * What a --class that selected nothing probably meant, when that selects some class of the input: globs
 * match the whole dotted name, so a simple name (`Main`) needs `**.Main`, a package (`com.acme`) `com.acme.**`,
 * and a descriptor or file name (`Lcom/acme/Main;`, `com/acme/Main.class`) is the dotted name.
 */
function globHint(globs: readonly string[], classNames: readonly string[]): string {
  const meant = globs.flatMap((glob) => {
    const candidates = [intendedGlob(glob), `${glob}.**`, `**.${glob}`].filter((c): c is string => c !== null);
    const selecting = candidates.find((candidate) => {
      const accepts = createClassNameFilter([candidate], null);
      return classNames.some((name) => accepts(name));
    });
    return selecting === undefined ? [] : [`'${selecting}'`];
  });
  return meant.length === 0 ? '' : ` (globs match the whole dotted class name; did you mean ${meant.join(', ')}?)`;
}

/** A dotted class name (`java.lang.String`, `java.util.Map$Entry`) where a path was expected. */
const DOTTED_CLASS_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)+$/u;

/**
 * The classes of `path`; or, when no file has that name and it is a dotted class name, that class of the
 * current JDK, as ASM's `Textifier java.lang.String` and `javap java.lang.String` print one. A Java user
 * reaches for this first; a name the JDK lacks is an error that says where to find a class of one's own.
 */
async function* printInputsOf(path: string): AsyncGenerator<ClassInput> {
  if (!existsSync(path) && DOTTED_CLASS_NAME.test(path)) {
    const bytes = new ClassPath([]).getClassBytes(path.replace(/\./g, '/'));
    if (bytes !== undefined) {
      yield { displayName: path, bytes, release: null, entry: '' };
      return;
    }
    // javap would search the class path ('.'); print reads files, so say where a class of one's own is found.
    throw new InputError(path, `no such file or directory, nor a class of the JDK; for a class of your own, give its .class file, or its jar or directory with --class ${path}`);
  }
  yield* readClassInputs(path);
}
