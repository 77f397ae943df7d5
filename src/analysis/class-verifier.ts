// # ClassVerifier: verifies every method of a class file, as HotSpot does when it links the class
//
// Version 50 and later: type checking against the StackMapTable (JVMS §4.10.1, TypeChecker).
// Before 50: type inference (JVMS §4.10.2) with ASM's Analyzer and a SimpleVerifier, plus the
// protected-access check and HotSpot's rules on object initialization and invokespecial
// (InferenceVerifier, InferenceAnalyzer). Like HotSpot's
// FailOverToOldVerifier, a version 50 class whose type check fails is verified again by inference.
// A class the hierarchy does not know, when an assignability check needs it, is not a verification
// error: HotSpot would throw NoClassDefFoundError, so it is reported apart as "unresolved".
// Before the methods, what HotSpot refuses when it loads the class: its class file parser's format
// checks, then its superclass and interfaces (super-type-checks.ts) and overrides of final methods
// (final-method-override.ts), reported for the pseudo-method '<class>'.

import type { ClassHierarchy } from '../asm/class-writer.js';
import { type RawAttribute, type RawClassFile, type RawMember, readRawClassFile, readRawCode } from '../classfile/raw-class-file.js';
import { codeAttributeError, localVariableRangeError } from './code-attribute-checks.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import type { MethodNode } from '../tree/method-node.js';
import { type ClassFileSource, ProtectedAccess } from './protected-access.js';
import { AnalyzerException } from './analyzer-exception.js';
import { InferenceAnalyzer } from './inference-analyzer.js';
import { InferenceVerifier } from './inference-verifier.js';
import { instructionLength, type MethodToCheck, TypeChecker } from './type-checker.js';
import { duplicateMembers } from './duplicate-members.js';
import { switchOperandError, switchPaddingError } from './switch-operand-checks.js';
import { modifierErrors } from './class-and-field-modifiers.js';
import { constantPoolNameError } from './constant-pool-names.js';
import { constantPoolTagError } from './constant-pool-tags.js';
import { innerClassesError } from './inner-classes.js';
import { methodFormatErrors } from './method-modifiers.js';
import { versionedOperandError } from './versioned-operand-checks.js';
import { invokeinterfaceOperandError } from './invokeinterface-operand-checks.js';
import { readForInference } from './undecodable-methods.js';
import { UnresolvedClassError, VerificationTypeTable } from './verification-type.js';
import type { ModuleExport } from '../classpath/module-exports.js';
import { SuperTypeChecks, type SuperTypeSource } from './super-type-checks.js';
import { finalMethodOverrideError } from './final-method-override.js';

/** One verification error: where, and what HotSpot would say. */
export interface VerificationError {
  /** Internal name of the class. */
  readonly className: string;
  /**
   * Method name and descriptor, e.g. `bar(I)V`; for an error about a field (a duplicate field, its
   * flags), its name and descriptor `x:I`; for one about the class's own flags, `<class>`.
   */
  readonly method: string;
  /** Bytecode offset of the failing instruction (-1 when the error is about the whole method). */
  readonly offset: number;
  /** Source line of `offset` from the LineNumberTable, or null when unknown. */
  readonly line: number | null;
  readonly message: string;
  /** The expected type when the error is a type mismatch (HotSpot's spelling: integer, 'java/lang/String'…). */
  readonly expected?: string;
  /** The type found when the error is a type mismatch. */
  readonly found?: string;
}

/**
 * A method that could not be checked because a class it needs is not in the hierarchy; or, with
 * `method` '<class>', a class whose superclass or interface is in none (the JVM could not load it).
 */
export interface UnresolvedReference {
  readonly className: string;
  readonly method: string;
  readonly offset: number;
  readonly line: number | null;
  /** The class that could not be found. */
  readonly missingClass: string;
  readonly message: string;
}

/** The outcome of verifying one class. */
export interface ClassVerificationResult {
  readonly className: string;
  readonly majorVersion: number;
  /** How the class was verified: against its StackMapTables, or by inference (before version 50). */
  readonly mode: 'type-checking' | 'inference';
  /** Number of methods with code that were verified. */
  readonly methods: number;
  readonly errors: VerificationError[];
  readonly unresolved: UnresolvedReference[];
}

export interface ClassVerifierOptions {
  /**
   * Verify a version 50 class by inference when its type check fails, as HotSpot does
   * (-XX:+FailOverToOldVerifier, the default). Default true.
   */
  failover?: boolean;
}

