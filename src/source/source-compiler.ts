// # The source-level edits of CtClass, CtBehavior, CtField and ExprEditor
//
// Each operation parses a Java snippet (compiler/parser.ts), compiles it with the code generator
// (compiler/code-generator.ts) into a scratch method, with Javassist's `$` variables bound to the
// right locals, and splices the instructions (and handlers) into the edited method's tree. Frames
// and maxima are recomputed when the class is written (CtClass.toBytecode).
//
// Where each kind of code goes, as in Javassist:
// - insertBefore: at the start of the body (before super() in a constructor);
// - insertBeforeBody: right after the super(...)/this(...) call of a constructor;
// - insertAfter: before every return, `$_` holding the value returned; with asFinally also in a
//   catch-all handler around the body, which rethrows;
// - addCatch: a handler of the given type around the body; it must return or throw;
// - setBody: replaces the body;
// - insertAt: before the first instruction of a source line;
// - ExprEditor.replace: in place of one instruction (two more for `new`: NEW and DUP), the operands
//   stored in locals ($0 the target, $1… the arguments), `$proceed` the original operation.

import { expandCflow } from './cflow.js';
import { Initializer } from './field-initializer.js';
import { Opcodes } from '../asm/opcodes.js';
import type { AbstractInsnNode } from '../tree/abstract-insn-node.js';
import { FieldInsnNode } from '../tree/field-insn-node.js';
import { FieldNode } from '../tree/field-node.js';
import type { ClassNode } from '../tree/class-node.js';
import { InnerClassNode } from '../tree/inner-class-node.js';
import { IincInsnNode } from '../tree/iinc-insn-node.js';
import { InsnList } from '../tree/insn-list.js';
import { InsnNode } from '../tree/insn-node.js';
import { IntInsnNode } from '../tree/int-insn-node.js';
import { LabelNode } from '../tree/label-node.js';
import { LineNumberNode } from '../tree/line-number-node.js';
import { LocalVariableNode } from '../tree/local-variable-node.js';
import { MethodInsnNode } from '../tree/method-insn-node.js';
import { MethodNode } from '../tree/method-node.js';
import { MultiANewArrayInsnNode } from '../tree/multi-a-new-array-insn-node.js';
import { TryCatchBlockNode } from '../tree/try-catch-block-node.js';
import { TypeInsnNode } from '../tree/type-insn-node.js';
import { VarInsnNode } from '../tree/var-insn-node.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import { constructorCall, constructorCalls } from './behavior-copy.js';
import type { ClassPool } from './class-pool.js';
import type { CtBehavior } from './ct-behavior.js';
import type { CtClass } from './ct-class.js';
import type { CtConstructor } from './ct-constructor.js';
import type { CtField } from './ct-field.js';
import type { ExprEditorLike } from './expr-editor.js';
import { Cast, ConstructorCall, FieldAccess, Handler, Instanceof, MethodCall, NewArray, NewExpr, type Expr } from './expr.js';
import type * as Ast from './compiler/ast.js';
import { className, TypeEnvironment, type ClassModel } from './compiler/class-model.js';
import { addLambdaBody, freeLambdaName, lambdaCompanionOf } from './lambda-companion.js';
import type { ClassPath } from '../classpath/class-path.js';
import { DESERIALIZE_LAMBDA, DESERIALIZE_LAMBDA_ACCESS, DESERIALIZE_LAMBDA_DESCRIPTOR, deserializationCase, invalidLambdaDeserialization, type SerializableLambda } from './compiler/lambda-deserialization.js';
import { type SnippetClassSink, CodeGenerator, coversAnInstruction, type CompileContext, type LambdaMethodSink, type LocalVariable, type ProceedOperation, type SnippetVariables } from './compiler/code-generator.js';
import { CompileError } from './compiler/compile-error.js';
import { ASSERTIONS_DISABLED, assertionsDisabledField, assertionsDisabledInitializer, checkAssertionsSupported } from './compiler/assertions-flag.js';
import { declareTypeParameters, type DeclaredTypeParameters } from './compiler/type-parameters.js';
import { fieldConstantValue, type Constant } from './compiler/constant-folding.js';
import { GenericMembers } from './compiler/generic-members.js';
import { erasure, extendScope, genericOf, type GenericType, parseFieldSignature, methodSignatureText, parseMethodSignature, signatureOf, type TypeVariableScope } from './compiler/generic-type.js';
import type { Emitter } from './compiler/emitter.js';
import { JavaSyntaxError } from './compiler/java-syntax-error.js';
import { JavaType } from './compiler/java-type.js';
import { parseConstructorDeclaration, parseExpression, parseFieldDeclaration, parseMethodDeclaration, parseSnippet } from './compiler/parser.js';
import { TypeNameResolver } from './compiler/type-names.js';

// ## Shared machinery

const environments = new WeakMap<ClassPool, { classPath: unknown; hierarchyVersion: number; env: TypeEnvironment }>();

/**
 * The pool's type environment (its class path, with its own classes' trees in front): one per class
 * path, so that what it learnt of the class path's classes is kept while the pool's classes change.
 */
function environmentOf(pool: ClassPool): TypeEnvironment {
  const classPath = pool.frameClassPath();
  const hierarchyVersion = pool.hierarchyVersion();
  const cached = environments.get(pool);
  if (cached !== undefined && cached.classPath === classPath) {
    if (cached.hierarchyVersion !== hierarchyVersion) {
      cached.env.hierarchyChanged();
      cached.hierarchyVersion = hierarchyVersion;
    }
    return cached.env;
  }
  let classModels = classModelsByClassPath.get(classPath.base);
  if (classModels === undefined) {
    classModels = new Map();
    classModelsByClassPath.set(classPath.base, classModels);
  }
  const env = new TypeEnvironment(classPath, (internalName) => pool.poolNode(internalName), classModels);
  environments.set(pool, { classPath, hierarchyVersion, env });
  return env;
}

/** The class-path class models of the environments over each base class path (see TypeEnvironment's constructor). */
const classModelsByClassPath = new WeakMap<ClassPath, Map<string, ClassModel | null>>();

/**
 * How to take back what each running compilation step added to classes (lambda methods, the
 * assertion flag), innermost step last: a step that fails undoes its own, so that a snippet that
 * does not compile leaves its class as it was.
 */
const undoSteps: (() => void)[][] = [];

/** The place an error message names: given, or computed when an error needs it (a method's long name costs a descriptor parse). */
function placeOf(where: string | (() => string)): string {
  return typeof where === 'string' ? where : where();
}

/**
 * Runs a compilation step, turning syntax and semantic errors into a CannotCompileException naming
 * `where`. A `trial` step is undone even when it succeeds: it only checks that the code compiles.
 */
