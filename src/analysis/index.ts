// The analysis API: ASM's asm-analysis package (org.objectweb.asm.tree.analysis), one class per module.
export { Analyzer } from './analyzer.js';
export { AnalyzerException } from './analyzer-exception.js';
export { BasicInterpreter } from './basic-interpreter.js';
export { BasicValue } from './basic-value.js';
export { BasicVerifier } from './basic-verifier.js';
export { Frame } from './frame.js';
export { Interpreter } from './interpreter.js';
export { SimpleVerifier } from './simple-verifier.js';
export { SourceInterpreter } from './source-interpreter.js';
export { SourceValue } from './source-value.js';
export type { Value } from './value.js';

// The bytecode verifier behind `classforge verify`: HotSpot's type checking against the StackMapTable
// (JVMS §4.10.1) for version 50 and later, type inference (Analyzer + SimpleVerifier) before that.
export { ClassVerifier } from './class-verifier.js';
export type {
  ClassVerificationResult,
  ClassVerifierOptions,
  UnresolvedReference,
  VerificationError,
} from './class-verifier.js';
export { TypeChecker } from './type-checker.js';
export type { MethodToCheck, TypeCheckError } from './type-checker.js';
export { UnresolvedClassError, VerificationTypeTable } from './verification-type.js';
export { ChainedClassHierarchy, MapClassHierarchy } from './verification-hierarchy.js';
