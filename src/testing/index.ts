// # classforge/testing — test your transforms against the real javac and HotSpot
//
//   const program = await compileJava({ 'demo/Hello.java': 'package demo; …' });
//   const rewritten = await transformClasses(program, myTransform);
//   const run = await runJava({ classpath: rewritten, mainClass: 'demo.Hello', verify: true });
//   expect(run.stdout).toBe('…');
//
// Class files travel as a Map from internal name to bytes (class-files.ts). Temporary directories
// are removed at process exit, or earlier by cleanup().

export { compileJava, type CompileJavaOptions, type CompiledClasses, type JavaSources, type ClassPathEntry } from './compile-java.js';
export { JavaCompileError } from './java-compile-error.js';
export { runJava, type RunJavaOptions, type RunJavaResult, type RunClassPathEntry } from './run-java.js';
export {
  transformClasses,
  type TransformClassesOptions,
  type TransformedClasses,
  type TransformInput,
} from './transform-classes.js';
export {
  verifyClasses,
  type VerifyClassesOptions,
  type VerificationResult,
  type VerificationFailure,
} from './verify-classes.js';
export {
  readClassFiles,
  writeClassFiles,
  type ClassFiles,
  type ClassFilesHolder,
  type ClassFilesInput,
} from './class-files.js';
export { diffClasses, type DiffClassesOptions, type ClassesDiff, type ChangedClass } from './diff-classes.js';
export { cleanup } from './temp-directory.js';
export { javaTool, defaultJavaHome } from './java-tools.js';