function compiling<T>(whereGiven: string | (() => string), step: () => T, trial = false): T {
  undoSteps.push([]);
  let succeeded = false;
  try {
    const result = step();
    succeeded = true;
    return result;
  } catch (error) {
    if (error instanceof JavaSyntaxError || error instanceof CompileError) {
      throw new CannotCompileException(`${placeOf(whereGiven)}: ${error.message}`, { cause: error });
    }
    if (error instanceof CannotCompileException) throw error;
    throw new CannotCompileException(`${placeOf(whereGiven)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    const undo = undoSteps.pop()!;
    if (succeeded && !trial) undoSteps[undoSteps.length - 1]?.push(...undo);
    else for (const step of undo.reverse()) step();
  }
}

/**
 * Adds lambda bodies to `ctClass` as `private synthetic lambda$<method>$<n>` methods, named as javac
 * names them (JLS §15.27.4 leaves the name to the compiler).
 */
function lambdaMethodsOf(ctClass: CtClass, enclosingMethod: string): LambdaMethodSink {
  const base = enclosingMethod === '<init>' ? 'new' : enclosingMethod === '<clinit>' ? 'static' : enclosingMethod;
  const onUndo = (step: () => void): void => void undoSteps[undoSteps.length - 1]?.push(step);
  // A class being redefined takes no new method (CtClass.setRedefining): the bodies go to a companion (lambda-companion.ts).
  const companion = (): CtClass => lambdaCompanionOf(ctClass, (name) => environmentOf(ctClass.getClassPool()).hasClass(name), onUndo);
  return {
    bodiesElsewhere: ctClass.isRedefining()
      ? {
          owner: () => companion().getInternalName(),
          reason: `the lambda body runs in another class, as ${className(ctClass.getInternalName())} is being redefined, and a loaded class takes no new method (JVMTI RedefineClasses)`,
        }
      : undefined,
    add(method: MethodNode): string {
      if (ctClass.isRedefining()) return addLambdaBody(companion(), ctClass.getInternalName(), base, method, onUndo);
      const classNode = ctClass.classNode();
      method.name = freeLambdaName(classNode.methods, base);
      classNode.methods.push(method);
      undoSteps[undoSteps.length - 1]?.push(() => classNode.methods.splice(classNode.methods.indexOf(method), 1));
      return method.name;
    },
    addDeserializationCase(lambda: SerializableLambda): void {
      const classNode = ctClass.classNode();
      const existing = classNode.methods.find((m) => m.name === DESERIALIZE_LAMBDA && m.desc === DESERIALIZE_LAMBDA_DESCRIPTOR);
      if (existing === undefined && ctClass.isRedefining()) throw new CompileError(`a serializable lambda needs a ${DESERIALIZE_LAMBDA} method, which ${className(ctClass.getInternalName())} does not have and cannot take: it is being redefined (JVMTI RedefineClasses)`);
      const method = existing ?? new MethodNode(Opcodes.ASM9, DESERIALIZE_LAMBDA_ACCESS, DESERIALIZE_LAMBDA, DESERIALIZE_LAMBDA_DESCRIPTOR, null, null);
      ctClass.checkModify(method);
      if (existing === undefined) {
        method.instructions.add(invalidLambdaDeserialization());
        method.maxLocals = 0;
        method.maxStack = 0;
        classNode.methods.push(method);
      }
      const code = deserializationCase(lambda);
      const inserted = code.toArray();
      method.instructions.insert(code);
      undoSteps[undoSteps.length - 1]?.push(() => {
        if (existing === undefined) classNode.methods.splice(classNode.methods.indexOf(method), 1);
        else for (const insn of inserted) method.instructions.remove(insn);
      });
    },
    assertionsDisabledField(): string {
      const classNode = ctClass.classNode();
      const name = ASSERTIONS_DISABLED;
      if (classNode.fields.some((f) => f.name === name)) return name;
      if (ctClass.isRedefining()) throw new CompileError(`assert needs the field ${name}, which ${className(ctClass.getInternalName())} does not have and cannot take: it is being redefined (JVMTI RedefineClasses)`);
      if (ctClass.isInterface()) throw new CompileError('assert statements in interfaces are not supported in snippets');
      checkAssertionsSupported(classNode.version);
      const field = assertionsDisabledField();
      classNode.fields.push(field);
      const existing = classNode.methods.find((m) => m.name === '<clinit>');
      const clinit = existing ?? new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, '<clinit>', '()V', null, null);
      ctClass.checkModify(clinit);
      if (existing === undefined) {
        clinit.instructions.add(new InsnNode(Opcodes.RETURN));
        classNode.methods.push(clinit);
      }
      const code = assertionsDisabledInitializer(classNode.name, topLevelName(classNode.name, ctClass));
      const inserted = code.toArray();
      clinit.instructions.insert(code);
      undoSteps[undoSteps.length - 1]?.push(() => {
        classNode.fields.splice(classNode.fields.indexOf(field), 1);
        if (existing === undefined) classNode.methods.splice(classNode.methods.indexOf(clinit), 1);
        else for (const insn of inserted) clinit.instructions.remove(insn);
      });
      return name;
    },
  };
}

/**
 * Makes the anonymous and local classes of snippets of `ctClass` classes of its pool (JLS §15.9.5,
 * §14.3, see compiler/snippet-classes.ts): named `Enclosing$N` (`Enclosing$NName` for a local class)
 * with the first N that no class of the pool or
 * class path has and that the class's InnerClasses does not list (a class another transform added
 * for it), listed in its InnerClasses, and in its NestMembers when it heads its own nest (class
 * files 55+). They become its companion classes (CtClass.getCompanionClasses). A snippet that fails
 * takes its classes back.
 */
function snippetClassesOf(ctClass: CtClass): SnippetClassSink {
  const pool = ctClass.getClassPool();
  return {
    name(enclosing: string, simpleName = '') {
      const env = environmentOf(pool);
      const node = ctClass.classNode();
      const listed = new Set(node.innerClasses.map((entry) => entry.name));
      let n = 1;
      while (listed.has(`${enclosing}$${n}${simpleName}`) || env.hasClass(`${enclosing}$${n}${simpleName}`)) n++;
      const name = `${enclosing}$${n}${simpleName}`;
      const hasNests = (node.version & 0xffff) >= Opcodes.V11;
      const host = node.nestHostClass ?? node.name;
      if (hasNests && host !== node.name) {
        return { name, nestHost: null, outsideNest: `cannot join the nest of ${className(host)}, whose NestMembers a snippet of ${className(node.name)} does not change` };
      }
      if (hasNests && ctClass.isRedefining()) {
        return { name, nestHost: null, outsideNest: `cannot join the nest of ${className(node.name)}, which is being redefined: a loaded class's NestMembers cannot change (JVMTI RedefineClasses)` };
      }
      return { name, nestHost: hasNests ? node.name : null };
    },
    add(anonymous: ClassNode) {
      ctClass.checkModify();
      const node = ctClass.classNode();
      // Its code comes from the class's source: stack traces name that file (javac's SourceFile too).
      anonymous.sourceFile ??= node.sourceFile;
      const companion = pool.adoptClass(anonymous);
      const own = anonymous.innerClasses.find((candidate) => candidate.name === anonymous.name);
      const entry = new InnerClassNode(anonymous.name, null, own?.innerName ?? null, own?.access ?? 0);
      node.innerClasses.push(entry);
      const joinsNest = anonymous.nestHostClass === node.name;
      if (joinsNest) (node.nestMembers ??= []).push(anonymous.name);
      ctClass.companionMade(companion, true);
      undoSteps[undoSteps.length - 1]?.push(() => {
        ctClass.companionMade(companion, false);
        pool.removeCached(companion);
        node.innerClasses.splice(node.innerClasses.indexOf(entry), 1);
        if (joinsNest) node.nestMembers!.splice(node.nestMembers!.indexOf(anonymous.name), 1);
      });
    },
  };
}

/** The top-level class enclosing `internalName` (itself if it is one), by the pool's InnerClasses knowledge. */
function topLevelName(internalName: string, ctClass: CtClass): string {
  return environmentOf(ctClass.getClassPool()).topLevelClass(internalName);
}

/** The method's facts the compiler needs. */
interface MethodFacts {
  readonly isStatic: boolean;
  readonly parameters: LocalVariable[];
  readonly returnType: JavaType;
  readonly thisVariable: LocalVariable | null;
  readonly firstFreeSlot: number;
  /** The generic return type from the method's Signature, or null. */
  readonly returnGeneric: GenericType | null;
  /** The method's name (`<init>` for a constructor). */
  readonly methodName: string;
  /** The type variables in scope in the method (the class's and its own), erased. */
  readonly typeScope: TypeVariableScope;
  /** The method's descriptor (an anonymous class's EnclosingMethod names it); absent for declarations' scratch contexts. */
  readonly methodDescriptor?: string;
}

function methodFacts(ctClass: CtClass, method: MethodNode): MethodFacts {
  const members = GenericMembers.of(environmentOf(ctClass.getClassPool()));
  const classScope = members.scopeOf(ctClass.getInternalName());
  // A method gets a snippet after another (insertBefore, insertAfter…): what its descriptor and
  // Signature say is worked out once, while they (and its class's type variables) stay as they were.
  let known = signatureFacts.get(method);
  if (
    known === undefined ||
    known.desc !== method.desc ||
    known.signature !== method.signature ||
    known.access !== method.access ||
    known.name !== method.name ||
    known.className !== ctClass.getInternalName() ||
    known.classScope !== classScope
  ) {
    known = { desc: method.desc, signature: method.signature, access: method.access, name: method.name, className: ctClass.getInternalName(), classScope, facts: signatureFactsOf(ctClass, method, members, classScope) };
    signatureFacts.set(method, known);
  }
  const { facts } = known;
  // Spelled out (a spread of `facts` cost more than the rest of this function).
  return {
    isStatic: facts.isStatic,
    parameters: facts.parameters,
    returnType: facts.returnType,
    thisVariable: facts.thisVariable,
    firstFreeSlot: Math.max(facts.parameterSlots, method.maxLocals, usedSlots(method), declaredSlots(method)),
    returnGeneric: facts.returnGeneric,
    methodName: facts.methodName,
    typeScope: facts.typeScope,
    methodDescriptor: method.desc,
  };
}

/** What a method's descriptor, flags and Signature say, with what they were derived from. */
interface SignatureFacts {
  readonly desc: string;
  readonly signature: string | null;
  readonly access: number;
  readonly name: string;
  readonly className: string;
  readonly classScope: TypeVariableScope;
  readonly facts: Omit<MethodFacts, 'firstFreeSlot'> & { readonly parameterSlots: number };
}

const signatureFacts = new WeakMap<MethodNode, SignatureFacts>();

function signatureFactsOf(ctClass: CtClass, method: MethodNode, members: GenericMembers, classScope: TypeVariableScope): SignatureFacts['facts'] {
  const isStatic = (method.access & Opcodes.ACC_STATIC) !== 0;
  const { argumentTypes, returnType } = JavaType.methodTypes(method.desc);
  // The generic parameter types from the method's Signature (JVMS §4.7.9.1), where it matches the
  // descriptor (javac leaves out synthetic parameters, such as an inner class constructor's outer instance).
  const signature = method.signature === null ? null : parseMethodSignature(method.signature, classScope);
  const generics = signature !== null && signature.parameters.length === argumentTypes.length ? signature.parameters : null;
  let slot = isStatic ? 0 : 1;
  const parameters = argumentTypes.map((type, i) => {
    const variable = withGeneric({ type, slot }, generics?.[i]);
    slot += type.size;
    return variable;
  });
  const thisType = JavaType.classType(ctClass.getInternalName());
  return {
    isStatic,
    parameters,
    returnType,
    thisVariable: isStatic ? null : withGeneric({ type: thisType, slot: 0 }, members.thisType(ctClass.getInternalName())),
    parameterSlots: slot,
    methodName: method.name,
    returnGeneric: signature !== null && erasure(signature.returnType) === returnType ? signature.returnType : null,
    typeScope: signature === null ? classScope : extendScope(classScope, signature.typeParameters),
  };
}