const ACC_INTERFACE = 0x0200;

/**
 * Answers for the class being verified from its own header, then asks the given hierarchy, so
 * that a class need not be on the class path to be verified.
 */
class CurrentClassHierarchy implements ClassHierarchy {
  name = '';
  superName: string | null = null;
  interfaces: readonly string[] = [];
  access = 0;
  readonly next: ClassHierarchy;

  constructor(next: ClassHierarchy) {
    this.next = next;
  }

  getSuperName(internalName: string): string | null | undefined {
    const answer = this.next.getSuperName(internalName);
    if (answer === undefined && internalName === this.name) return this.superName;
    return answer;
  }

  isInterface(internalName: string): boolean | undefined {
    const answer = this.next.isInterface(internalName);
    if (answer === undefined && internalName === this.name) return (this.access & ACC_INTERFACE) !== 0;
    return answer;
  }

  getInterfaces(internalName: string): readonly string[] | null | undefined {
    if (this.next.isInterface(internalName) === undefined && internalName === this.name) return this.interfaces;
    return this.next.getInterfaces?.(internalName);
  }

  getClassBytes(internalName: string): Uint8Array | undefined {
    return (this.next as ClassFileSource).getClassBytes?.(internalName);
  }

  getAccess(internalName: string): number | undefined {
    const answer = (this.next as SuperTypeSource).getAccess?.(internalName);
    if (answer === undefined && internalName === this.name) return this.access;
    return answer;
  }

  getModuleExport(internalName: string): ModuleExport | undefined {
    return (this.next as SuperTypeSource).getModuleExport?.(internalName);
  }
}

/** Verifies class files against a class hierarchy (a ClassPath, or a MapClassHierarchy in tests). */
export class ClassVerifier {
  readonly hierarchy: ClassHierarchy;
  private readonly current: CurrentClassHierarchy;
  private readonly checker: TypeChecker;
  private readonly protectedAccess: ProtectedAccess;
  private readonly superTypes: SuperTypeChecks;
  private readonly failover: boolean;

  constructor(hierarchy: ClassHierarchy, options: ClassVerifierOptions = {}) {
    this.hierarchy = hierarchy;
    this.current = new CurrentClassHierarchy(hierarchy);
    this.protectedAccess = new ProtectedAccess(this.current);
    this.superTypes = new SuperTypeChecks(this.current);
    this.checker = new TypeChecker(new VerificationTypeTable(this.current), this.protectedAccess);
    this.failover = options.failover ?? true;
  }