/** `variable` with its generic type, when that is known and agrees with its erased type. */
function withGeneric(variable: { type: JavaType; slot: number }, generic: GenericType | null | undefined): LocalVariable {
  return generic != null && generic.kind !== 'primitive' && erasure(generic) === variable.type ? { ...variable, generic } : variable;
}

/** The first slot above every local the LocalVariableTable declares (addLocalVariable's, before any use). */
function declaredSlots(method: MethodNode): number {
  let max = 0;
  for (const local of method.localVariables ?? []) {
    max = Math.max(max, local.index + (local.desc === 'J' || local.desc === 'D' ? 2 : 1));
  }
  return max;
}

/** The first slot above every local the method's instructions use. */
function usedSlots(method: MethodNode): number {
  let max = 0;
  // Walked by links: asked for at every snippet, over the whole method.
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn instanceof VarInsnNode) {
      const size = insn.getOpcode() === Opcodes.LLOAD || insn.getOpcode() === Opcodes.DLOAD || insn.getOpcode() === Opcodes.LSTORE || insn.getOpcode() === Opcodes.DSTORE ? 2 : 1;
      max = Math.max(max, insn.var + size);
    } else if (insn instanceof IincInsnNode) {
      max = Math.max(max, insn.var + 1);
    }
  }
  return max;
}

function contextFor(ctClass: CtClass, facts: MethodFacts, variables: SnippetVariables, firstFreeSlot: number): CompileContext {
  const pool = ctClass.getClassPool();
  const env = environmentOf(pool);
  const currentClass = ctClass.getInternalName();
  const names = typeNamesOf(env, currentClass, pool.getImportedPackages());
  return {
    env,
    names,
    currentClass,
    superName: ctClass.classNode().superName,
    isStatic: facts.isStatic,
    returnType: facts.returnType,
    returnGeneric: facts.returnGeneric,
    variables,
    firstFreeSlot,
    classVersion: ctClass.classNode().version,
    isInterface: ctClass.isInterface(),
    methodName: facts.methodName,
    lambdaMethods: lambdaMethodsOf(ctClass, facts.methodName),
    typeVariables: facts.typeScope,
    snippetClasses: snippetClassesOf(ctClass),
    ...(facts.methodDescriptor === undefined ? {} : { methodDescriptor: facts.methodDescriptor }),
  };
}

const typeNameResolvers = new WeakMap<TypeEnvironment, Map<string, { readonly imports: string; readonly generation: number; readonly resolver: TypeNameResolver }>>();

/**
 * The type names of `currentClass`'s code: one resolver per class, so that the simple names it has
 * looked up are looked up once (`System` in every snippet), until the imports or the pool's classes change.
 */
function typeNamesOf(env: TypeEnvironment, currentClass: string, importedPackages: readonly string[]): TypeNameResolver {
  let byClass = typeNameResolvers.get(env);
  if (byClass === undefined) {
    byClass = new Map();
    typeNameResolvers.set(env, byClass);
  }
  const imports = importedPackages.join(',');
  const known = byClass.get(currentClass);
  if (known !== undefined && known.imports === imports && known.generation === env.hierarchyGeneration) return known.resolver;
  const onDemand = importedPackages.filter((name) => name !== 'java.lang');
  const resolver = new TypeNameResolver(env, { currentClass, imports: { singleType: [], onDemand } });
  byClass.set(currentClass, { imports, generation: env.hierarchyGeneration, resolver });
  return resolver;
}

/** The standard `$` variables of a method: $0, $1…, and $r/$type as its return type. */
function methodVariables(facts: MethodFacts, extra?: Partial<SnippetVariables>): SnippetVariables {
  return { zero: facts.thisVariable, parameters: facts.parameters, resultType: facts.returnType, ...extra };
}

function where(behavior: CtBehavior): string {
  return behavior.getLongName();
}

/** The method's body, or an error for abstract and native methods. */
function requireBody(behavior: CtBehavior): MethodNode {
  const method = behavior.methodNode();
  if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0 || method.instructions.size() === 0) {
    throw new CannotCompileException(`${where(behavior)}: no method body (abstract or native)`);
  }
  return method;
}

/** Compiles a snippet for `behavior`; returns the generator holding the code. */
function compileSnippet(
  behavior: CtBehavior,
  source: string,
  variables: (facts: MethodFacts) => SnippetVariables,
  firstFreeSlot?: number,
  at?: AbstractInsnNode | null,
  thisUninitialized = false,
): { generator: CodeGenerator; facts: MethodFacts } {
  const ctClass = behavior.getDeclaringClass();
  const facts = methodFacts(ctClass, behavior.methodNode());
  return compiling(() => where(behavior), () => {
    const block = parseSnippet(expandCflow(source, ctClass.getClassPool()));
    const context = contextFor(ctClass, facts, variables(facts), firstFreeSlot ?? facts.firstFreeSlot);
    const generator = new CodeGenerator(thisUninitialized ? { ...context, thisUninitialized } : context);
    declareNamedLocals(generator, behavior.methodNode(), facts, at);
    for (const [name, local] of addedLocals.get(behavior.methodNode()) ?? []) generator.declare(name, local.type, local.slot);
    generator.statement(block);
    generator.finishCode();
    return { generator, facts };
  });
}

/**
 * Names from the LocalVariableTable (a class compiled with -g) of the locals live where the snippet
 * goes (`at`: the instruction it is inserted before; the method's start by default), so that
 * snippets may use them besides $1…, as Javassist does (Javac.recordLocalVariables). Without a
 * table only the `$` names exist.
 */
function declareNamedLocals(generator: CodeGenerator, method: MethodNode, facts: MethodFacts, at: AbstractInsnNode | null = method.instructions.getFirst()): void {
  const locals = method.localVariables;
  if (locals === null || locals.length === 0 || at === null) return;
  const position = method.instructions.indexOf(at);
  for (const local of locals) {
    const start = method.instructions.indexOf(local.start);
    const end = method.instructions.indexOf(local.end);
    if (start <= position && position < end && local.name !== 'this') {
      // The LocalVariableTypeTable (merged into `signature`) gives a generic local its type arguments.
      const type = JavaType.fromDescriptor(local.desc);
      const generic = local.signature === null ? null : parseFieldSignature(local.signature, facts.typeScope);
      generator.declare(local.name, type, local.index, generic !== null && erasure(generic) === type ? generic : null);
    }
  }
}

/**
 * splice at the very start of `method`. The locals whose LocalVariableTable range began at offset 0
 * (`this`, the parameters, addLocalVariable's) still begin there, over the inserted code too, as in
 * Javassist: a later snippet (another insertBefore) still knows the parameters by name, and so do
 * debuggers. Jumps to the old first instruction still land after the inserted code.
 */
function spliceAtStart(method: MethodNode, generated: MethodNode): void {
  const headLabels = new Set<LabelNode>();
  for (let node = method.instructions.getFirst(); node !== null && node.getOpcode() < 0; node = node.getNext()) {
    if (node instanceof LabelNode) headLabels.add(node);
  }
  splice(method, generated, method.instructions.getFirst());
  if (headLabels.size === 0) return;
  const start = new LabelNode();
  method.instructions.insert(start);
  for (const local of method.localVariables ?? []) if (headLabels.has(local.start)) local.start = start;
  for (const annotation of [...(method.visibleLocalVariableAnnotations ?? []), ...(method.invisibleLocalVariableAnnotations ?? [])]) {
    annotation.start = annotation.start.map((label) => (headLabels.has(label) ? start : label));
  }
}

/** Moves the generated instructions and handlers into `method`: code before `before` (or at the end), handlers first. */
function splice(method: MethodNode, generated: MethodNode, before: AbstractInsnNode | null): void {
  const code = generated.instructions;
  if (before === null) method.instructions.add(code);
  else method.instructions.insertBefore(before, code);
  if (generated.tryCatchBlocks !== null && generated.tryCatchBlocks.length > 0) {
    method.tryCatchBlocks = [...generated.tryCatchBlocks, ...(method.tryCatchBlocks ?? [])];
  }
}

function isReturn(insn: AbstractInsnNode): boolean {
  const opcode = insn.getOpcode();
  return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
}

/**
 * The instruction right after a constructor's super(...)/this(...) call: the first invokespecial
 * <init> not matched by a NEW before it (javac nests NEW … <init> pairs), or null if there is none.
 */
/**
 * Refuses a handler over the body of a constructor that calls super(...)/this(...) in more than one
 * place (groovyc picks this(...) per switch branch): the range from the first call would cover code
 * where `this` is not yet initialized, which HotSpot rejects (flagThisUninit, JVMS §4.10.1.9).
 */
function checkSingleConstructorCall(behavior: CtBehavior, method: MethodNode, what: string): void {
  if (method.name !== '<init>') return;
  const calls = constructorCalls(method).length;
  if (calls > 1) {
    throw new CannotCompileException(
      `${where(behavior)}: ${what} cannot cover this constructor's body: it calls super(...) or this(...) in ${calls} places, and a handler from the first would cover code where this is not initialized yet (HotSpot rejects that)`,
    );
  }
}

function afterConstructorCall(method: MethodNode): AbstractInsnNode | null {
  const call = constructorCall(method);
  return call === null ? null : call.getNext();
}

/** The first instruction of the body proper: after the super/this call in constructors. */
function bodyStart(behavior: CtBehavior, method: MethodNode): AbstractInsnNode | null {
  if (method.name !== '<init>') return method.instructions.getFirst();
  const after = afterConstructorCall(method);
  if (after === null) throw new CannotCompileException(`${where(behavior)}: no super() or this() call found in the constructor`);
  return after;
}

// ## CtBehavior edits

export function insertBefore(behavior: CtBehavior, source: string): void {
  const method = requireBody(behavior);
  // A constructor's code goes before its super(…)/this(…) call, where this is not initialized (as Javassist's).
  const { generator } = compileSnippet(behavior, source, (facts) => methodVariables(facts), undefined, undefined, method.name === '<init>');
  spliceAtStart(method, generator.output);
}

export function insertBeforeBody(constructor: CtConstructor, source: string): void {
  const method = requireBody(constructor);
  const start = constructor.isClassInitializer() ? null : bodyStart(constructor, method);
  const { generator } = compileSnippet(constructor, source, (facts) => methodVariables(facts));
  if (start === null) spliceAtStart(method, generator.output);
  else splice(method, generator.output, start);
}

export function insertAfter(behavior: CtBehavior, source: string, asFinally: boolean): void {
  const method = requireBody(behavior);
  const facts = methodFacts(behavior.getDeclaringClass(), method);
  const resultType = facts.returnType;
  const resultSlot = facts.firstFreeSlot;
  const result: LocalVariable = { type: resultType, slot: resultType.isVoid() ? -1 : resultSlot };
  const firstFree = facts.firstFreeSlot + (resultType.isVoid() ? 0 : resultType.size);
  if (asFinally) checkSingleConstructorCall(behavior, method, 'insertAfter(…, true)');
  const returns = method.instructions.toArray().filter(isReturn);
  // The protected range starts where the body does, marked before any copy goes in: when the body's
  // first instruction is a return, its copy of the after code must come after that mark.
  const start = new LabelNode();
  if (asFinally) method.instructions.insertBefore(bodyStart(behavior, method)!, start);
  const gaps: [LabelNode, LabelNode][] = [];
  // Compiled once (the same variables and slots at every return), and a copy goes before each return.
  const compiled = returns.length === 0 ? null : compileSnippet(behavior, source, (f) => methodVariables(f, { result }), firstFree).generator;
  returns.forEach((ret, i) => {
    const generator = compiled!;
    const generated = i === returns.length - 1 ? generator.output : copyOfCode(generator.output);
    const code = new InsnList();
    const gapStart = new LabelNode();
    const gapEnd = new LabelNode();
    code.add(gapStart);
    if (!resultType.isVoid()) code.add(new VarInsnNode(resultType.toAsmType().getOpcode(Opcodes.ISTORE), resultSlot));
    code.add(generated.instructions);
    if (!resultType.isVoid() && generator.reachable) code.add(new VarInsnNode(resultType.toAsmType().getOpcode(Opcodes.ILOAD), resultSlot));
    code.add(gapEnd);
    method.instructions.insertBefore(ret, code);
    if (generated.tryCatchBlocks !== null && generated.tryCatchBlocks.length > 0) {
      method.tryCatchBlocks = [...generated.tryCatchBlocks, ...(method.tryCatchBlocks ?? [])];
    }
    if (!generator.reachable) method.instructions.remove(ret);
    gaps.push([gapStart, gapEnd]);
  });
  if (!asFinally) return;
  // The catch-all handler: the body minus the inserted copies; the after code runs with $_ = the
  // default value, then the exception is rethrown.
  const end = new LabelNode();
  method.instructions.add(end);
  const handler = new LabelNode();
  const exceptionSlot = firstFree;
  const { generator } = compileSnippet(behavior, source, (f) => methodVariables(f, { result }), firstFree + 1);
  const code = new InsnList();
  code.add(handler);
  code.add(new VarInsnNode(Opcodes.ASTORE, exceptionSlot));
  if (!resultType.isVoid()) {
    pushDefault(code, resultType);
    code.add(new VarInsnNode(resultType.toAsmType().getOpcode(Opcodes.ISTORE), resultSlot));
  }
  const generated = generator.output;
  code.add(generated.instructions);
  if (generator.reachable) {
    code.add(new VarInsnNode(Opcodes.ALOAD, exceptionSlot));
    code.add(new InsnNode(Opcodes.ATHROW));
  }
  method.instructions.add(code);
  const blocks: TryCatchBlockNode[] = [];
  let segmentStart = start;
  // Only segments with code: an empty range (start_pc = end_pc) is malformed (JVMS §4.7.3) — the
  // last segment is empty when the after code ends the method itself (its return replaced the last one).
  for (const [gapStart, gapEnd] of gaps) {
    if (coversAnInstruction(segmentStart, gapStart)) blocks.push(new TryCatchBlockNode(segmentStart, gapStart, handler, null));
    segmentStart = gapEnd;
  }
  if (coversAnInstruction(segmentStart, end)) blocks.push(new TryCatchBlockNode(segmentStart, end, handler, null));
  // Outermost: after every existing handler, so that those still catch first.
  method.tryCatchBlocks = [...(generated.tryCatchBlocks ?? []), ...(method.tryCatchBlocks ?? []), ...blocks];
}

/** A copy of compiled code (its instructions and handlers, with labels of their own), to insert a second time. */
function copyOfCode(code: MethodNode): { instructions: InsnList; tryCatchBlocks: TryCatchBlockNode[] | null } {
  const labels = new Map<LabelNode, LabelNode>();
  for (const insn of code.instructions) if (insn instanceof LabelNode) labels.set(insn, new LabelNode());
  const instructions = new InsnList();
  for (const insn of code.instructions) instructions.add(insn.clone(labels));
  const tryCatchBlocks = code.tryCatchBlocks?.map((block) => new TryCatchBlockNode(labels.get(block.start)!, labels.get(block.end)!, labels.get(block.handler)!, block.type)) ?? null;
  return { instructions, tryCatchBlocks };
}

/** Whether an instruction (not a label, line number or frame) lies between `start` and `end`, which follows it. */
function pushDefault(code: InsnList, type: JavaType): void {
  if (type.isReference()) code.add(new InsnNode(Opcodes.ACONST_NULL));
  else if (type === JavaType.LONG) code.add(new InsnNode(Opcodes.LCONST_0));
  else if (type === JavaType.FLOAT) code.add(new InsnNode(Opcodes.FCONST_0));
  else if (type === JavaType.DOUBLE) code.add(new InsnNode(Opcodes.DCONST_0));
  else code.add(new InsnNode(Opcodes.ICONST_0));
}

export function addCatch(behavior: CtBehavior, source: string, exceptionType: CtClass, exceptionName: string): void {
  const method = requireBody(behavior);
  checkSingleConstructorCall(behavior, method, 'addCatch');
  // JVMS §4.10.1.6 (and javac): a handler's catch type is Throwable or a subclass; HotSpot refuses the class otherwise.
  const pool = behavior.getDeclaringClass().getClassPool();
  if (exceptionType.isPrimitive() || exceptionType.isArray() || !exceptionType.subtypeOf(pool.get('java.lang.Throwable'))) {
    throw new CannotCompileException(`${where(behavior)}: incompatible types: ${exceptionType.getName()} cannot be converted to java.lang.Throwable (addCatch's exception type)`);
  }
  const facts = methodFacts(behavior.getDeclaringClass(), method);
  const exception: LocalVariable = { type: JavaType.fromDescriptor(exceptionType.getDescriptor()), slot: facts.firstFreeSlot };
  const { generator } = compileSnippet(behavior, source, (f) => methodVariables(f, { extra: new Map([[exceptionName, exception]]) }), facts.firstFreeSlot + 1);
  if (generator.reachable) {
    throw new CannotCompileException(`${where(behavior)}: the catch block added by addCatch must end with a return or throw statement`);
  }
  const start = new LabelNode();
  const end = new LabelNode();
  const handler = new LabelNode();
  method.instructions.insertBefore(bodyStart(behavior, method)!, start);
  method.instructions.add(end);
  method.instructions.add(handler);
  method.instructions.add(new VarInsnNode(Opcodes.ASTORE, exception.slot));
  const generated = generator.output;
  method.instructions.add(generated.instructions);
  method.tryCatchBlocks = [...(generated.tryCatchBlocks ?? []), ...(method.tryCatchBlocks ?? []), new TryCatchBlockNode(start, end, handler, exceptionType.getInternalName())];
}