  /** Verifies every method of `bytes`. Throws ClassFormatError when the bytes are not a class file. */
  verify(bytes: Uint8Array): ClassVerificationResult {
    const classFile = readRawClassFile(bytes);
    const current = this.current;
    current.name = classFile.thisClass;
    current.superName = classFile.superClass;
    current.interfaces = classFile.interfaces;
    current.access = classFile.access;
    const errors: VerificationError[] = [];
    const unresolved: UnresolvedReference[] = [];
    const major = classFile.majorVersion;
    let methods = 0;
    const classFields = new Set<string>();
    for (const field of classFile.fields) classFields.add(field.name + ':' + field.descriptor);
    // ClassFormatErrors in HotSpot before linking; each method is still verified below.
    for (const duplicate of duplicateMembers(classFile)) {
      errors.push({ className: classFile.thisClass, method: duplicate.member, offset: -1, line: null, message: duplicate.message });
    }
    const nameError = constantPoolTagError(classFile) ?? constantPoolNameError(classFile) ?? innerClassesError(classFile);
    if (nameError !== null) errors.push({ className: classFile.thisClass, method: '<class>', offset: -1, line: null, message: nameError });
    for (const illegal of [...modifierErrors(classFile), ...methodFormatErrors(classFile)]) {
      errors.push({ className: classFile.thisClass, method: illegal.member, offset: -1, line: null, message: illegal.message });
    }
    // Loading errors of the superclass and interfaces (JVMS §5.3.5), before HotSpot verifies anything;
    // after its ClassFormatErrors above, which stop the parse before the super types are loaded.
    if (errors.length === 0) {
      const problems = this.superTypes.problems(classFile);
      for (const problem of problems) {
        const where = { className: classFile.thisClass, method: '<class>', offset: -1, line: null, message: problem.message };
        if (problem.kind === 'missing') unresolved.push({ ...where, missingClass: problem.missingClass });
        else errors.push(where);
      }
      // Then, with its super types loaded, whether a method overrides a final one of theirs.
      const overrideError = problems.length === 0 ? finalMethodOverrideError(classFile, current, this.protectedAccess) : null;
      if (overrideError !== null) errors.push({ className: classFile.thisClass, method: '<class>', offset: -1, line: null, message: overrideError });
    }
    if (major < 50) {
      methods = this.verifyByInference(bytes, classFile, classFields, null, errors, unresolved);
      return { className: classFile.thisClass, majorVersion: major, mode: 'inference', methods, errors, unresolved };
    }
    let failedOver: Set<string> | null = null;
    for (const member of classFile.methods) {
      const codeAttribute = findAttribute(member.attributes, 'Code');
      if (codeAttribute === null) continue;
      methods++;
      const code = readRawCode(codeAttribute, classFile.constantPool);
      const method: MethodToCheck = {
        className: classFile.thisClass,
        superName: classFile.superClass,
        interfaces: classFile.interfaces,
        pool: classFile.constantPool,
        access: member.access,
        name: member.name,
        descriptor: member.descriptor,
        code,
        stackMapTable: findAttribute(code.attributes, 'StackMapTable')?.info ?? null,
        classFields,
      };
      const methodName = member.name + member.descriptor;
      // A ClassFormatError in HotSpot, before verification (so no failover either).
      const tableError = codeAttributeError(code, classFile.constantPool, major);
      if (tableError !== null) {
        errors.push({ className: classFile.thisClass, method: methodName, offset: -1, line: null, message: tableError });
        continue;
      }
      try {
        // The type checker's own check of the local variable tables, after the method's (HotSpot's
        // verify_local_variable_table); the inference verifier has none, so it fails over.
        const error =
          switchPaddingError(code.code, major) ??
          versionedOperandError(code.code, classFile.constantPool, major) ??
          this.checker.checkMethod(method) ??
          localVariableRangeError(code);
        if (error === null) continue;
        if (major === 50 && this.failover) {
          (failedOver ??= new Set()).add(methodName);
          continue;
        }
        const result: VerificationError = {
          className: classFile.thisClass,
          method: methodName,
          offset: error.offset,
          line: lineOf(code.attributes, error.offset),
          message: error.message,
          ...(error.expected !== undefined ? { expected: error.expected } : {}),
          ...(error.found !== undefined ? { found: error.found } : {}),
        };
        errors.push(result);
      } catch (error) {
        if (!(error instanceof UnresolvedClassError)) throw error;
        unresolved.push({
          className: classFile.thisClass,
          method: methodName,
          offset: -1,
          line: null,
          missingClass: error.className,
          message: error.message,
        });
      }
    }
    if (failedOver !== null) {
      this.verifyByInference(bytes, classFile, classFields, failedOver, errors, unresolved);
    }
    return { className: classFile.thisClass, majorVersion: major, mode: 'type-checking', methods, errors, unresolved };
  }