export function setBody(behavior: CtBehavior, source: string | null): void {
  const method = behavior.methodNode();
  const ctClass = behavior.getDeclaringClass();
  const parameterNames = method.localVariables?.filter((local) => local.start === method.instructions.getFirst()) ?? [];
  // Compiled into a scratch method first: a snippet that does not compile leaves the old body.
  const scratch = new MethodNode(Opcodes.ASM9, method.access & ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE), method.name, method.desc, method.signature, null);
  const facts = methodFacts(ctClass, scratch);
  compiling(() => where(behavior), () => {
    const block: Ast.BlockNode = source === null ? { kind: 'Block', statements: [], position: { line: 1, column: 1, offset: 0 } } : parseSnippet(expandCflow(source, ctClass.getClassPool()));
    const generator = new CodeGenerator(contextFor(ctClass, facts, methodVariables(facts), facts.firstFreeSlot), scratch);
    for (const local of parameterNames) {
      const parameter = facts.parameters.find((p) => p.slot === local.index);
      if (parameter !== undefined) generator.declare(local.name, parameter.type, parameter.slot, parameter.generic);
    }
    compileBody(generator, block, behavior.getMethodName() === '<init>', facts.returnType, source === null);
  });
  method.access &= ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE);
  method.instructions.clear();
  method.instructions.add(scratch.instructions);
  method.tryCatchBlocks = scratch.tryCatchBlocks ?? [];
  method.localVariables = null;
  method.visibleLocalVariableAnnotations = null;
  method.invisibleLocalVariableAnnotations = null;
  method.maxLocals = 0;
  method.maxStack = 0;
}

/**
 * A whole body: for a constructor, `super()` first unless it starts with this(...)/super(...); at
 * the end a return for void methods, else a missing return is an error (or, for setBody(null), the
 * default value is returned).
 */
function compileBody(generator: CodeGenerator, block: Ast.BlockNode, isConstructor: boolean, returnType: JavaType, returnDefault: boolean): void {
  const statements = block.statements;
  if (isConstructor) {
    // JLS §8.8.7: the body's first statement may be super(…)/this(…); without one, super() is implied.
    const first = statements[0];
    if (first !== undefined && first.kind === 'ExplicitConstructorInvocation') {
      generator.constructorInvocation(first);
      block = { ...block, statements: statements.slice(1) };
    } else {
      generator.constructorInvocation({ kind: 'ExplicitConstructorInvocation', isSuper: true, qualifier: null, typeArguments: null, arguments: [], position: block.position });
    }
  }
  generator.statement(block);
  generator.finishCode();
  generator.removeEmptyHandlers();
  if (!generator.reachable) return;
  if (returnType.isVoid()) {
    generator.emitter.returnValue(JavaType.VOID);
  } else if (returnDefault) {
    generator.emitter.pushDefault(returnType);
    generator.emitter.returnValue(returnType);
  } else {
    throw new CompileError('missing return statement', block.position);
  }
}

export function insertAt(behavior: CtBehavior, line: number, source: string, modify: boolean): number {
  const method = requireBody(behavior);
  // Javassist's LineNumberAttribute.toNearPc: the first entry of the smallest line at or after `line`,
  // else of the largest line before it (a line past the method's last statement: its last line).
  let atOrAfter: LineNumberNode | null = null;
  let before: LineNumberNode | null = null;
  for (const insn of method.instructions) {
    if (!(insn instanceof LineNumberNode)) continue;
    if (insn.line >= line) {
      if (atOrAfter === null || insn.line < atOrAfter.line) atOrAfter = insn;
    } else if (before === null || insn.line > before.line) {
      before = insn;
    }
  }
  const best = atOrAfter ?? before;
  if (best === null) throw new CannotCompileException(`${where(behavior)}: no line number information (compile the class with -g or -g:lines)`);
  if (!modify) return best.line;
  // After the line's LineNumberNode (and its label): the inserted code belongs to that line.
  const next = best.getNext();
  const { generator } = compileSnippet(behavior, source, (facts) => methodVariables(facts), undefined, next);
  splice(method, generator.output, next);
  return best.line;
}

/**
 * CtBehavior.addLocalVariable: a new local of `type` named `name` over the whole body (a
 * LocalVariableTable entry from the first to the last instruction), which later snippets of this
 * method can use by name, as Javassist's: `addLocalVariable("t", CtClass.longType)`, then
 * `insertBefore("t = System.nanoTime();")` and `insertAfter("… System.nanoTime() - t …")`.
 */
export function addLocalVariable(behavior: CtBehavior, name: string, type: CtClass): void {
  const method = requireBody(behavior);
  if ((method.localVariables ?? []).some((local) => local.name === name && method.instructions.indexOf(local.start) === 0)) {
    throw new CannotCompileException(`${where(behavior)}: a local variable ${name} is already declared over the whole body`);
  }
  const facts = methodFacts(behavior.getDeclaringClass(), method);
  const start = new LabelNode();
  const end = new LabelNode();
  method.instructions.insert(start);
  method.instructions.add(end);
  method.localVariables ??= [];
  method.localVariables.push(new LocalVariableNode(name, type.getDescriptor(), null, start, end, facts.firstFreeSlot));
  // Every later snippet of the method sees it, wherever it goes (code inserted before the start label
  // by insertBefore is outside the table's range, but not outside the variable's use).
  let locals = addedLocals.get(method);
  if (locals === undefined) addedLocals.set(method, (locals = new Map()));
  locals.set(name, { type: JavaType.fromDescriptor(type.getDescriptor()), slot: facts.firstFreeSlot });
}

/** The locals addLocalVariable declared, per method. */
const addedLocals = new WeakMap<MethodNode, Map<string, LocalVariable>>();

// ## Declarations: CtNewMethod.make, CtNewConstructor.make, CtField.make

const MODIFIER_FLAGS: Readonly<Record<string, number>> = {
  public: Opcodes.ACC_PUBLIC,
  protected: Opcodes.ACC_PROTECTED,
  private: Opcodes.ACC_PRIVATE,
  static: Opcodes.ACC_STATIC,
  abstract: Opcodes.ACC_ABSTRACT,
  final: Opcodes.ACC_FINAL,
  native: Opcodes.ACC_NATIVE,
  synchronized: Opcodes.ACC_SYNCHRONIZED,
  transient: Opcodes.ACC_TRANSIENT,
  volatile: Opcodes.ACC_VOLATILE,
  strictfp: Opcodes.ACC_STRICT,
  default: 0,
};

function modifierFlags(modifiers: Ast.ModifiersNode): number {
  return modifiers.keywords.reduce((flags, keyword) => flags | (MODIFIER_FLAGS[keyword] ?? 0), 0);
}

/** A resolver of type names inside `ctClass`, for declarations. */
function declarationContext(
  ctClass: CtClass,
  isStatic: boolean,
  typeScope: TypeVariableScope = classTypeScope(ctClass, isStatic),
): {
  generator: (method: MethodNode, facts: MethodFacts) => CodeGenerator;
  resolve: (node: Ast.TypeNode | Ast.VoidTypeNode) => JavaType;
  generic: (node: Ast.TypeNode | Ast.VoidTypeNode) => GenericType | null;
} {
  const dummyFacts: MethodFacts = { isStatic, parameters: [], returnType: JavaType.VOID, thisVariable: null, firstFreeSlot: 0, methodName: 'init', returnGeneric: null, typeScope };
  const resolver = new CodeGenerator(contextFor(ctClass, dummyFacts, {}, 0));
  return {
    resolve: (node) => resolver.typeOf(node),
    generic: (node) => (node.kind === 'VoidType' ? null : resolver.genericTypeOf(node)),
    generator: (method, facts) => new CodeGenerator(contextFor(ctClass, facts, methodVariables(facts), facts.firstFreeSlot), method),
  };
}

/** The class's type variables a member declaration sees: none in a static one (JLS §8.1.3). */
function classTypeScope(ctClass: CtClass, isStatic: boolean): TypeVariableScope {
  if (isStatic) return new Map();
  return GenericMembers.of(environmentOf(ctClass.getClassPool())).scopeOf(ctClass.getInternalName());
}

/**
 * A generic method's type parameters (`<T extends Comparable<T>>`, JLS §8.4.4): the scope its
 * declaration and body see (each variable erased to its first bound), and their part of the
 * Signature attribute (JVMS §4.7.9.1: `T::Ljava/lang/Comparable<TT;>;`, an interface bound after an
 * empty class bound). Bounds may name the list's own variables, so they are resolved twice, as
 * parseMethodSignature does.
 */
function methodTypeParameters(ctClass: CtClass, isStatic: boolean, parameters: readonly Ast.TypeParameterNode[]): DeclaredTypeParameters {
  const env = environmentOf(ctClass.getClassPool());
  return declareTypeParameters(
    parameters,
    classTypeScope(ctClass, isStatic),
    (scope) => {
      const context = declarationContext(ctClass, isStatic, scope);
      return (bound) => context.generic(bound) ?? genericOf(context.resolve(bound));
    },
    (internalName) => env.isInterface(internalName),
  );
}

function declareMethod(ctClass: CtClass, node: Ast.MethodDeclarationNode | Ast.ConstructorDeclarationNode): MethodNode {
  const isConstructor = node.kind === 'ConstructorDeclaration';
  let access = modifierFlags(node.modifiers);
  const typeParameters = methodTypeParameters(ctClass, (access & Opcodes.ACC_STATIC) !== 0, node.typeParameters);
  const context = declarationContext(ctClass, (access & Opcodes.ACC_STATIC) !== 0, typeParameters.scope);
  // The parser folds `...` into the type: `String... a` is a String[] (and ACC_VARARGS below).
  const parameterTypes = node.parameters.map((parameter) => context.resolve(parameter.type));
  if (node.parameters.some((parameter) => parameter.varargs)) access |= Opcodes.ACC_VARARGS;
  const returnType = isConstructor ? JavaType.VOID : context.resolve(node.returnType);
  const descriptor = JavaType.methodDescriptor(parameterTypes, returnType);
  const exceptions = node.throws.map((type) => context.resolve(type).internalName!);
  const name = isConstructor ? '<init>' : node.name;
  if (isConstructor && node.name !== ctClass.getSimpleName().replace(/^.*\$/, '')) {
    throw new CompileError(`invalid method declaration; return type required (a constructor of ${ctClass.getSimpleName()} is named ${ctClass.getSimpleName()}, not ${node.name})`, node.position);
  }
  // A parameterized parameter or result type gets a Signature attribute, as javac writes it (JVMS §4.7.9.1).
  const parameterGenerics = node.parameters.map((parameter) => context.generic(parameter.type));
  const returnGeneric = isConstructor ? null : context.generic(node.returnType);
  const signature =
    parameterGenerics.some((g) => g !== null) || returnGeneric !== null || typeParameters.signature !== ''
      ? methodSignatureText(typeParameters.signature, parameterTypes, parameterGenerics, returnType, returnGeneric)
      : null;
  const method = new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
  const body = node.body;
  if (body === null) {
    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) === 0) throw new CompileError('missing method body, or declare abstract', node.position);
    return method;
  }
  if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) !== 0) throw new CompileError(`${(access & Opcodes.ACC_ABSTRACT) !== 0 ? 'abstract' : 'native'} methods cannot have a body`, node.position);
  const facts = methodFacts(ctClass, method);
  const generator = context.generator(method, facts);
  node.parameters.forEach((parameter, i) => generator.declare(parameter.name, facts.parameters[i]!.type, facts.parameters[i]!.slot, facts.parameters[i]!.generic));
  // The body may call the method itself (recursion): it is in the class while its body compiles.
  const methods = ctClass.classNode().methods;
  const present = methods.some((m) => m.name === method.name && m.desc === method.desc);
  if (!present) methods.push(method);
  try {
    compileBody(generator, body, isConstructor, returnType, false);
  } finally {
    if (!present) methods.splice(methods.indexOf(method), 1);
  }
  return method;
}

export function compileMethodDeclaration(ctClass: CtClass, source: string): MethodNode {
  return compiling(`${ctClass.getName()}: CtNewMethod.make`, () => declareMethod(ctClass, parseMethodDeclaration(expandCflow(source, ctClass.getClassPool()))));
}

export function compileConstructorDeclaration(ctClass: CtClass, source: string): MethodNode {
  return compiling(`${ctClass.getName()}: CtNewConstructor.make`, () => declareMethod(ctClass, parseConstructorDeclaration(expandCflow(source, ctClass.getClassPool()))));
}

/** CtField.make: the field's modifiers, type, name and its initializer (kept as a parsed expression). */
export function compileFieldDeclaration(
  ctClass: CtClass,
  source: string,
): { type: CtClass; name: string; modifiers: number; signature: string | null; initializer: Ast.VariableInitializerNode | null } {
  return compiling(`${ctClass.getName()}: CtField.make`, () => {
    const node = parseFieldDeclaration(source);
    if (node.declarators.length !== 1) throw new CompileError('CtField.make takes one field per declaration', node.position);
    const declarator = node.declarators[0]!;
    const modifiers = modifierFlags(node.modifiers);
    const context = declarationContext(ctClass, (modifiers & Opcodes.ACC_STATIC) !== 0);
    let type = context.resolve(node.type);
    let generic = context.generic(node.type);
    if (declarator.extraDimensions > 0) {
      type = JavaType.arrayOf(type, declarator.extraDimensions);
      for (let i = 0; generic !== null && i < declarator.extraDimensions; i++) generic = { kind: 'array', component: generic };
    }
    const signature = generic === null ? null : signatureOf(generic);
    return { type: ctClass.getClassPool().getByDescriptor(type.descriptor()), name: declarator.name, modifiers, signature, initializer: declarator.initializer };
  });
}

/** A field initializer added with addField: compiled into the class when it is written (see applyFieldInitializers). */
export interface FieldInitializer {
  readonly field: CtField;
  readonly source: string | Ast.VariableInitializerNode | Initializer;
}