  /**
   * Verifies the methods of a class by inference (an InferenceAnalyzer with an InferenceVerifier);
   * only those named in `only` when it is not null (the failover, whose Code tables the type-checking
   * pass has checked already). Returns the number of methods with code.
   */
  private verifyByInference(
    bytes: Uint8Array,
    classFile: RawClassFile,
    classFields: ReadonlySet<string>,
    only: ReadonlySet<string> | null,
    errors: VerificationError[],
    unresolved: UnresolvedReference[],
  ): number {
    const { node, undecodable } = readForInference(bytes, classFile);
    const rawMethods = new Map<string, RawMember>();
    for (const member of classFile.methods) rawMethods.set(member.name + member.descriptor, member);
    const isInterface = (classFile.access & ACC_INTERFACE) !== 0;
    let methods = 0;
    for (const method of node.methods) {
      if (method.instructions.size() === 0) continue;
      const methodName = method.name + method.desc;
      if (only !== null && !only.has(methodName)) continue;
      methods++;
      const undecodableReason = undecodable.get(methodName);
      if (undecodableReason !== undefined) {
        errors.push({ className: classFile.thisClass, method: methodName, offset: -1, line: null, message: undecodableReason });
        continue;
      }
      const verifier = new InferenceVerifier(
        classFile.thisClass,
        classFile.superClass,
        classFile.interfaces,
        isInterface,
        this.protectedAccess,
        method.name,
        classFields,
      );
      verifier.setClassHierarchy(this.current);
      const analyzer = new InferenceAnalyzer(verifier);
      const codeAttribute = findAttribute(rawMethods.get(methodName)?.attributes ?? [], 'Code');
      const code = codeAttribute === null ? null : readRawCode(codeAttribute, classFile.constantPool);
      // The reader turns offsets into labels, so a handler range that starts or ends inside an
      // instruction would go unseen by the analysis: check the raw tables first, as HotSpot does.
      const tableError = code === null || only !== null ? null : codeAttributeError(code, classFile.constantPool, classFile.majorVersion);
      if (tableError !== null) {
        errors.push({ className: classFile.thisClass, method: methodName, offset: -1, line: null, message: tableError });
        continue;
      }
      const switchError =
        code === null
          ? null
          : (versionedOperandError(code.code, classFile.constantPool, classFile.majorVersion) ??
            switchOperandError(code.code, classFile.majorVersion) ??
            invokeinterfaceOperandError(code.code, classFile.constantPool));
      if (switchError !== null) {
        errors.push({ className: classFile.thisClass, method: methodName, offset: switchError.offset, line: lineOf(code!.attributes, switchError.offset), message: switchError.message });
        continue;
      }
      try {
        for (const handler of method.tryCatchBlocks ?? []) {
          if (handler.type !== null) verifier.checkCatchType(handler.type);
        }
        analyzer.analyze(classFile.thisClass, method);
        verifier.recheckAtFixpoint(method, analyzer.getFrames());
      } catch (error) {
        const node = error instanceof AnalyzerException ? error.node : null;
        const offset = code === null || node === null ? -1 : offsetOfNode(method, node, code.code);
        const line = code === null || offset < 0 ? null : lineOf(code.attributes, offset);
        const missing = missingClassOf(error);
        if (missing !== null) {
          unresolved.push({
            className: classFile.thisClass,
            method: methodName,
            offset,
            line,
            missingClass: missing,
            message: `cannot resolve class ${missing}`,
          });
          continue;
        }
        errors.push({
          className: classFile.thisClass,
          method: methodName,
          offset,
          line,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return methods;
  }
}

/** The class named by SimpleVerifier's "not found" error anywhere in the cause chain, or null. */
function missingClassOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof UnresolvedClassError) return current.className;
    if (current.name === 'TypeNotPresentException') {
      const match = /^Class (\S+) not found/.exec(current.message);
      if (match !== null) return match[1]!;
    }
    current = current.cause;
  }
  return null;
}

/**
 * The bytecode offset of `node` in `method`, as read from `code`: ClassReader turns each
 * instruction into exactly one node, so the n-th real instruction node is the n-th instruction.
 */
function offsetOfNode(method: MethodNode, node: AbstractInsnNode, code: Uint8Array): number {
  let index = 0;
  let found = -1;
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn === node) {
      found = index;
      break;
    }
    if (insn.getOpcode() >= 0) index++;
  }
  if (found < 0) return -1;
  let offset = 0;
  for (let i = 0; i < found && offset < code.length; i++) {
    const size = instructionLength(code, offset);
    if (size <= 0) return -1;
    offset += size;
  }
  return offset < code.length ? offset : -1;
}

function findAttribute(attributes: readonly RawAttribute[], name: string): RawAttribute | null {
  for (const attribute of attributes) if (attribute.name === name) return attribute;
  return null;
}

/** The source line of `offset` from the LineNumberTable attributes of a Code attribute (JVMS §4.7.12). */
function lineOf(attributes: readonly RawAttribute[], offset: number): number | null {
  if (offset < 0) return null;
  let best = -1;
  let line: number | null = null;
  for (const attribute of attributes) {
    if (attribute.name !== 'LineNumberTable') continue;
    const info = attribute.info;
    if (info.length < 2) continue;
    const count = (info[0]! << 8) | info[1]!;
    for (let i = 0; i < count && 2 + i * 4 + 4 <= info.length; i++) {
      const start = (info[2 + i * 4]! << 8) | info[3 + i * 4]!;
      if (start <= offset && start > best) {
        best = start;
        line = (info[4 + i * 4]! << 8) | info[5 + i * 4]!;
      }
    }
  }
  return line;
}