/** The initializer's source for the code of `method` (an Initializer's depends on it), or null when it leaves the field alone there. */
function initializerSource(initializer: FieldInitializer, method: MethodNode): string | Ast.VariableInitializerNode | null {
  const { field, source } = initializer;
  if (!(source instanceof Initializer)) return source;
  const isStatic = (field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
  return source.sourceFor({ constructorDescriptor: isStatic ? null : method.desc, fieldDescriptor: field.getSignature() }, field.getName());
}

/** The code `field = initializer` (with `this` first for an instance field) for the behavior whose code is `method`. */
function initializerCode(ctClass: CtClass, method: MethodNode, initializers: readonly FieldInitializer[], trial: boolean): MethodNode {
  // A class declared in an initializer is enclosed by no method (JVMS §4.7.7: method_index 0), as javac writes it.
  const { methodDescriptor: _constructor, ...facts } = methodFacts(ctClass, method);
  const gen = new CodeGenerator(contextFor(ctClass, facts, methodVariables(facts), facts.firstFreeSlot));
  for (const initializer of initializers) {
    const { field } = initializer;
    compiling(
      `${ctClass.getName()}.${field.getName()}`,
      () => {
        const source = initializerSource(initializer, method);
        if (source === null) return;
        const isStatic = (field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
        const node = typeof source === 'string' ? parseExpression(source) : source;
        if (!isStatic) gen.emitter.load(facts.thisVariable!.type, 0);
        // The field's generic type is the initializer's target (`Function<Integer, Integer> SQUARE = x -> x * x`).
        const signature = field.getGenericSignature();
        const generic = signature === null ? null : parseFieldSignature(signature, isStatic ? new Map() : facts.typeScope);
        const type = JavaType.fromDescriptor(field.getSignature());
        gen.variableInitializer(node, type, generic !== null && erasure(generic) === type ? generic : null);
        gen.emitter.field(isStatic ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, ctClass.getInternalName(), field.getName(), field.getSignature());
        gen.finishCode();
      },
      trial,
    );
  }
  return gen.output;
}

/** The constructors an instance initializer runs in: those calling super(...), not this(...) (JLS §12.5). */
function initializedConstructors(ctClass: CtClass): MethodNode[] {
  return ctClass.getDeclaredConstructors().filter((c) => c.callsSuper()).map((c) => c.methodNode());
}

/**
 * Checks that a field initializer compiles, when addField is called, without changing the class:
 * against each constructor it will run in (or the static initializer), or a scratch `()V` one when
 * the class has none yet. Its code is only put in place when the class is written.
 */
export function checkFieldInitializer(ctClass: CtClass, initializer: FieldInitializer): void {
  const isStatic = (initializer.field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
  let targets: MethodNode[];
  if (isStatic) {
    const existing = ctClass.getClassInitializer();
    targets = [existing?.methodNode() ?? new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, '<clinit>', '()V', null, null)];
  } else {
    targets = initializedConstructors(ctClass);
    if (targets.length === 0) targets = [new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC, '<init>', '()V', null, null)];
  }
  for (const method of targets) initializerCode(ctClass, method, [initializer], true);
}

/**
 * The field initializers of a class being written, compiled in the order the fields were added (as
 * Javassist's CtClassType.modifyClassConstructor and modifyConstructors do at toBytecode): the static
 * ones at the start of the static initializer (made if needed), the instance ones in every
 * constructor that calls super(...), right after that call, as javac places instance initializers.
 */
export function compileFieldInitializers(ctClass: CtClass, initializers: readonly FieldInitializer[]): void {
  const isStatic = (i: FieldInitializer): boolean => (i.field.getModifiers() & Opcodes.ACC_STATIC) !== 0;
  const statics = initializers.filter(isStatic);
  const instances = initializers.filter((i) => !isStatic(i));
  if (statics.length > 0) {
    const method = ctClass.makeClassInitializer().methodNode();
    spliceAtStart(method, initializerCode(ctClass, method, statics, false));
  }
  if (instances.length === 0) return;
  const targets = initializedConstructors(ctClass);
  if (targets.length === 0) {
    throw new CannotCompileException(`${ctClass.getName()}.${instances[0]!.field.getName()}: no constructor calls super() to run the initializer in`);
  }
  // Compiled once, as javac compiles them, and copied into the other constructors: an anonymous class or a
  // lambda of an initializer is one class or method however many constructors run it. The copy's locals
  // move to the free slots of its constructor. Compiled for each constructor instead: code reading the
  // first constructor's parameters ($1…), and an Initializer whose source depends on the constructor
  // (byParameter, byNewWithParams…: Javassist's give each constructor its own code).
  const [first, ...others] = targets;
  const firstFreeSlot = methodFacts(ctClass, first!).firstFreeSlot;
  const code = initializerCode(ctClass, first!, instances, false);
  const sameSource = instances.every((i) => !(i.source instanceof Initializer) || new Set(targets.map((method) => initializerSource(i, method))).size === 1);
  const portable = sameSource && !readsParameters(code, firstFreeSlot);
  for (const method of others) {
    const copy = portable ? relocatedCopy(code, methodFacts(ctClass, method).firstFreeSlot - firstFreeSlot) : initializerCode(ctClass, method, instances, false);
    splice(method, copy, afterConstructorCall(method));
  }
  splice(first!, code, afterConstructorCall(first!));
}

/** Whether compiled constructor code reads or writes a slot below `firstFreeSlot` other than `this` (0): a parameter of its constructor. */
function readsParameters(code: MethodNode, firstFreeSlot: number): boolean {
  for (const insn of code.instructions) {
    const slot = insn instanceof VarInsnNode ? insn.var : insn instanceof IincInsnNode ? insn.var : -1;
    if (slot > 0 && slot < firstFreeSlot) return true;
  }
  return false;
}

/** A copy of compiled code (see copyOfCode) whose local variables from the first free slot on are `shift` slots further. */
function relocatedCopy(code: MethodNode, shift: number): MethodNode {
  const { instructions, tryCatchBlocks } = copyOfCode(code);
  if (shift !== 0) {
    for (const insn of instructions) {
      if ((insn instanceof VarInsnNode || insn instanceof IincInsnNode) && insn.var > 0) insn.var += shift;
    }
  }
  const copy = new MethodNode(Opcodes.ASM9, code.access, code.name, code.desc, null, null);
  copy.instructions = instructions;
  copy.tryCatchBlocks = tryCatchBlocks ?? [];
  return copy;
}

/**
 * The ConstantValue (JVMS §4.7.2) a static final field of primitive or String type gets for its
 * initializer when that is a constant expression (JLS §15.29) assignable to the field (§5.2), as
 * javac and Javassist give it: an int for boolean, byte, char, short and int, a bigint for long,
 * Float, Double or a string; null when the initializer must run as code.
 */
export function constantFieldValue(ctClass: CtClass, initializer: FieldInitializer): FieldNode['value'] {
  const { field } = initializer;
  if ((field.getModifiers() & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) !== (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) return null;
  const type = JavaType.fromDescriptor(field.getSignature());
  if (!type.isPrimitive() && type !== JavaType.STRING) return null;
  const scratch = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, '<clinit>', '()V', null, null);
  const facts = methodFacts(ctClass, scratch);
  let constant: Constant | null;
  try {
    const source = initializerSource(initializer, scratch);
    if (source === null) return null;
    const node = typeof source === 'string' ? parseExpression(source) : source;
    if (node.kind === 'ArrayInitializer') return null;
    constant = new CodeGenerator(contextFor(ctClass, facts, methodVariables(facts), facts.firstFreeSlot)).constantValue(node);
  } catch {
    // Not compilable here: the static initializer's compilation reports it.
    return null;
  }
  if (constant === null) return null;
  return fieldConstantValue(constant, type);
}

// ## ExprEditor

export function instrumentBehavior(behavior: CtBehavior, editor: ExprEditorLike): void {
  const method = behavior.methodNode();
  if (method.instructions.size() === 0) return;
  // Replacements in this pass reuse one scan of the method for its facts (see replaceExpression).
  instrumentedMethods.set(method, { facts: methodFacts(behavior.getDeclaringClass(), method), firstFreeSlot: -1 });
  try {
    visitExpressions(behavior, method, editor);
  } finally {
    instrumentedMethods.delete(method);
  }
}

/**
 * The methods an ExprEditor is instrumenting now, with their facts and the first slot above the
 * locals the replacements so far took: recomputing them per replacement (a scan of the method) made
 * a pass over a method with n expressions quadratic.
 */
const instrumentedMethods = new WeakMap<MethodNode, { facts: MethodFacts; firstFreeSlot: number }>();

/** Hands the editor each expression of the method, in code order, then each handler. */
function visitExpressions(behavior: CtBehavior, method: MethodNode, editor: ExprEditorLike): void {
  const isConstructor = method.name === '<init>';
  const pendingNews: TypeInsnNode[] = [];
  let constructorCalled = false;
  for (const insn of method.instructions.toArray()) {
    // Removed by an earlier replacement (InsnList.remove marks a node with index -1): O(1), where contains() walks the list.
    if (insn.index < 0) continue;
    const opcode = insn.getOpcode();
    if (insn instanceof MethodInsnNode) {
      if (insn.name === '<init>') {
        const newInsn = pendingNews.pop();
        if (newInsn === undefined) {
          if (isConstructor && !constructorCalled) {
            constructorCalled = true;
            editor.editConstructorCall?.(new ConstructorCall(insn, behavior, insn.owner, insn.name, insn.desc, opcode, insn.itf));
          }
        } else {
          editor.editNewExpr?.(new NewExpr(insn, behavior, newInsn, insn.owner, insn.desc));
        }
      } else {
        editor.editMethodCall?.(new MethodCall(insn, behavior, insn.owner, insn.name, insn.desc, opcode, insn.itf));
      }
    } else if (insn instanceof FieldInsnNode) {
      editor.editFieldAccess?.(new FieldAccess(insn, behavior, insn.owner, insn.name, insn.desc, opcode));
    } else if (insn instanceof TypeInsnNode) {
      if (opcode === Opcodes.NEW) pendingNews.push(insn);
      else if (opcode === Opcodes.ANEWARRAY) editor.editNewArray?.(new NewArray(insn, behavior, '[' + descriptorOf(insn.desc), 1));
      else if (opcode === Opcodes.CHECKCAST) editor.editCast?.(new Cast(insn, behavior, insn.desc));
      else if (opcode === Opcodes.INSTANCEOF) editor.editInstanceof?.(new Instanceof(insn, behavior, insn.desc));
    } else if (insn instanceof IntInsnNode && opcode === Opcodes.NEWARRAY) {
      editor.editNewArray?.(new NewArray(insn, behavior, '[' + NEWARRAY_DESCRIPTORS[insn.operand]!, 1));
    } else if (insn instanceof MultiANewArrayInsnNode) {
      editor.editNewArray?.(new NewArray(insn, behavior, insn.desc, insn.dims));
    }
  }
  if (editor.editHandler !== undefined) {
    const seen = new Set<LabelNode>();
    for (const block of [...(method.tryCatchBlocks ?? [])]) {
      if (seen.has(block.handler)) continue;
      seen.add(block.handler);
      editor.editHandler(new Handler(block.handler, behavior, block));
    }
  }
}

function descriptorOf(internalNameOrDescriptor: string): string {
  return internalNameOrDescriptor.startsWith('[') ? internalNameOrDescriptor : `L${internalNameOrDescriptor};`;
}

const NEWARRAY_DESCRIPTORS: Readonly<Record<number, string>> = {
  [Opcodes.T_BOOLEAN]: 'Z',
  [Opcodes.T_CHAR]: 'C',
  [Opcodes.T_FLOAT]: 'F',
  [Opcodes.T_DOUBLE]: 'D',
  [Opcodes.T_BYTE]: 'B',
  [Opcodes.T_SHORT]: 'S',
  [Opcodes.T_INT]: 'I',
  [Opcodes.T_LONG]: 'J',
};

/** What a replaced expression consumes and produces, and how `$proceed` redoes it. */
interface ReplacedOperation {
  /** The operand types on the stack before the instruction, target first (if any). */
  readonly target: JavaType | null;
  readonly operands: readonly JavaType[];
  readonly result: JavaType;
  /** Emits the original operation (operands, target included, on the stack). */
  readonly emit: (emitter: Emitter) => void;
  /** Emitted by $proceed before the target (NEW, DUP for a `new`). */
  readonly prefix?: (emitter: Emitter) => void;
  /**
   * What `$class` names (Javassist: the type of `$0` — the class of the method or field reference,
   * the created class; java.lang.Object for casts, instanceof and arrays).
   */
  readonly classLiteral: JavaType;
  /** What `$type` names: the result type, but the field's type for a write and the tested type of an instanceof. */
  readonly typeLiteral: JavaType;
  /** `$0` of a static call or field access: null (Javassist), where the operation has no target. */
  readonly nullTarget?: boolean;
}

/**
 * The instructions around a `new` that make its object, as Javassist's NewExpr.canReplace knows them:
 * javac's NEW, DUP (some compilers add DUP2_X2, POP2 after it); groovyc's NEW, DUP_X1, SWAP (its one
 * argument already on the stack); and Eclipse's bare NEW for a `new` whose value is dropped. They go
 * with the replacement; in the last shape no copy of the object is left for the code after it.
 */
function newExpressionShape(newInsn: AbstractInsnNode): { removed: AbstractInsnNode[]; keepsObject: boolean } {
  const next = newInsn.getNext();
  const second = next?.getNext() ?? null;
  const third = second?.getNext() ?? null;
  if (next !== null && next.getOpcode() === Opcodes.DUP) {
    if (second !== null && second.getOpcode() === Opcodes.DUP2_X2 && third !== null && third.getOpcode() === Opcodes.POP2) {
      return { removed: [newInsn, next, second, third], keepsObject: true };
    }
    return { removed: [newInsn, next], keepsObject: true };
  }
  if (next !== null && next.getOpcode() === Opcodes.DUP_X1 && second !== null && second.getOpcode() === Opcodes.SWAP) {
    return { removed: [newInsn, next, second], keepsObject: true };
  }
  return { removed: [newInsn], keepsObject: false };
}

/**
 * How an error names the expression being replaced: what it is and its source line, so that a failure
 * among the thousands of sites one ExprEditor may replace can be found (`the call
 * app.Util.add(int,int) at line 17`).
 */
function describeExpression(expr: Expr): string {
  const line = expr.getLineNumber();
  const at = line < 0 ? '' : ` at line ${line}`;
  const parameters = (descriptor: string): string => JavaType.methodTypes(descriptor).argumentTypes.map((t) => t.toString()).join(',');
  if (expr instanceof ConstructorCall) return `the constructor call ${expr.getMethodName()}(${parameters(expr.descriptor)})${at}`;
  if (expr instanceof MethodCall) return `the call ${expr.getClassName()}.${expr.getMethodName()}(${parameters(expr.descriptor)})${at}`;
  if (expr instanceof FieldAccess) return `the ${expr.isReader() ? 'read' : 'write'} of ${expr.getClassName()}.${expr.getFieldName()}${at}`;
  if (expr instanceof NewExpr) return `new ${expr.getClassName()}(${parameters(expr.descriptor)})${at}`;
  if (expr instanceof NewArray) return `the array creation new ${JavaType.fromDescriptor(expr.arrayDescriptor)}${at}`;
  if (expr instanceof Instanceof) return `instanceof ${JavaType.fromDescriptor(descriptorOf(expr.target))}${at}`;
  if (expr instanceof Cast) return `the cast to ${JavaType.fromDescriptor(descriptorOf(expr.target))}${at}`;
  return `an expression${at}`;
}

/** How an error names the kind of a replaced expression. */
function expressionKind(expr: Expr): string {
  if (expr instanceof NewExpr) return 'a new expression';
  if (expr instanceof Instanceof) return 'an instanceof';
  if (expr instanceof Cast) return 'a cast';
  if (expr instanceof NewArray) return 'an array creation';
  if (expr instanceof FieldAccess) return 'a field access';
  return 'a method call';
}

function operationOf(expr: Expr): ReplacedOperation {
  const insn = expr.insn;
  const cloneEmit = (e: Emitter): void => {
    e.mv.visitInsn(Opcodes.NOP);
    const list = (e.mv as MethodNode).instructions;
    list.set(list.getLast()!, insn.clone(new Map()));
  };
  if (expr instanceof NewExpr) {
    const { argumentTypes } = JavaType.methodTypes(expr.descriptor);
    const created = JavaType.classType(expr.owner);
    return {
      target: null,
      operands: argumentTypes,
      result: created,
      prefix: (e) => {
        e.typeInsn(Opcodes.NEW, expr.owner);
        e.insn(Opcodes.DUP);
      },
      emit: cloneEmit,
      classLiteral: created,
      typeLiteral: created,
    };
  }
  if (expr instanceof MethodCall) {
    const { argumentTypes, returnType } = JavaType.methodTypes(expr.descriptor);
    const isStatic = expr.opcode === Opcodes.INVOKESTATIC;
    const owner = JavaType.fromDescriptor(descriptorOf(expr.owner));
    const target = isStatic ? null : expr instanceof ConstructorCall ? JavaType.classType(expr.getEnclosingClass().getInternalName()) : owner;
    return { target, operands: argumentTypes, result: returnType, emit: cloneEmit, classLiteral: owner, typeLiteral: returnType, nullTarget: isStatic };
  }
  if (expr instanceof FieldAccess) {
    const type = JavaType.fromDescriptor(expr.descriptor);
    const owner = JavaType.classType(expr.owner);
    const target = expr.isStatic() ? null : owner;
    const common = { target, emit: cloneEmit, classLiteral: owner, typeLiteral: type, nullTarget: expr.isStatic() };
    return expr.isReader() ? { ...common, operands: [], result: type } : { ...common, operands: [type], result: JavaType.VOID };
  }
  if (expr instanceof Instanceof) {
    const tested = JavaType.fromDescriptor(descriptorOf(expr.target));
    return { target: null, operands: [JavaType.OBJECT], result: JavaType.BOOLEAN, emit: cloneEmit, classLiteral: JavaType.OBJECT, typeLiteral: tested };
  }
  if (expr instanceof Cast) {
    const castTo = JavaType.fromDescriptor(descriptorOf(expr.target));
    return { target: null, operands: [JavaType.OBJECT], result: castTo, emit: cloneEmit, classLiteral: JavaType.OBJECT, typeLiteral: castTo };
  }
  if (expr instanceof NewArray) {
    const operands = Array.from({ length: expr.getCreatedDimensions() }, () => JavaType.INT);
    const arrayType = JavaType.fromDescriptor(insn instanceof MultiANewArrayInsnNode ? insn.desc : expr.arrayDescriptor);
    return { target: null, operands, result: arrayType, emit: cloneEmit, classLiteral: JavaType.OBJECT, typeLiteral: arrayType };
  }
  throw new CannotCompileException(`${expr.constructor.name}.replace is not supported`);
}

export function replaceExpression(expr: Expr, source: string): void {
  const behavior = expr.where();
  if (expr.isReplaced()) throw new CannotCompileException(`${where(behavior)}: this expression was already replaced`);
  const method = behavior.methodNode();
  const ctClass = behavior.getDeclaringClass();
  const operation = operationOf(expr);
  const newShape = expr instanceof NewExpr ? newExpressionShape(expr.newInsn) : null;
  const instrumenting = instrumentedMethods.get(method);
  const facts = instrumenting?.facts ?? methodFacts(ctClass, method);
  let slot = Math.max(facts.firstFreeSlot, instrumenting?.firstFreeSlot ?? -1);
  const allocate = (type: JavaType): LocalVariable => {
    const variable = { type, slot };
    slot += type.size;
    return variable;
  };
  const target = operation.target === null ? null : allocate(operation.target);
  const operands = operation.operands.map(allocate);
  const result: LocalVariable = operation.result.isVoid() ? { type: JavaType.VOID, slot: -1 } : allocate(operation.result);
  const proceed: ProceedOperation = {
    parameterTypes: operation.operands,
    resultType: operation.result,
    pushTarget: (e) => {
      operation.prefix?.(e);
      if (target !== null) e.load(target.type, target.slot);
    },
    emit: operation.emit,
  };
  const variables: SnippetVariables = {
    // $0 of a static call or field access is null, as in Javassist.
    zero: target ?? (operation.nullTarget === true ? { type: JavaType.VOID, slot: -1 } : null),
    zeroMissing: `${expressionKind(expr)} has no target object`,
    parameters: operands,
    result,
    resultType: operation.result,
    typeLiteral: operation.typeLiteral,
    classLiteral: operation.classLiteral,
    proceed,
  };
  const generator = compiling(() => `${where(behavior)}, replacing ${describeExpression(expr)}`, () => {
    const gen = new CodeGenerator(contextFor(ctClass, facts, variables, slot));
    gen.enteredWith([...(target === null ? [] : [target.type]), ...operands.map((operand) => operand.type)]);
    // The operands leave the stack for their locals, last first.
    for (let i = operands.length - 1; i >= 0; i--) gen.emitter.store(operands[i]!.type, operands[i]!.slot);
    if (target !== null) gen.emitter.store(target.type, target.slot);
    if (!result.type.isVoid()) {
      gen.emitter.pushDefault(result.type);
      gen.emitter.store(result.type, result.slot);
    }
    gen.statement(parseSnippet(expandCflow(source, ctClass.getClassPool())));
    gen.finishCode();
    // Javassist's check (Expr.checkResultValue): a replacement whose value is used must set $_, or
    // the code after it would silently see 0 or null. A snippet that always returns or throws need not.
    if (gen.reachable && !result.type.isVoid() && !source.includes('$_')) {
      throw new CompileError(`the resulting value is not stored in $_ (${expressionKind(expr)} of type ${result.type})`);
    }
    if (gen.reachable && !result.type.isVoid() && newShape?.keepsObject !== false) gen.emitter.load(result.type, result.slot);
    return gen;
  });
  if (instrumenting !== undefined) instrumenting.firstFreeSlot = Math.max(instrumenting.firstFreeSlot, generator.slotsUsed);
  if (newShape !== null) {
    // NEW and its copy go: $proceed makes the object when the replacement asks for it.
    for (const insn of newShape.removed) method.instructions.remove(insn);
  }
  // The replacement starts where the expression was: its line and offset stay answerable.
  const start = new LabelNode();
  method.instructions.insertBefore(expr.insn, start);
  splice(method, generator.output, expr.insn);
  method.instructions.remove(expr.insn);
  expr.markReplaced(start);
}

export function insertBeforeHandler(handler: Handler, source: string): void {
  const behavior = handler.where();
  const method = behavior.methodNode();
  const facts = methodFacts(behavior.getDeclaringClass(), method);
  const exceptionType = handler.block.type === null ? JavaType.THROWABLE : JavaType.classType(handler.block.type);
  const exception: LocalVariable = { type: exceptionType, slot: facts.firstFreeSlot };
  const { generator } = compileSnippet(behavior, source, (f) => methodVariables(f, { parameters: [exception] }), facts.firstFreeSlot + 1);
  const code = new InsnList();
  code.add(new VarInsnNode(Opcodes.ASTORE, exception.slot));
  code.add(generator.output.instructions);
  code.add(new VarInsnNode(Opcodes.ALOAD, exception.slot));
  // After the handler's label (and any line number or frame right after it).
  let at: AbstractInsnNode | null = handler.insn.getNext();
  while (at !== null && at.getOpcode() < 0) at = at.getNext();
  if (at === null) method.instructions.add(code);
  else method.instructions.insertBefore(at, code);
  if (generator.output.tryCatchBlocks !== null && generator.output.tryCatchBlocks.length > 0) {
    method.tryCatchBlocks = [...generator.output.tryCatchBlocks, ...(method.tryCatchBlocks ?? [])];
  }
}

