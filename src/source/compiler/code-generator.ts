// # CodeGenerator: Java statements and expressions to bytecode
//
// A one-pass attribute-and-emit compiler over the parser's AST (ast.ts), for method bodies and
// Javassist snippets. Each expression is compiled to the instructions that leave its value on the
// operand stack and returns its static type (JLS §15); where a choice depends on the types of
// operands compiled later (overload resolution §15.12.2, the conditional operator §15.25), the
// operands are compiled into side buffers first and appended with their conversions once the
// choice is made. Conditions compile to jumps (JVMS §3.5-style, as javac does).
//
// Javassist's `$` variables (`$0`, `$1`…, `$args`, `$$`, `$_`, `$r`, `$w`, `$sig`, `$type`,
// `$class`, `$e`, `$proceed`) are resolved through the SnippetVariables the caller gives.
//
// Decisions:
// - Code is checked and emitted on erasures (JavaType). Generic types (generic-type.ts) ride beside
//   them: the declared types of variables, and of fields and method results from their Signature
//   attributes with the receiver's type arguments substituted (generic-members.ts), so that
//   `String s = names.get(0)` compiles when `names` is a List<String>, with javac's checkcast.
//   (Javassist has no generics: there the snippet needs the cast.) They are kept per expression
//   node in `generics`, only where they say more than the erasure.
// - Lambdas and method references compile as javac compiles them (JLS §15.27.4): the body into a
//   private synthetic method of the class (through ctx.lambdaMethods), captured variables as its
//   leading parameters — found by compiling the body once to discover them, then for real — and an
//   invokedynamic of LambdaMetafactory.metafactory. A method reference is compiled as the lambda it
//   stands for, then, where javac would, made the referenced method's own handle instead of a lambda
//   method (directReferenceHandle). Overload resolution sees them by arity and void/value shape
//   (FunctionalArgument).
// - String concatenation uses StringBuilder (works on every class file version, as Javassist does).
// - Local variable slots are never reused after their block ends: simpler, and max_locals is
//   recomputed anyway.
// - Semantic errors are CompileErrors carrying the snippet position of the offending node.

import { Handle } from '../../asm/handle.js';
import type { Label } from '../../asm/label.js';
import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { InsnList } from '../../tree/insn-list.js';
import { MethodNode } from '../../tree/method-node.js';
import { TryCatchBlockNode } from '../../tree/try-catch-block-node.js';
import type { AbstractInsnNode } from '../../tree/abstract-insn-node.js';
import { LabelNode } from '../../tree/label-node.js';
import { ClassNode } from '../../tree/class-node.js';
import { FieldNode } from '../../tree/field-node.js';
import { InnerClassNode } from '../../tree/inner-class-node.js';
import { InsnNode } from '../../tree/insn-node.js';
import { addBridges, addRecordMembers, snippetClassNode, unimplementedAbstractMethod, anonymousConstructor, addEnumMembers, ENUM_VALUES_FIELD, capturedValueField, checkImplementsAbstractMethods, OUTER_INSTANCE_FIELD } from './snippet-classes.js';
import type * as Ast from './ast.js';
import { packageOf, type MethodModel, type TypeEnvironment } from './class-model.js';
import { functionalMethod, type FunctionType, functionTypeOf, isMarkerInterface } from './functional-interface.js';
import { ALT_FLAG_BRIDGES, ALT_FLAG_MARKERS, ALT_FLAG_SERIALIZABLE, ALT_METAFACTORY, dottedName, isStatementExpression, lambdaShape, METAFACTORY } from './lambda-forms.js';
import type { SerializableLambda } from './lambda-deserialization.js';
import type { ConstantValue as BootstrapArgument } from '../../asm/java-values.js';
import { GenericMembers, type InferenceArgument } from './generic-members.js';
import { erasure, type GenericType, genericOf, isGeneric, mentionsTypeVariable, methodSignatureText, sameType, signatureOf, type TypeArgument, type TypeVariableScope } from './generic-type.js';
import { CompileError, type SourcePosition } from './compile-error.js';
import { compileWork } from './compile-work.js';
import { CompileMemo, type DiscardedOutcome, genericKey, type TrialOutcome, variableKey } from './compile-memo.js';
import { findUnassignedRead } from './definite-assignment.js';
import { findReassignment, type BlankLocal } from './definite-unassignment.js';
import { spillStacks, type StackSpill } from './stack-spill.js';
import { assignConstant, constantOf, fieldConstantValue, fits, type Constant, type ConstantValue } from './constant-folding.js';
import { ASSERTIONS_DISABLED, assertionsDisabledField, assertionsDisabledInitializer, checkAssertionsSupported } from './assertions-flag.js';
import { noteMemberChange } from './class-model.js';
import { declareTypeParameters } from './type-parameters.js';
import { Emitter } from './emitter.js';
import { desugarTryWithResources } from './try-with-resources.js';
import { JavaType, binaryNumericPromotion, isPrimitiveSubtype, isPrimitiveWidening, typeList, unaryNumericPromotion } from './java-type.js';
import { accessibleMemberMethods, findConstructor, findField, findMethod, type FunctionalArgument, type ResolvedField, type ResolvedMethod } from './member-resolution.js';
import type { TypeNameResolver } from './type-names.js';

/** A local variable (or parameter) in scope. */
export interface LocalVariable {
  readonly type: JavaType;
  readonly slot: number;
  /** Its generic type (`List<String>`), when it says more than `type`. */
  readonly generic?: GenericType;
  /**
   * An instanceof pattern variable. Its scope in Java follows the flow (JLS §6.3.1); here it lasts
   * to the end of the enclosing block and a later declaration may reuse its name, which accepts every
   * program javac accepts; a use where the pattern did not match on every path (which javac refuses as
   * out of scope) is refused by checkDefiniteAssignment.
   */
  readonly pattern?: boolean;
  /** The value of a constant variable (JLS §4.12.4: final, primitive or String, a constant initializer). */
  constant?: Constant;
  /**
   * A `var` local whose initializer's type is an intersection (JLS §14.4.1: `var x = first("a", new
   * StringBuilder())` is a Serializable & Comparable & CharSequence): the types after the first, whose
   * members a call on it finds with javac's cast (see intersectionMember).
   */
  intersection?: readonly string[];
}

/** The original operation `$proceed(...)` stands for, in an ExprEditor replacement. */
export interface ProceedOperation {
  /** The parameter types `$proceed` takes (the original operation's operands after the target). */
  readonly parameterTypes: readonly JavaType[];
  /** Its result type (VOID for none). */
  readonly resultType: JavaType;
  /** Pushes the target (if any) before the arguments. */
  readonly pushTarget: (emitter: Emitter) => void;
  /** Emits the operation itself, arguments on the stack. */
  readonly emit: (emitter: Emitter) => void;
}

/** Javassist's `$` variables of one compilation; absent ones are compile errors when used. */
export interface SnippetVariables {
  /** `$0`: `this` or the target object of the replaced expression. */
  readonly zero?: LocalVariable | null;
  /** Why `$0` is absent, for the error (default: a static method has no this). */
  readonly zeroMissing?: string;
  /** `$1`, `$2`…: the method's parameters or the replaced expression's operands. */
  readonly parameters?: readonly LocalVariable[];
  /** `$_`: the result (insertAfter, replace); a VOID result takes and drops any value. */
  readonly result?: LocalVariable;
  /** The type `$r` casts to and `$type` names (the method's or the expression's result type). */
  readonly resultType?: JavaType;
  /** What `$type` names when it is not resultType (a field write: the field's type; instanceof: the tested type). */
  readonly typeLiteral?: JavaType;
  /** What `$class` names when it is not the current class (ExprEditor: the class of the method or field reference, the created class). */
  readonly classLiteral?: JavaType;
  /** Named extra variables: addCatch's `$e` (or the name given). */
  readonly extra?: ReadonlyMap<string, LocalVariable>;
  /** `$proceed(...)`. */
  readonly proceed?: ProceedOperation;
}

export interface CompileContext {
  readonly env: TypeEnvironment;
  readonly names: TypeNameResolver;
  /** The class whose code this is (internal name). */
  readonly currentClass: string;
  readonly superName: string | null;
  /** A static method or initializer: no `this`. */
  readonly isStatic: boolean;
  /** The type `return` statements return (the method's). */
  readonly returnType: JavaType;
  /** Its generic form when known (a lambda returning a lambda needs it). */
  readonly returnGeneric?: GenericType | null;
  readonly variables: SnippetVariables;
  /** The first local slot the compiled code may use. */
  readonly firstFreeSlot: number;
  /** The name of the method the code goes into (`<init>`, `<clinit>`…), for the rules on assigning final fields. */
  readonly methodName?: string;
  /** The class file version of the class (major in the low 16 bits): lambdas need 52 (Java 8). */
  readonly classVersion: number;
  readonly isInterface: boolean;
  /** Where lambda bodies go. */
  readonly lambdaMethods: LambdaMethodSink;
  /** In a lambda body: the enclosing code's variables, captured when used. */
  readonly capture?: CaptureScope;
  /** The type variables in scope (the method's and its class's), by name, erased: `T x = …` in a generic method. */
  readonly typeVariables?: TypeVariableScope;
  /**
   * The results of trial compilations of lambda bodies (see trialBodyType), by node and parameter
   * types: one memo per compilation of a snippet (the generators of its lambda bodies share it), as
   * a parsed snippet may be compiled again elsewhere, where its names mean other things.
   */
  readonly trialBodyTypes?: Map<Ast.LambdaNode, Map<string, JavaType | null>>;
  /**
   * In a trial compilation of a call argument (see compileArguments): a lambda body that does not
   * compile gives a null of its interface instead of an error, as only the argument's type is asked.
   */
  readonly lenientLambdas?: boolean;
  /** What the throwaway compilations of the snippet found (see CompileMemo): one per snippet, shared by its lambda bodies' generators. */
  readonly memo?: CompileMemo;
  /** Where the anonymous and local classes of the code go (JLS §15.9.5, §14.3); absent: they are refused. */
  readonly snippetClasses?: SnippetClassSink;
  /** The local classes declared so far (JLS §14.3), by simple name: their internal names. */
  readonly localTypes?: ReadonlyMap<string, string>;
  /** The local classes declared so far, by internal name: what their creations pass besides the arguments. */
  readonly localClasses?: ReadonlyMap<string, LocalClassInfo>;
  /**
   * Code that runs in a constructor before its super(…)/this(…) call (CtConstructor.insertBefore): `this`
   * is uninitialized there (JVMS §4.10.1.9), so it may only receive assignments to the class's own
   * fields (as Javassist allows and javac writes this$0), and an anonymous class made there has no
   * enclosing instance (JLS §15.9.2: as in a static context).
   */
  readonly thisUninitialized?: boolean;
  /** In the members of an anonymous or local class a snippet declares: its own synthetic fields are not names in the code. */
  readonly snippetClassBody?: boolean;
  /** In such members, when the class was made before a constructor's super(…) call (thisUninitialized): why it has no enclosing instance. */
  readonly beforeSuperCall?: boolean;
  /** The descriptor of the method the code goes into, when known: an anonymous class's EnclosingMethod (JVMS §4.7.7). */
  readonly methodDescriptor?: string;
  /**
   * In the members of an anonymous class that cannot join its enclosing class's nest: why the private
   * members of other classes are out of reach (JVMS §5.4.4 lets only nestmates reach them).
   */
  readonly privateAccessRefusal?: string;
  /**
   * In a lambda body that runs in another class than currentClass (a static method of a companion class,
   * see LambdaMethodSink.bodiesElsewhere): that class, whose access to members is the code's (JLS §6.6), and
   * why the body is there, for the refusals (a private member of currentClass, a super call).
   */
  readonly runsIn?: { readonly className: string; readonly reason: string };
}

/**
 * A local class being compiled or declared (JLS §14.3): its constructors take, after the declared
 * parameters, the enclosing instance (when it has one) and the captured values, which every creation
 * (`new L(…)`, `this(…)`) passes. `captures` is null until the first pass over its body found them.
 */
export interface LocalClassInfo {
  readonly outerInstance: string | null;
  captures: (readonly [string, LocalVariable])[] | null;
  /** A local enum: its constructors take the constant's name and ordinal first (see enumConstructorDescriptor). */
  readonly isEnum?: boolean;
}

/** Takes the anonymous and local classes of compiled code along with its class (see snippet-classes.ts). */
export interface SnippetClassSink {
  /**
   * The name of a new anonymous class in the code of `enclosing` (javac's `Enclosing$N`: the first N
   * no class has yet) and the nest host it joins (JVMS §4.7.28), or null when it cannot join one: the
   * class file predates nests, or the class's NestMembers may not change — its nest host is another
   * class, which a snippet does not change, or the class is being redefined (CtClass.setRedefining) —
   * and then `outsideNest` says why ("cannot join the nest of …"), for the refusal of private members.
   */
  name(enclosing: string, simpleName?: string): { readonly name: string; readonly nestHost: string | null; readonly outsideNest?: string };
  /** Takes a compiled anonymous class: it becomes a class of the pool, listed in the InnerClasses (and NestMembers) of the class. */
  add(node: ClassNode): void;
}

/** What compiled code adds to its class besides the code itself. */
export interface LambdaMethodSink {
  /** Takes the synthetic method of a lambda body into the class; returns the name it gets. */
  add(method: MethodNode): string;
  /**
   * The name of the class's `static final synthetic boolean $assertionsDisabled` (JLS §14.10), made
   * with its initialization in the static initializer when the class has none yet.
   */
  assertionsDisabledField(): string;
  /**
   * Makes the class able to deserialize a serializable lambda (see lambda-deserialization.ts): a case
   * in its `$deserializeLambda$`, made when it has none. Absent on the sinks of throwaway compilations.
   */
  addDeserializationCase?(lambda: SerializableLambda): void;
  /** Set on the sinks of throwaway compilations, whose code is dropped: their lambda bodies may come from CompileMemo. */
  readonly discards?: boolean;
  /**
   * Set when the class may not take new methods (it is being redefined, CtClass.setRedefining): `add` puts
   * each body into another class, `owner()`, as a static method (an instance body gets the receiver as its
   * first parameter, changing the method's descriptor), and the call site's handle names it there;
   * `reason` says why, for what that class's code may not reach.
   */
  readonly bodiesElsewhere?: { owner(): string; readonly reason: string };
}

/**
 * The variables a lambda body sees from the code around it (JLS §15.27.2): each one used is
 * captured — passed to the lambda's method as a leading parameter — in order of first use.
 */
interface CaptureScope {
  /** What captures, for messages: 'a lambda expression' or 'an inner class' (javac's words). */
  readonly capturer?: string;
  lookup(name: string): LocalVariable | undefined;
  /** The value of the enclosing code's variable `name` when it is a constant variable (JLS §4.12.4), which is used, not captured. */
  constant(name: string): Constant | null;
  isVariableName(name: string): boolean;
  /** Set when the body uses `this` (explicitly or through an instance member): the method is then an instance method. */
  usesThis: boolean;
  /** Adds the enclosing code's variables to `into`, by name, with their types' keys (see CodeGenerator.environmentKey). */
  visible(into: Map<string, string>): void;
}

interface JumpTarget {
  readonly labels: readonly string[];
  readonly breakLabel: Label;
  readonly continueLabel: Label | null;
  /** The finally depth at this target: jumping out runs the finally blocks above it. */
  readonly finallyDepth: number;
  /** Whether a reachable `break` (or an arrow case's end) leaves the statement: then it can complete normally (JLS §14.22). */
  exited?: boolean;
}

/** A lambda body compiled into a method (CodeGenerator.compileLambdaBody), or a method reference's own method (`direct`). */
interface CompiledLambda {
  readonly name: string;
  readonly descriptor: string;
  /** The enclosing code's variables it captures, in this generator's slots, with their names. */
  readonly captures: LocalVariable[];
  readonly capturedNames: readonly string[];
  readonly usesThis: boolean;
  readonly result: GenericType | null;
  /** The referenced method's handle, when a method reference needs no lambda method. */
  readonly direct?: Handle;
  /** The class the method went to when not the current one (LambdaMethodSink.bodiesElsewhere): a static method there. */
  readonly elsewhere?: string;
}

/** The switch expression a `yield` belongs to: first its result types are collected, then its code emitted. */
type SwitchYieldTarget =
  | {
      readonly mode: 'collect';
      readonly types: JavaType[];
      readonly constants: (Constant | null)[];
      /** A poly switch's target type (and its parameterization): its results are compiled as assigned to it. */
      readonly target: JavaType | null;
      readonly generic: GenericType | null;
    }
  | { readonly mode: 'emit'; readonly type: JavaType; readonly generic: GenericType | null; readonly slot: number; readonly end: Label; readonly finallyDepth: number };

interface FinallyFrame {
  /** Emits the finally block's code (inlined at every exit). */
  readonly emit: () => void;
  /**
   * How many jump targets enclose the try statement: a break or continue in the finally block
   * means the loop around the try, wherever the copy is inlined (a return inside an inner loop).
   */
  readonly jumpDepth: number;
  /** Regions of inlined copies, excluded from the catch-all handler's ranges. */
  readonly gaps: [Label, Label][];
}

const OBJECT = JavaType.OBJECT;
const SERIALIZABLE = 'java/io/Serializable';
const RECORD = 'java/lang/Record';
/** What captures in a lambda body, for messages. */
const LAMBDA = 'a lambda expression';
/** javac's words for `this` used before the super(…) call (JLS §8.8.7.1). */
const THIS_UNINITIALIZED = 'cannot reference this before supertype constructor has been called';

/**
 * The bodies of the lambdas method references stand for (methodReferenceAsLambda), and what each
 * one's call or creation resolved to when compiled: what decides whether the reference can be the
 * method's own handle (see directReferenceHandle).
 */
const referenceBodies = new WeakSet<Ast.ExpressionNode>();
const referenceTargets = new WeakMap<Ast.ExpressionNode, { readonly method: ResolvedMethod; readonly kind: 'call' | 'super-call' | 'new'; readonly isInner: boolean }>();
/**
 * The type a `Type::name` reference names, for the bodies that call the method on the first parameter
 * as it is (a raw generic type: see unboundReferenceCall): javac's handle names the method as found in
 * that type (`List::size` is List.size, for an ArrayList parameter too).
 */
const referenceQualifiers = new WeakMap<Ast.ExpressionNode, string>();
const STRING = JavaType.STRING;
const STRING_BUILDER = 'java/lang/StringBuilder';

export class CodeGenerator {
  /** The method the code goes into (a scratch MethodNode; swapped for side buffers). */
  private target: MethodNode;
  private e: Emitter;
  private scopes: Map<string, LocalVariable>[] = [new Map()];
  private nextSlot: number;
  private maxSlot: number;
  private readonly jumpTargets: JumpTarget[] = [];
  private readonly finallyFrames: FinallyFrame[] = [];
  /** Whether the next instruction can be reached (false after return, throw, break, continue). */
  reachable = true;
  /** Where `yield` goes: the innermost switch expression being compiled, or null. */
  private yieldTarget: SwitchYieldTarget | null = null;
  // The generator's bookkeeping maps are made on first use (the getters below): a snippet makes many generators
  // (one per lambda body, trial compilation, initializer…) that never touch most of them.
  /** The generic types of the expressions compiled so far, where they say more than their erasures. */
  private genericsStore: Map<Ast.ExpressionNode, GenericType> | null = null;
  private get generics(): Map<Ast.ExpressionNode, GenericType> {
    return (this.genericsStore ??= new Map());
  }
  /**
   * Calls of generic methods whose declared result is one of the method's type variables, with that
   * variable's erasure: JLS §15.25 classifies a conditional by the result type "before instantiating
   * the method's type arguments", so `c ? 1.5 : Objects.requireNonNull(7)` is a reference conditional.
   */
  private uninstantiatedResultsStore: Map<Ast.ExpressionNode, JavaType> | null = null;
  private get uninstantiatedResults(): Map<Ast.ExpressionNode, JavaType> {
    return (this.uninstantiatedResultsStore ??= new Map());
  }
  /** Generic member types over ctx.env (replaced with it when a local class is declared). */
  private members: GenericMembers;
  /** What the code is compiled in (swapped only for a switch expression's collect pass). */
  private ctx: CompileContext;
  /** The name last declared at each local slot (for checkDefiniteAssignment's message). */
  private slotNamesStore: Map<number, string> | null = null;
  private get slotNames(): Map<number, string> {
    return (this.slotNamesStore ??= new Map());
  }
  /** Set on the generator of trialBlockResultTypes: the types of the result expressions of its returns, as they are compiled. */
  private resultTypes: JavaType[] | null = null;
  /** trialBlock's answers, by lambda, then mode, parameter and return types. */
  private trialBlocksStore: Map<Ast.LambdaNode, Map<string, readonly JavaType[] | null>> | null = null;
  private get trialBlocks(): Map<Ast.LambdaNode, Map<string, readonly JavaType[] | null>> {
    return (this.trialBlocksStore ??= new Map());
  }
  /** See CompileContext.trialBodyTypes: the generators of a snippet's lambda bodies get their root's. */
  private readonly trialBodyTypes: Map<Ast.LambdaNode, Map<string, JavaType | null>>;
  /** The names of the enclosing code's variables used while each discardedArgument compilation runs (innermost last). */
  private readonly capturedNameJournals: Set<string>[] = [];
  /** In a lambda body compiled for a function type whose result mentions a type variable: the types its returns give (see lambdaResult). */
  private readonly lambdaResults: GenericType[] = [];

  constructor(
    ctx: CompileContext,
    target: MethodNode = new MethodNode(Opcodes.ASM9),
  ) {
    this.ctx = uniformContext(ctx);
    this.trialBodyTypes = ctx.trialBodyTypes ?? new Map();
    this.target = target;
    this.e = new Emitter(target);
    this.nextSlot = ctx.firstFreeSlot;
    this.maxSlot = ctx.firstFreeSlot;
    this.members = GenericMembers.of(ctx.env);
  }

  /**
   * The method node the code was written to. Handlers whose protected range holds no instruction (an
   * empty try block, a finally's range split around inlined copies) are left out, as javac leaves them
   * out: JVMS §4.7.3 requires start_pc < end_pc, and HotSpot refuses the class otherwise.
   */
  get output(): MethodNode {
    this.removeEmptyHandlers();
    return this.target;
  }

  /** Leaves out the handlers whose protected range holds no instruction (see output). */
  removeEmptyHandlers(): void {
    const handlers = this.target.tryCatchBlocks;
    if (handlers !== null && handlers.length > 0) this.target.tryCatchBlocks = handlers.filter((block) => coversAnInstruction(block.start, block.end));
  }

  /** The expression compiled for an assignment to `target` (see expressionAs), whose generic result needs no cast to fit it. */
  private uncastContext: { readonly node: Ast.ExpressionNode; readonly target: JavaType } | null = null;

  /** The call compiled for a target of a known generic type (see expressionAs and appendArguments): methodCall infers from it. */
  private callTarget: { readonly node: Ast.MethodCallNode; readonly generic: GenericType } | null = null;

  /** For each switch expression being compiled, the depth of jumpTargets at its start: break and continue may not go below it. */
  private readonly switchExpressionJumpDepths: number[] = [];

  /** A switch expression compiled where the operand stack is empty (see atEmptyStack): its arms' try statements need no spill. */
  private switchAtEmptyStack: Ast.ExpressionNode | null = null;

  /** The switch expressions with a try that may start at a non-empty stack (see stack-spill.ts), resolved by finishCode. */
  private readonly stackSpills: { readonly spill: StackSpill; readonly position: SourcePosition }[] = [];

  /** What is on the operand stack where the code starts (see enteredWith). */
  private entryStack: readonly JavaType[] = [];

  /**
   * For the effectively-final rule of captured variables (JLS §4.12.4, §15.27.2), checked by finishCode:
   * the variables this code assigns after their declaration (true: by a compound assignment, ++ or --),
   * those declared without an initializer, and those lambda bodies capture (with a lambda's position).
   */
  private assignedVariablesStore: Map<LocalVariable, boolean> | null = null;
  private get assignedVariables(): Map<LocalVariable, boolean> {
    return (this.assignedVariablesStore ??= new Map());
  }
  private declaredUnassignedStore: Set<LocalVariable> | null = null;
  private get declaredUnassigned(): Set<LocalVariable> {
    return (this.declaredUnassignedStore ??= new Set());
  }
  /** The locals declared `final`, with whether they have an initializer (see noteAssigned). */
  private finalVariablesStore: Map<LocalVariable, boolean> | null = null;
  private get finalVariables(): Map<LocalVariable, boolean> {
    return (this.finalVariablesStore ??= new Map());
  }
  private capturedVariablesStore: Map<LocalVariable, { readonly name: string; readonly position: SourcePosition; readonly capturer?: string }> | null = null;
  private get capturedVariables(): Map<LocalVariable, { readonly name: string; readonly position: SourcePosition; readonly capturer?: string }> {
    return (this.capturedVariablesStore ??= new Map());
  }
  /**
   * The locals declared without an initializer: the label the generator put at each declaration and
   * the store of each plain assignment to it, with its position, for definite unassignment (see
   * checkDefiniteUnassignment).
   */
  private blankLocalsStore: Map<LocalVariable, BlankLocal & { readonly name: string; readonly stores: Set<AbstractInsnNode>; readonly positions: Map<AbstractInsnNode, SourcePosition> }> | null = null;
  private get blankLocals(): Map<LocalVariable, BlankLocal & { readonly name: string; readonly stores: Set<AbstractInsnNode>; readonly positions: Map<AbstractInsnNode, SourcePosition> }> {
    return (this.blankLocalsStore ??= new Map());
  }

  /**
   * Compiles with `compile` an expression that starts at an empty operand stack, as statements do
   * (a local's initializer, a returned or yielded value, a value assigned to a local): when it is a
   * switch expression, its arms may hold try statements.
   */
  private atEmptyStack<T>(node: Ast.VariableInitializerNode, compile: () => T): T {
    const saved = this.switchAtEmptyStack;
    this.switchAtEmptyStack = node.kind === 'ArrayInitializer' ? null : unparenthesized(node);
    try {
      return compile();
    } finally {
      this.switchAtEmptyStack = saved;
    }
  }

  /** Calls whose results are intersection types: the types after the first (see GenericMembers.otherBounds). */
  private intersectionResultsStore: WeakMap<Ast.ExpressionNode, readonly string[]> | null = null;
  private get intersectionResults(): WeakMap<Ast.ExpressionNode, readonly string[]> {
    return (this.intersectionResultsStore ??= new WeakMap());
  }

  /** Calls whose results mention type variables they left open (see CompiledArgument.refine). */
  private openResultsStore: WeakMap<Ast.ExpressionNode, (target: GenericType) => GenericType | null> | null = null;
  private get openResults(): WeakMap<Ast.ExpressionNode, (target: GenericType) => GenericType | null> {
    return (this.openResultsStore ??= new WeakMap());
  }

  /** The checkcasts genericResult adds after a member of erased type, with that type (see withoutGenericCast). */
  private genericCastsStore: WeakMap<AbstractInsnNode, JavaType> | null = null;
  private get genericCasts(): WeakMap<AbstractInsnNode, JavaType> {
    return (this.genericCastsStore ??= new WeakMap());
  }

  /**
   * `code` of type `type` without the checkcast genericResult ended it with, when its value goes
   * where the erased type `fits` (javac casts only where the substituted type is needed: a String
   * concatenation's Object operand, a parameter of Object type, JLS §4.12.2 on heap pollution).
   * Returns the type of the code as it now is.
   */
  private withoutGenericCast(code: InsnList, type: JavaType, fits: (erased: JavaType) => boolean): JavaType {
    const last = code.getLast();
    const erased = last === null ? undefined : this.genericCastsStore?.get(last);
    if (erased === undefined || last === null || !fits(erased)) return type;
    code.remove(last);
    return erased;
  }

  /** The first slot above every local the code used. */
  get slotsUsed(): number {
    return this.maxSlot;
  }

  get emitter(): Emitter {
    return this.e;
  }

  /** Declares a named local (a parameter of a method made from source, a catch variable…). */
  declare(name: string, type: JavaType, slot?: number, generic?: GenericType | null): LocalVariable {
    const variable: LocalVariable = generic != null && isGeneric(generic) ? { type, slot: slot ?? this.allocate(type), generic } : { type, slot: slot ?? this.allocate(type) };
    this.scopes[this.scopes.length - 1]!.set(name, variable);
    this.slotNames.set(variable.slot, name);
    return variable;
  }

  /**
   * Says that the code starts with values of `types` on the operand stack (bottom first), which it
   * consumes itself (an ExprEditor replacement stores the expression's operands first).
   */
  enteredWith(types: readonly JavaType[]): void {
    this.entryStack = types;
  }

  /**
   * Completes the code written so far, once a body or snippet is complete: the operand stack is
   * spilled around the switch expressions that need it (stack-spill.ts), then the code is refused if
   * it reads a local before assigning it (checkDefiniteAssignment).
   */
  finishCode(fromSlot: number = this.ctx.firstFreeSlot): void {
    if (this.stackSpills.length > 0) {
      const spills = this.stackSpills.splice(0);
      try {
        spillStacks(this.target, spills.map((s) => s.spill), this.entryStack.map((type) => type.toAsmType()), (type) => {
          const slot = this.maxSlot;
          this.maxSlot += type.getSize();
          return slot;
        });
      } catch (error) {
        throw new CompileError(
          `internal error: the operand stack around this switch expression (whose arms hold a try) could not be found: ${error instanceof Error ? error.message : String(error)}`,
          spills[0]!.position,
        );
      }
    }
    this.checkEffectivelyFinalCaptures();
    this.checkDefiniteUnassignment();
    this.checkDefiniteAssignment(fromSlot);
  }

  /**
   * JLS ch. 16 and §4.12.4: a blank final local may be assigned only where it is definitely unassigned
   * ("variable x might already have been assigned"), and a blank local a lambda captures is effectively
   * final only if each of its assignments is so; checked on the code written (definite-unassignment.ts).
   */
  private checkDefiniteUnassignment(): void {
    // The stores, not their getters, which would make the maps this code only reads.
    const blankLocals = this.blankLocalsStore;
    if (blankLocals === null) return;
    const checked = [...blankLocals].filter(([variable]) => this.finalVariablesStore?.get(variable) === false || this.capturedVariablesStore?.has(variable) === true);
    if (checked.length === 0) return;
    const found = findReassignment(this.target, checked.map(([, local]) => local));
    if (found === null) return;
    const [variable, local] = checked[found.local]!;
    if (this.finalVariablesStore?.get(variable) === false) {
      throw new CompileError(`variable ${local.name} might already have been assigned`, local.positions.get(found.store));
    }
    const capture = this.capturedVariablesStore?.get(variable)!;
    throw new CompileError(`local variables referenced from ${capture.capturer ?? LAMBDA} must be final or effectively final (${capture.name} is assigned)`, capture.position);
  }

  /**
   * JLS §15.27.2: a variable a lambda body uses but does not declare must be final or effectively final
   * (§4.12.4) — never assigned after an initializer, never the operand of ++, -- or a compound
   * assignment. A variable declared without an initializer and assigned by plain assignments is left to
   * checkDefiniteUnassignment, which refuses it when one of them may not be its first.
   * A lambda body's own assignment to such a variable is refused as it is compiled (see lvalue).
   */
  private checkEffectivelyFinalCaptures(): void {
    const capturedVariables = this.capturedVariablesStore;
    if (capturedVariables === null) return;
    for (const [variable, { name, position, capturer }] of capturedVariables) {
      // Javassist's $ variables are set by the snippet itself before they are used (`$_ = $proceed($$);
      // log(() -> "" + $_)`), which is what they are for; only a lambda assigning one is refused.
      if (name.startsWith('$')) continue;
      const compound = this.assignedVariablesStore?.get(variable);
      if (compound === undefined || (!compound && this.declaredUnassignedStore?.has(variable) === true)) continue;
      throw new CompileError(`local variables referenced from ${capturer ?? LAMBDA} must be final or effectively final (${name} is assigned)`, position);
    }
  }

  /**
   * Refuses the code written so far if it reads one of its own locals (slots from `fromSlot`, by
   * default the first free slot the context gave) where it may not have been assigned — javac's
   * "might not have been initialized", and pattern variables used outside their scope (see
   * definite-assignment.ts). Run once a body or snippet is complete.
   */
  private checkDefiniteAssignment(fromSlot: number): void {
    // Most snippets have no locals of their own: nothing to check.
    if (this.maxSlot <= fromSlot) return;
    const read = findUnassignedRead(this.target, fromSlot);
    if (read === null) return;
    const name = this.slotNamesStore?.get(read.slot);
    throw new CompileError(
      name === undefined
        ? `internal error: the compiled code reads local slot ${read.slot} before assigning it`
        : `variable ${name} might not have been initialized (or is used outside the scope of its pattern)`,
    );
  }

  /** A fresh local slot for a value of `type`. */
  allocate(type: JavaType): number {
    const slot = this.nextSlot;
    this.nextSlot += type.size === 2 ? 2 : 1;
    this.maxSlot = Math.max(this.maxSlot, this.nextSlot);
    return slot;
  }

  // ## Statements

  statements(statements: readonly Ast.StatementNode[]): void {
    for (const statement of statements) this.statement(statement);
  }

  statement(node: Ast.StatementNode): void {
    try {
      this.statementUnchecked(node);
    } catch (error) {
      throw error instanceof CompileError ? error.withPosition(node.position) : error;
    }
  }

  private statementUnchecked(node: Ast.StatementNode): void {
    switch (node.kind) {
      case 'Block':
        return this.inScope(() => this.statements(node.statements));
      case 'LocalVariableDeclaration':
        return this.localVariableDeclaration(node);
      case 'LocalClass':
        return this.localClass(node);
      case 'ExpressionStatement':
        return this.expressionStatement(node.expression);
      case 'If':
        return this.ifStatement(node);
      case 'While':
        return this.whileStatement(node, []);
      case 'DoWhile':
        return this.doWhileStatement(node, []);
      case 'For':
        return this.forStatement(node, []);
      case 'ForEach':
        return this.forEachStatement(node, []);
      case 'Return':
        return this.returnStatement(node);
      case 'Throw': {
        const type = this.expression(node.expression);
        if (!this.ctx.env.isSubtype(type, JavaType.THROWABLE) && !type.isNull()) {
          throw new CompileError(`incompatible types: ${type} cannot be thrown (not a java.lang.Throwable)`, node.expression.position);
        }
        this.e.insn(Opcodes.ATHROW);
        this.reachable = false;
        return;
      }
      case 'Break':
      case 'Continue':
        return this.jumpStatement(node);
      case 'Labeled':
        return this.labeledStatement(node);
      case 'Switch':
        return this.switchStatement(node, []);
      case 'Try':
        return this.tryStatement(node);
      case 'Synchronized':
        return this.synchronizedStatement(node);
      case 'Empty':
        return;
      case 'Assert':
        this.assertStatement(node);
        return;
      case 'Yield':
        return this.yieldStatement(node);
      case 'ExplicitConstructorInvocation':
        // JLS §8.8.7: only as the first statement of a constructor body (see constructorInvocation).
        throw new CompileError(`call to ${node.isSuper ? 'super' : 'this'} must be first statement in constructor`, node.position);
    }
  }

  /** The first statement of a constructor body: its explicit (or implicit) `super(…)` / `this(…)` (JLS §8.8.7.1). */
  constructorInvocation(node: Ast.ExplicitConstructorInvocationNode): void {
    try {
      this.explicitConstructorInvocation(node);
    } catch (error) {
      throw error instanceof CompileError ? error.withPosition(node.position) : error;
    }
  }

  /**
   * Runs `body` with the local classes it declares in scope to its end only (JLS §6.3: a local class of a switch
   * block statement group is in scope in the rest of that group, where its locals reach the later groups).
   */
  private inLocalTypeScope(body: () => void): void {
    const localTypes = this.ctx.localTypes;
    try {
      body();
    } finally {
      if (this.ctx.localTypes !== localTypes) this.ctx = withContext(this.ctx, 'localTypes', localTypes);
    }
  }

  private inScope(body: () => void): void {
    this.scopes.push(new Map());
    try {
      // A local class declared in the block is in scope to its end (JLS §6.3), as its locals are.
      this.inLocalTypeScope(body);
    } finally {
      this.scopes.pop();
    }
  }

  /**
   * JLS §6.4: a local (or catch or for-each) variable may not be redeclared where another local the
   * code declared is in scope, in its block or an enclosing one (javac: "already defined"). The
   * outermost scope holds what the context gives (a method's parameters and named locals, a lambda's
   * parameters), which a snippet may shadow as Javassist lets it; pattern variables are let be, their
   * scope here being wider than Java's (see LocalVariable.pattern).
   */
  private requireUndefined(name: string, position: SourcePosition): void {
    for (let i = this.scopes.length - 1; i >= 1; i--) {
      const existing = this.scopes[i]!.get(name);
      if (existing !== undefined && existing.pattern !== true) throw new CompileError(`variable ${name} is already defined`, position);
    }
    const top = this.scopes[0]!.get(name);
    if (this.scopes.length === 1 && top !== undefined && top.pattern !== true) throw new CompileError(`variable ${name} is already defined`, position);
  }

  private localVariableDeclaration(node: Ast.LocalVariableDeclarationNode): void {
    for (const declarator of node.declarators) {
      this.requireUndefined(declarator.name, declarator.position);
      let type: JavaType;
      if (node.type.kind === 'VarType') {
        if (declarator.initializer === null || declarator.initializer.kind === 'ArrayInitializer') {
          throw new CompileError(`cannot infer type for local variable ${declarator.name}`, declarator.position);
        }
        const initializer = declarator.initializer;
        const buffered = this.buffered(() => this.atEmptyStack(initializer, () => this.ownTyped(initializer, () => this.expression(initializer))));
        if (buffered.value.isNull() || buffered.value.isVoid()) {
          throw new CompileError(`cannot infer type for local variable ${declarator.name} (${buffered.value})`, declarator.position);
        }
        type = buffered.value;
        const variable = this.declare(declarator.name, type, undefined, this.genericsStore?.get(unparenthesized(declarator.initializer)));
        if (node.modifiers.keywords.includes('final')) this.finalVariables.set(variable, true);
        const otherBounds = this.intersectionResultsStore?.get(unparenthesized(initializer));
        if (otherBounds !== undefined) variable.intersection = otherBounds;
        this.append(buffered.code);
        this.e.store(type, variable.slot);
        this.recordConstantVariable(node, variable, declarator.initializer);
        continue;
      }
      type = this.typeOf(node.type);
      let generic = this.genericTypeOf(node.type);
      if (declarator.extraDimensions > 0) {
        type = JavaType.arrayOf(type, declarator.extraDimensions);
        generic = generic === null ? null : arrayOfGeneric(generic, declarator.extraDimensions);
      }
      // In scope from its own initializer on (JLS §6.3), as javac.
      const variable = this.declare(declarator.name, type, undefined, generic);
      if (declarator.initializer === null) {
        this.declaredUnassigned.add(variable);
        // Where the variable starts unassigned, each time the code passes here (a loop's body declares it anew).
        this.e.label(this.e.newLabel());
        const declaration = this.target.instructions.getLast()!;
        this.blankLocals.set(variable, { name: declarator.name, declaration, stores: new Set(), positions: new Map() });
      }
      if (node.modifiers.keywords.includes('final')) this.finalVariables.set(variable, declarator.initializer !== null);
      if (declarator.initializer !== null) {
        const initializer = declarator.initializer;
        this.atEmptyStack(initializer, () => this.variableInitializer(initializer, type, generic));
        this.e.store(type, variable.slot);
        this.recordConstantVariable(node, variable, declarator.initializer);
      }
    }
  }

  /**
   * A final local of primitive or String type initialized with a constant expression is a constant
   * variable (JLS §4.12.4): its name is then a constant expression too (`case K:`, `byte b = K;`,
   * `"a" + K` folded and interned), as javac treats it. It is still stored, for debuggers.
   */
  private recordConstantVariable(node: Ast.LocalVariableDeclarationNode, variable: LocalVariable, initializer: Ast.VariableInitializerNode): void {
    if (!node.modifiers.keywords.includes('final') || initializer.kind === 'ArrayInitializer') return;
    if (!variable.type.isPrimitive() && variable.type !== JavaType.STRING) return;
    const constant = this.constant(initializer);
    const assigned = constant === null ? null : assignConstant(constant, variable.type);
    if (assigned !== null) variable.constant = assigned;
  }

  /** An initializer of a variable of `type`: an expression, or `{…}` for an array. */
  variableInitializer(node: Ast.VariableInitializerNode, type: JavaType, generic: GenericType | null = null): void {
    if (node.kind === 'ArrayInitializer') {
      if (!type.isArray()) throw new CompileError(`illegal initializer for ${type}`, node.position);
      this.arrayInitializer(node, type);
    } else {
      this.expressionAs(node, type, generic);
    }
  }

  private expressionStatement(node: Ast.ExpressionNode): void {
    switch (node.kind) {
      case 'Assign': {
        // `x = switch …` to a local: the switch starts at an empty stack, as a statement does.
        const target = unparenthesized(node.target);
        const toLocal = node.op === '=' && target.kind === 'Name' && target.name !== '$args' && this.variable(target.name) !== undefined;
        if (toLocal) this.atEmptyStack(node.value, () => this.assignment(node, false));
        else this.assignment(node, false);
        return;
      }
      case 'Unary':
        if (node.op === '++' || node.op === '--') {
          this.increment(node, false);
          return;
        }
        break;
      case 'MethodCall':
      case 'New':
        break;
      default:
        throw new CompileError('not a statement', node.position);
    }
    this.e.pop(this.expression(node));
  }

  /**
   * JLS §14.10, as javac compiles it: nothing when the class's `$assertionsDisabled` flag (set in
   * its static initializer from Class.desiredAssertionStatus) is on; else the condition, and when it
   * is false an AssertionError with the message (the constructor chosen by its type).
   */
  private assertStatement(node: Ast.AssertNode): void {
    const flag = this.ctx.lambdaMethods.assertionsDisabledField();
    const end = this.e.newLabel();
    this.e.field(Opcodes.GETSTATIC, this.ctx.currentClass, flag, 'Z');
    this.e.jump(Opcodes.IFNE, end);
    this.conditionTrue(node.condition, end);
    this.e.typeInsn(Opcodes.NEW, 'java/lang/AssertionError');
    this.e.insn(Opcodes.DUP);
    if (node.message === null) {
      this.e.invoke(Opcodes.INVOKESPECIAL, 'java/lang/AssertionError', '<init>', '()V', false);
    } else {
      const args = this.compileArguments([node.message]);
      const constructor = findConstructor(this.ctx.env, 'java/lang/AssertionError', this.argumentTypes(args), this.access());
      this.appendArguments(args, constructor, node.position);
      this.e.invoke(Opcodes.INVOKESPECIAL, 'java/lang/AssertionError', '<init>', constructor.descriptor, false);
    }
    this.e.insn(Opcodes.ATHROW);
    this.e.label(end);
    this.reachable = true;
  }

  private ifStatement(node: Ast.IfNode): void {
    const elseLabel = this.e.newLabel();
    this.condition(node.condition, elseLabel);
    this.inScope(() => this.statement(node.thenStatement));
    if (node.elseStatement === null) {
      this.e.label(elseLabel);
      this.reachable = true;
      return;
    }
    const end = this.e.newLabel();
    const thenReachable = this.reachable;
    if (thenReachable) this.e.jump(Opcodes.GOTO, end);
    this.e.label(elseLabel);
    this.reachable = true;
    this.inScope(() => this.statement(node.elseStatement!));
    this.e.label(end);
    this.reachable = this.reachable || thenReachable;
  }

  /**
   * A loop. It can complete normally (JLS §14.22) unless it is `endless` (its condition is absent or
   * the constant true) and no reachable `break` leaves it: after `while (true) { … return …; }` there
   * is nothing to return from (javac accepts no return there).
   */
  private loop(labels: readonly string[], endless: boolean, body: (breakLabel: Label, continueLabel: Label) => void): void {
    const breakLabel = this.e.newLabel();
    const continueLabel = this.e.newLabel();
    const target: JumpTarget = { labels, breakLabel, continueLabel, finallyDepth: this.finallyFrames.length };
    this.jumpTargets.push(target);
    try {
      body(breakLabel, continueLabel);
    } finally {
      this.jumpTargets.pop();
    }
    this.e.label(breakLabel);
    this.reachable = !endless || target.exited === true;
  }

  /** Whether `condition` is absent (`for (;;)`) or the constant expression true (JLS §15.29). */
  private isConstantTrue(condition: Ast.ExpressionNode | null): boolean {
    if (condition === null) return true;
    const constant = this.constant(condition);
    return constant !== null && constant.type === JavaType.BOOLEAN && constant.value === true;
  }

  private whileStatement(node: Ast.WhileNode, labels: readonly string[]): void {
    this.loop(labels, this.isConstantTrue(node.condition), (breakLabel, continueLabel) => {
      this.e.label(continueLabel);
      this.condition(node.condition, breakLabel);
      this.inScope(() => this.statement(node.body));
      this.e.jump(Opcodes.GOTO, continueLabel);
    });
  }

  private doWhileStatement(node: Ast.DoWhileNode, labels: readonly string[]): void {
    this.loop(labels, this.isConstantTrue(node.condition), (breakLabel, continueLabel) => {
      const start = this.e.newLabel();
      this.e.label(start);
      this.inScope(() => this.statement(node.body));
      this.e.label(continueLabel);
      this.reachable = true;
      this.conditionTrue(node.condition, start);
    });
  }

  private forStatement(node: Ast.ForNode, labels: readonly string[]): void {
    this.inScope(() => {
      for (const init of node.init) this.statement(init);
      const top = this.e.newLabel();
      this.loop(labels, this.isConstantTrue(node.condition), (breakLabel, continueLabel) => {
        this.e.label(top);
        if (node.condition !== null) this.condition(node.condition, breakLabel);
        this.inScope(() => this.statement(node.body));
        this.e.label(continueLabel);
        this.reachable = true;
        for (const update of node.update) this.statement(update);
        this.e.jump(Opcodes.GOTO, top);
      });
    });
  }

  private forEachStatement(node: Ast.ForEachNode, labels: readonly string[]): void {
    this.inScope(() => {
      const iterableType = this.expression(node.iterable);
      // JLS §14.14.2: `var` takes the array's component type, or the Iterable's type argument.
      const inferredElement = node.type.kind === 'VarType' ? this.elementGeneric(node.iterable, iterableType) : null;
      let elementGeneric = node.type.kind === 'VarType' ? inferredElement : this.genericTypeOf(node.type);
      let elementType =
        node.type.kind === 'VarType'
          ? iterableType.isArray() ? iterableType.componentType! : inferredElement === null ? OBJECT : erasure(inferredElement)
          : this.typeOf(node.type);
      if (node.extraDimensions > 0) {
        elementType = JavaType.arrayOf(elementType, node.extraDimensions);
        elementGeneric = elementGeneric === null ? null : arrayOfGeneric(elementGeneric, node.extraDimensions);
      }
      if (iterableType.isArray()) {
        // JLS §14.14.2: for (T x : array) over a copy of the reference and an index.
        const array = this.allocate(iterableType);
        const index = this.allocate(JavaType.INT);
        this.e.store(iterableType, array);
        this.e.pushInt(0);
        this.e.store(JavaType.INT, index);
        const top = this.e.newLabel();
        this.loop(labels, false, (breakLabel, continueLabel) => {
          this.e.label(top);
          this.e.load(JavaType.INT, index);
          this.e.load(iterableType, array);
          this.e.insn(Opcodes.ARRAYLENGTH);
          // stack: index, length
          this.e.jump(Opcodes.IF_ICMPGE, breakLabel);
          this.inScope(() => {
            const component = iterableType.componentType!;
            this.e.load(iterableType, array);
            this.e.load(JavaType.INT, index);
            this.e.insn(component.toAsmType().getOpcode(Opcodes.IALOAD));
            this.convert(component, elementType, node.position, 'assignment');
            this.requireUndefined(node.name, node.position);
            const variable = this.declare(node.name, elementType, undefined, elementGeneric);
            this.e.store(variable.type, variable.slot);
            this.statement(node.body);
          });
          this.e.label(continueLabel);
          this.reachable = true;
          this.target.visitIincInsn(index, 1);
          this.e.jump(Opcodes.GOTO, top);
        });
        return;
      }
      if (!iterableType.isReference() || !this.ctx.env.isSubtype(iterableType, JavaType.classType('java/lang/Iterable'))) {
        throw new CompileError(`for-each not applicable to expression type ${iterableType}`, node.iterable.position);
      }
      const iterator = JavaType.classType('java/util/Iterator');
      this.invoke(findMethod(this.ctx.env, iterableType.internalName!, 'iterator', [], this.access()));
      const slot = this.allocate(iterator);
      this.e.store(iterator, slot);
      this.loop(labels, false, (breakLabel, continueLabel) => {
        this.e.label(continueLabel);
        this.e.load(iterator, slot);
        this.e.invoke(Opcodes.INVOKEINTERFACE, 'java/util/Iterator', 'hasNext', '()Z', true);
        this.e.jump(Opcodes.IFEQ, breakLabel);
        this.inScope(() => {
          this.e.load(iterator, slot);
          this.e.invoke(Opcodes.INVOKEINTERFACE, 'java/util/Iterator', 'next', '()Ljava/lang/Object;', true);
          this.convert(OBJECT, elementType, node.position, 'cast');
          this.requireUndefined(node.name, node.position);
          const variable = this.declare(node.name, elementType, undefined, elementGeneric);
          this.e.store(elementType, variable.slot);
          this.statement(node.body);
        });
        this.e.jump(Opcodes.GOTO, continueLabel);
      });
    });
  }

  private returnStatement(node: Ast.ReturnNode): void {
    // JLS §15.28.2: a switch expression completes with a value or an exception, never by a return.
    if (this.switchExpressionJumpDepths.length > 0) throw new CompileError('attempt to return out of a switch expression', node.position);
    const returnType = this.ctx.returnType;
    if (node.expression === null) {
      if (!returnType.isVoid()) throw new CompileError(`missing return value (the method returns ${returnType})`, node.position);
      this.runFinallyBlocks(0);
      this.e.returnValue(JavaType.VOID);
    } else if (returnType.isVoid() && isResultCast(unparenthesized(node.expression))) {
      // Javassist's `return ($r) expr;` in a void method is `expr; return;` (its tutorial, §4.2 "$r"): the
      // generic proxy body `{ return ($r) handler.invoke($0, m, $args); }` fits every method.
      const cast = unparenthesized(node.expression) as Ast.CastNode;
      this.atEmptyStack(cast, () => this.e.pop(this.specialCast(cast, null)));
      this.runFinallyBlocks(0);
      this.e.returnValue(JavaType.VOID);
    } else {
      if (returnType.isVoid()) throw new CompileError('incompatible types: unexpected return value (the method returns void)', node.expression.position);
      const expression = node.expression;
      const inner = unparenthesized(expression);
      const returnGeneric = this.ctx.returnGeneric;
      if (this.ctx.capture !== undefined && returnGeneric != null && mentionsTypeVariable(returnGeneric) && inner.kind !== 'Lambda' && inner.kind !== 'MethodReference' && !(inner.kind === 'Cast' && isSpecialCast(inner))) {
        // A block lambda's return whose function type's result is still to infer (Stream.map's R): what it
        // returns tells it, as an expression body's value does (see lambdaBody).
        const actual = this.atEmptyStack(expression, () => this.expression(expression));
        if (actual.isVoid()) throw new CompileError('bad return type in lambda expression: void', expression.position);
        this.convert(actual, returnType, expression.position, 'assignment');
        if (!actual.isNull()) this.noteLambdaResult(this.genericsStore?.get(inner) ?? genericOf(actual.isPrimitive() ? actual.boxed()! : actual));
      } else if (this.resultTypes !== null) {
        // A trial over a block lambda's body for overload resolution (trialBlockResultTypes): each result expression's own type.
        const actual = this.atEmptyStack(expression, () => this.expression(expression));
        this.resultTypes.push(actual);
        this.convert(actual, returnType, expression.position, 'assignment');
      } else {
        this.atEmptyStack(expression, () => this.expressionAs(expression, returnType, returnGeneric ?? null));
      }
      if (this.finallyFrames.length > 0) {
        const slot = this.allocate(returnType);
        this.e.store(returnType, slot);
        this.runFinallyBlocks(0);
        this.e.load(returnType, slot);
      }
      this.e.returnValue(returnType);
    }
    this.reachable = false;
  }

  private jumpStatement(node: Ast.BreakNode | Ast.ContinueNode): void {
    const isBreak = node.kind === 'Break';
    let target: JumpTarget | undefined;
    for (let i = this.jumpTargets.length - 1; i >= 0; i--) {
      const candidate = this.jumpTargets[i]!;
      if (node.label !== null ? candidate.labels.includes(node.label) : isBreak || candidate.continueLabel !== null) {
        if (!isBreak && candidate.continueLabel === null) continue;
        target = candidate;
        break;
      }
    }
    if (target === undefined) {
      const what = isBreak ? 'break' : 'continue';
      throw new CompileError(node.label === null ? `${what} outside of a loop${isBreak ? ' or switch' : ''}` : `undefined label: ${node.label}`, node.position);
    }
    // JLS §15.28.2: no break or continue leaves a switch expression (its own break target included).
    const boundary = this.switchExpressionJumpDepths[this.switchExpressionJumpDepths.length - 1];
    if (boundary !== undefined && this.jumpTargets.indexOf(target) <= boundary) {
      throw new CompileError(`attempt to ${isBreak ? 'break' : 'continue'} out of a switch expression`, node.position);
    }
    if (isBreak && this.reachable) target.exited = true;
    this.runFinallyBlocks(target.finallyDepth);
    this.e.jump(Opcodes.GOTO, isBreak ? target.breakLabel : target.continueLabel!);
    this.reachable = false;
  }

  private labeledStatement(node: Ast.LabeledNode): void {
    const labels: string[] = [node.label];
    let body = node.body;
    while (body.kind === 'Labeled') {
      labels.push(body.label);
      body = body.body;
    }
    switch (body.kind) {
      case 'While':
        return this.whileStatement(body, labels);
      case 'DoWhile':
        return this.doWhileStatement(body, labels);
      case 'For':
        return this.forStatement(body, labels);
      case 'ForEach':
        return this.forEachStatement(body, labels);
      case 'Switch':
        return this.switchStatement(body, labels);
      default: {
        const end = this.e.newLabel();
        const target: JumpTarget = { labels, breakLabel: end, continueLabel: null, finallyDepth: this.finallyFrames.length };
        this.jumpTargets.push(target);
        try {
          this.statement(body);
        } finally {
          this.jumpTargets.pop();
        }
        this.e.label(end);
        // JLS §14.22: it completes normally if its statement does, or a break leaves it.
        this.reachable = this.reachable || target.exited === true;
      }
    }
  }

  /**
   * switch (JLS §14.11) on int-like values (and their boxes), strings and enums: the selector is
   * kept in a local, each case label compares with it and jumps to its body; bodies follow in order
   * (falling through, unless arrow form). Integers use a lookupswitch; strings equals(); enum
   * constants identity (their ordinals are not known without running the enum's initializer).
   */
  private switchStatement(node: Ast.SwitchNode, labels: readonly string[]): void {
    // JLS §6.3: a local declared in a switch block's statement group is in scope in the later groups
    // (`case 1: int x = 5; … case 2: x = 7;`); an arrow case's body is a scope of its own.
    this.switchOn(node, labels, (switchCase, breakLabel, target) => {
      if (node.arrowForm) this.inScope(() => this.statements(switchCase.body));
      else this.inLocalTypeScope(() => this.statements(switchCase.body));
      if (node.arrowForm && this.reachable) {
        target.exited = true;
        this.e.jump(Opcodes.GOTO, breakLabel);
        this.reachable = false;
      }
    }, null);
  }

  /**
   * The dispatch of a switch statement or expression: `caseBody` compiles each case's body (after
   * its label); `missingDefault`, when given, is compiled as the default of a switch without one.
   */
  private switchOn(
    node: Ast.SwitchNode | Ast.SwitchExpressionNode,
    labels: readonly string[],
    caseBody: (switchCase: Ast.SwitchCaseNode, breakLabel: Label, target: JumpTarget) => void,
    missingDefault: ((selectorKind: 'int' | 'string' | 'enum', selectorType: JavaType) => void) | null,
  ): void {
    this.inScope(() => {
      let selectorType = this.expression(node.selector);
      const unboxed = selectorType.unboxed();
      if (unboxed !== null) {
        this.e.unbox(selectorType, unboxed);
        selectorType = unboxed;
      }
      const kind = selectorType === JavaType.STRING ? 'string' : selectorType.isPrimitive() ? 'int' : 'enum';
      if (kind === 'int' && !(unaryNumericPromotion(selectorType) === JavaType.INT)) {
        throw new CompileError(`incompatible types: a switch on ${selectorType}`, node.selector.position);
      }
      if (kind === 'enum' && !this.isEnum(selectorType)) {
        throw new CompileError(`incompatible types: a switch on ${selectorType} (only int-like, String and enum values)`, node.selector.position);
      }
      const selector = this.allocate(kind === 'int' ? JavaType.INT : selectorType);
      if (kind === 'string') {
        // A null string throws NullPointerException, as javac's hashCode() switch does.
        this.e.dup(selectorType);
        this.e.invoke(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'hashCode', '()I', false);
        this.e.insn(Opcodes.POP);
      } else if (kind === 'enum') {
        this.e.dup(selectorType);
        this.e.invoke(Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'getClass', '()Ljava/lang/Class;', false);
        this.e.insn(Opcodes.POP);
      }
      this.e.store(kind === 'int' ? JavaType.INT : selectorType, selector);
      const bodyLabels = node.cases.map(() => this.e.newLabel());
      this.loopless(labels, (breakLabel, target) => {
        let defaultLabel: Label = breakLabel;
        const intKeys: number[] = [];
        const intLabels: Label[] = [];
        const stringKeys: string[] = [];
        node.cases.forEach((switchCase, i) => {
          if (switchCase.isDefault) defaultLabel = bodyLabels[i]!;
          for (const caseLabel of switchCase.labels) {
            if (kind === 'int') {
              const value = this.caseConstant(caseLabel, selectorType) as number;
              if (intKeys.includes(value)) throw new CompileError('duplicate case label', caseLabel.position);
              intKeys.push(value);
              intLabels.push(bodyLabels[i]!);
            } else if (kind === 'string') {
              const value = this.caseConstant(caseLabel, selectorType) as string;
              if (stringKeys.includes(value)) throw new CompileError('duplicate case label', caseLabel.position);
              stringKeys.push(value);
              this.e.pushString(value);
              this.e.load(selectorType, selector);
              this.e.invoke(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'equals', '(Ljava/lang/Object;)Z', false);
              this.e.jump(Opcodes.IFNE, bodyLabels[i]!);
            } else {
              if (caseLabel.kind !== 'Name') throw new CompileError('an enum switch needs enum constant names as case labels', caseLabel.position);
              const field = findField(this.ctx.env, selectorType.internalName!, caseLabel.name, this.access());
              if (field === null) throw new CompileError(`an enum switch case label must be the unqualified name of an enumeration constant: ${caseLabel.name}`, caseLabel.position);
              this.e.load(selectorType, selector);
              this.e.field(Opcodes.GETSTATIC, field.owner, caseLabel.name, field.field.descriptor);
              this.e.jump(Opcodes.IF_ACMPEQ, bodyLabels[i]!);
            }
          }
        });
        const synthesizedDefault = missingDefault !== null && !node.cases.some((c) => c.isDefault) ? this.e.newLabel() : null;
        if (synthesizedDefault !== null) defaultLabel = synthesizedDefault;
        if (kind === 'int') {
          const order = intKeys.map((key, i) => [key, intLabels[i]!] as const).sort((a, b) => a[0] - b[0]);
          this.e.load(JavaType.INT, selector);
          this.target.visitLookupSwitchInsn(defaultLabel, order.map((o) => o[0]), order.map((o) => o[1]));
        } else {
          this.e.jump(Opcodes.GOTO, defaultLabel);
        }
        node.cases.forEach((switchCase, i) => {
          this.e.label(bodyLabels[i]!);
          this.reachable = true;
          caseBody(switchCase, breakLabel, target);
        });
        // A switch statement without default falls out when no case matches (JLS §14.22).
        if (missingDefault === null && !node.cases.some((c) => c.isDefault)) target.exited = true;
        if (synthesizedDefault !== null) {
          this.e.label(synthesizedDefault);
          this.reachable = true;
          missingDefault!(kind, selectorType);
        }
      });
    });
  }

  /**
   * A switch expression (JLS §15.28): compiled once to learn the types of its results (the code is
   * thrown away, the generator's state restored), then for real, each `yield` storing its value,
   * converted to the expression's type (§15.28.1, folded as for ?:), in a local and jumping to the end.
   */
  /**
   * A switch expression (JLS §15.28). With `targetType` (an assignment or return context) it is a poly
   * expression: each result is converted to the target type (`Object o = switch … -> 1; … -> 2L`
   * boxes an Integer or a Long). Standalone, its type is the results' common type, boolean, their
   * general numeric promotion (§5.6: `'a'` with the constant `0` is a char), or a reference type.
   */
  private switchExpression(node: Ast.SwitchExpressionNode, targetType: JavaType | null = null, targetGeneric: GenericType | null = null): JavaType {
    // An exception handler starts with the exception alone on the stack (JVMS §2.10): a try in an arm
    // would lose what the code around the switch has pushed. As javac, that stack is stored in locals
    // before the switch and loaded back before its result (stack-spill.ts), unless the switch starts
    // at an empty stack.
    const spill: StackSpill | null = containsTry(node) && this.switchAtEmptyStack !== node ? { before: this.e.newLabel(), after: this.e.newLabel() } : null;
    const saved = { nextSlot: this.nextSlot, handlers: this.target.tryCatchBlocks?.length ?? 0, reachable: this.reachable };
    const types: JavaType[] = [];
    const constants: (Constant | null)[] = [];
    // The collect pass only learns the results' types: a lambda in an arm gets its method in the emit pass
    // alone (compiled in both, it would leave an unused synthetic method behind).
    const realContext = this.ctx;
    this.ctx = { ...realContext, lambdaMethods: { add: () => 'lambda$collect', assertionsDisabledField: () => realContext.lambdaMethods.assertionsDisabledField(), discards: true } };
    try {
      this.buffered(() => this.switchExpressionBody(node, { mode: 'collect', types, constants, target: targetType, generic: targetGeneric }));
    } finally {
      this.ctx = realContext;
    }
    this.nextSlot = saved.nextSlot;
    if (this.target.tryCatchBlocks !== null) this.target.tryCatchBlocks.length = saved.handlers;
    this.reachable = saved.reachable;
    if (types.length === 0) throw new CompileError('switch expression does not have any result expressions', node.position);
    const type = targetType ?? this.switchResultType(types, constants, node.position);
    const slot = this.allocate(type);
    const end = this.e.newLabel();
    if (spill !== null) this.e.label(spill.before);
    this.switchExpressionBody(node, { mode: 'emit', type, generic: targetType === null ? null : targetGeneric, slot, end, finallyDepth: this.finallyFrames.length });
    this.e.label(end);
    this.reachable = true;
    if (spill !== null) {
      this.e.label(spill.after);
      this.stackSpills.push({ spill, position: node.position });
    }
    this.e.load(type, slot);
    return type;
  }

  /** The type of a standalone switch expression from its results' types and constants (JLS §15.28.1). */
  private switchResultType(types: readonly JavaType[], constants: readonly (Constant | null)[], position: SourcePosition): JavaType {
    if (types.every((type) => type === types[0])) return types[0]!.isNull() ? OBJECT : types[0]!;
    const primitives = types.map((type) => type.primitiveOrUnboxed());
    if (primitives.every((type) => type === JavaType.BOOLEAN)) return JavaType.BOOLEAN;
    if (primitives.every((type) => type !== null && type.isNumeric())) return generalNumericPromotion(primitives as JavaType[], constants);
    let type = types[0]!;
    for (const other of types.slice(1)) type = this.conditionalType(type.isPrimitive() ? type.boxed()! : type, other.isPrimitive() ? other.boxed()! : other, position);
    return type.isNull() ? OBJECT : type;
  }

  private switchExpressionBody(node: Ast.SwitchExpressionNode, target: SwitchYieldTarget): void {
    const saved = this.yieldTarget;
    this.yieldTarget = target;
    this.switchExpressionJumpDepths.push(this.jumpTargets.length);
    try {
      this.switchOn(
        node,
        [],
        (switchCase) => {
          this.inScope(() => this.statements(switchCase.body));
          if (this.reachable && (node.arrowForm || switchCase === node.cases[node.cases.length - 1])) {
            throw new CompileError('switch rule completes without providing a value (a yield or a throw is needed)', switchCase.position);
          }
        },
        (kind, selectorType) => {
          if (kind !== 'enum') throw new CompileError('the switch expression does not cover all possible input values', node.position);
          // JLS §15.28.1: without default, every constant of the enum must have a case.
          const covered = new Set(node.cases.flatMap((c) => c.labels.map((label) => (label.kind === 'Name' ? label.name : ''))));
          const constants = this.ctx.env.findClass(selectorType.internalName!)?.fields.filter((f) => (f.access & Opcodes.ACC_ENUM) !== 0).map((f) => f.name) ?? [];
          const missing = constants.filter((name) => !covered.has(name));
          if (missing.length > 0) throw new CompileError(`the switch expression does not cover all possible input values (no case for ${missing.join(', ')})`, node.position);
          // As javac (Java 17) for an enum switch without default: a constant added since compilation.
          this.e.typeInsn(Opcodes.NEW, 'java/lang/IncompatibleClassChangeError');
          this.e.insn(Opcodes.DUP);
          this.e.invoke(Opcodes.INVOKESPECIAL, 'java/lang/IncompatibleClassChangeError', '<init>', '()V', false);
          this.e.insn(Opcodes.ATHROW);
          this.reachable = false;
        },
      );
    } finally {
      this.yieldTarget = saved;
      this.switchExpressionJumpDepths.pop();
    }
  }

  private yieldStatement(node: Ast.YieldNode): void {
    const target = this.yieldTarget;
    if (target === null) throw new CompileError('yield outside of a switch expression', node.position);
    if (target.mode === 'collect' && target.target !== null) {
      // A poly switch (JLS §15.28.1): a lambda result needs the target type to compile at all.
      const poly = target.target;
      this.expressionAs(node.expression, poly, target.generic);
      this.e.pop(poly);
      target.types.push(poly);
      target.constants.push(null);
    } else if (target.mode === 'collect') {
      const type = this.expression(node.expression);
      if (type.isVoid()) throw new CompileError("'void' type not allowed here", node.expression.position);
      this.e.pop(type);
      target.types.push(type);
      target.constants.push(this.constant(node.expression));
    } else {
      // A switch with a try in it starts at an empty stack, or has it spilled: its arms' statements start at one.
      this.atEmptyStack(node.expression, () => this.expressionAs(node.expression, target.type, target.generic));
      this.e.store(target.type, target.slot);
      this.runFinallyBlocks(target.finallyDepth);
      this.e.jump(Opcodes.GOTO, target.end);
    }
    this.reachable = false;
  }

  /**
   * A breakable statement that is not a loop (switch): `break` leaves it, `continue` passes through.
   * It can complete normally (JLS §14.22) when its last code can, a break leaves it, or `body` says
   * so (by setting `exited` on the target it is given: an arrow case's end, a switch without default).
   */
  private loopless(labels: readonly string[], body: (breakLabel: Label, target: JumpTarget) => void): void {
    const breakLabel = this.e.newLabel();
    const target: JumpTarget = { labels, breakLabel, continueLabel: null, finallyDepth: this.finallyFrames.length };
    this.jumpTargets.push(target);
    try {
      body(breakLabel, target);
    } finally {
      this.jumpTargets.pop();
    }
    this.e.label(breakLabel);
    this.reachable = this.reachable || target.exited === true;
  }

  private isEnum(type: JavaType): boolean {
    if (!type.isClass()) return false;
    const model = this.ctx.env.findClass(type.internalName!);
    return model !== null && (model.access & Opcodes.ACC_ENUM) !== 0;
  }

  /**
   * The value of a case label of a switch on `selectorType` (int-like or String): a constant expression
   * (JLS §15.29: `1 + 2`, `TWO * 2`, `(int) 3L`, `"a" + "b"`, static final constants) assignable to the
   * selector's type (JLS §14.11.1).
   */
  private caseConstant(node: Ast.ExpressionNode, selectorType: JavaType): number | string {
    const constant = this.constant(node);
    if (constant === null) throw new CompileError('constant expression required', node.position);
    if (selectorType === JavaType.STRING) {
      if (constant.type !== JavaType.STRING) throw new CompileError(`incompatible types: ${constant.type} cannot be converted to String`, node.position);
      return constant.value as string;
    }
    const isIntLike = constant.type === JavaType.INT || constant.type === JavaType.CHAR || constant.type === JavaType.SHORT || constant.type === JavaType.BYTE;
    if (!isIntLike) throw new CompileError(`incompatible types: ${constant.type} cannot be converted to ${selectorType}`, node.position);
    const value = constant.value as number;
    if (constant.type !== selectorType && !fits(value, selectorType)) {
      throw new CompileError(`incompatible types: possible lossy conversion from ${constant.type} to ${selectorType}`, node.position);
    }
    return value;
  }

  /** try/catch/finally (JLS §14.20) with the finally block inlined at every exit, as javac. */
  private tryStatement(node: Ast.TryNode): void {
    if (node.resources.length > 0) return this.statement(desugarTryWithResources(node, this.nextSlot));
    const start = this.e.newLabel();
    const end = this.e.newLabel();
    const after = this.e.newLabel();
    const finallyBlock = node.finallyBlock;
    const frame: FinallyFrame | null =
      finallyBlock === null ? null : { emit: () => this.inScope(() => this.statement(finallyBlock)), gaps: [], jumpDepth: this.jumpTargets.length };
    const tryCatchBlocks: TryCatchBlockNode[] = [];
    let anyReachable = false;
    if (frame !== null) this.finallyFrames.push(frame);
    const protectedStart = start;
    try {
      this.e.label(start);
      this.inScope(() => this.statement(node.block));
      this.e.label(end);
      if (this.reachable) {
        if (frame !== null) this.inlineFinally(frame);
        this.e.jump(Opcodes.GOTO, after);
        anyReachable = true;
      }
      for (const clause of node.catches) {
        const handler = this.e.newLabel();
        this.e.label(handler);
        this.reachable = true;
        const types = clause.types.map((type) => this.classTypeOf(type));
        for (const type of types) {
          if (!this.ctx.env.isSubtype(type, JavaType.THROWABLE)) throw new CompileError(`incompatible types: ${type} is not a java.lang.Throwable`, clause.position);
          tryCatchBlocks.push(this.tryCatch(start, end, handler, type.internalName!));
        }
        this.inScope(() => {
          this.requireUndefined(clause.name, clause.position);
          const variable = this.declare(clause.name, types.length === 1 ? types[0]! : JavaType.THROWABLE);
          this.e.store(variable.type, variable.slot);
          this.statement(clause.body);
        });
        if (this.reachable) {
          if (frame !== null) this.inlineFinally(frame);
          this.e.jump(Opcodes.GOTO, after);
          anyReachable = true;
        }
      }
    } finally {
      if (frame !== null) this.finallyFrames.pop();
    }
    if (frame !== null) {
      // The catch-all handler: everything from the try block's start to here, minus the inlined copies.
      const protectedEnd = this.e.newLabel();
      this.e.label(protectedEnd);
      const handler = this.e.newLabel();
      this.e.label(handler);
      this.reachable = true;
      let segmentStart = protectedStart;
      for (const [gapStart, gapEnd] of frame.gaps) {
        tryCatchBlocks.push(this.tryCatch(segmentStart, gapStart, handler, null));
        segmentStart = gapEnd;
      }
      tryCatchBlocks.push(this.tryCatch(segmentStart, protectedEnd, handler, null));
      const exception = this.allocate(JavaType.THROWABLE);
      this.e.store(JavaType.THROWABLE, exception);
      frame.emit();
      if (this.reachable) {
        this.e.load(JavaType.THROWABLE, exception);
        this.e.insn(Opcodes.ATHROW);
      }
    }
    // Handlers of an inner try come first in the table (JVMS §2.10: searched in order).
    this.target.tryCatchBlocks ??= [];
    this.target.tryCatchBlocks.push(...tryCatchBlocks);
    this.e.label(after);
    this.reachable = anyReachable;
  }

  private tryCatch(start: Label, end: Label, handler: Label, type: string | null): TryCatchBlockNode {
    return new TryCatchBlockNode(labelNode(start), labelNode(end), labelNode(handler), type);
  }

  /** Inlines a finally block at an exit, recording the copy as a gap of its protected region. */
  private inlineFinally(frame: FinallyFrame): void {
    const gapStart = this.e.newLabel();
    const gapEnd = this.e.newLabel();
    this.e.label(gapStart);
    // The copy runs outside the try: an abrupt exit inside it must not run the block again.
    const index = this.finallyFrames.indexOf(frame);
    const saved = index >= 0 ? this.finallyFrames.splice(index) : [];
    const innerTargets = this.jumpTargets.splice(frame.jumpDepth);
    try {
      frame.emit();
    } finally {
      this.finallyFrames.push(...saved);
      this.jumpTargets.push(...innerTargets);
    }
    this.e.label(gapEnd);
    frame.gaps.push([gapStart, gapEnd]);
  }

  /** Runs (inlines) the finally blocks above `depth`, innermost first, before a jump out of them. */
  private runFinallyBlocks(depth: number): void {
    for (let i = this.finallyFrames.length - 1; i >= depth; i--) this.inlineFinally(this.finallyFrames[i]!);
  }

  private synchronizedStatement(node: Ast.SynchronizedNode): void {
    const lockType = this.expression(node.lock);
    if (!lockType.isReference()) throw new CompileError(`unexpected type: synchronized needs a reference, found ${lockType}`, node.lock.position);
    const lock = this.allocate(OBJECT);
    this.e.dup(lockType);
    this.e.store(OBJECT, lock);
    this.e.insn(Opcodes.MONITORENTER);
    this.tryStatementWithFinally(node.body, () => {
      this.e.load(OBJECT, lock);
      this.e.insn(Opcodes.MONITOREXIT);
    });
  }

  /** `try { body } finally { emitFinally() }` for synthesized finally code. */
  private tryStatementWithFinally(body: Ast.BlockNode, emitFinally: () => void): void {
    const frame: FinallyFrame = { emit: emitFinally, gaps: [], jumpDepth: this.jumpTargets.length };
    const start = this.e.newLabel();
    const after = this.e.newLabel();
    this.finallyFrames.push(frame);
    let reachable = false;
    try {
      this.e.label(start);
      this.statement(body);
      if (this.reachable) {
        this.inlineFinally(frame);
        this.e.jump(Opcodes.GOTO, after);
        reachable = true;
      }
    } finally {
      this.finallyFrames.pop();
    }
    const protectedEnd = this.e.newLabel();
    this.e.label(protectedEnd);
    const handler = this.e.newLabel();
    this.e.label(handler);
    this.reachable = true;
    const blocks: TryCatchBlockNode[] = [];
    let segmentStart = start;
    for (const [gapStart, gapEnd] of frame.gaps) {
      blocks.push(this.tryCatch(segmentStart, gapStart, handler, null));
      segmentStart = gapEnd;
    }
    blocks.push(this.tryCatch(segmentStart, protectedEnd, handler, null));
    const exception = this.allocate(JavaType.THROWABLE);
    this.e.store(JavaType.THROWABLE, exception);
    emitFinally();
    this.e.load(JavaType.THROWABLE, exception);
    this.e.insn(Opcodes.ATHROW);
    this.target.tryCatchBlocks ??= [];
    this.target.tryCatchBlocks.push(...blocks);
    this.e.label(after);
    this.reachable = reachable;
  }

  private explicitConstructorInvocation(node: Ast.ExplicitConstructorInvocationNode): void {
    if (this.ctx.isStatic) throw new CompileError('call to this/super outside of a constructor', node.position);
    if (node.qualifier !== null) throw new CompileError('qualified super constructor calls are not supported in snippets', node.position);
    const owner = node.isSuper ? this.ctx.superName : this.ctx.currentClass;
    if (owner === null) throw new CompileError('java.lang.Object has no superclass constructor', node.position);
    this.e.load(JavaType.classType(this.ctx.currentClass), 0);
    const superOuter = node.isSuper ? this.superclassEnclosingInstance(owner, node.position) : null;
    const args = [...(superOuter === null ? [] : [superOuter]), ...this.compileArguments(node.arguments)];
    const constructor = findConstructor(this.ctx.env, owner, this.argumentTypes(args), this.access());
    // Lambda and method reference arguments get their parameter types as the constructor instantiates them
    // (a generic constructor's type variables inferred from the other arguments, JLS §18.5.1), as in `new C(…)`.
    const ownerGeneric = node.isSuper ? (this.members.asSuper(this.members.thisType(this.ctx.currentClass), owner) ?? genericOf(JavaType.classType(owner))) : this.members.thisType(owner);
    const parameterGenerics = args.some((arg) => arg.functional !== undefined || arg.deferred !== undefined || arg.retarget !== undefined) || constructor.varargsCall
      ? this.members.parameterTypes(ownerGeneric, constructor, this.inferenceArguments(args))
      : null;
    const local = this.ctx.localClasses?.get(owner);
    if (local?.isEnum === true) {
      // this(…) in a local enum's constructor passes the constant's name and ordinal on.
      const name = this.lookupLocal(ENUM_NAME_LOCAL)!;
      const ordinal = this.lookupLocal(ENUM_ORDINAL_LOCAL)!;
      this.e.load(name.type, name.slot);
      this.e.load(ordinal.type, ordinal.slot);
      this.appendArguments(args, constructor, node.position, parameterGenerics);
      this.e.invoke(Opcodes.INVOKESPECIAL, owner, '<init>', enumConstructorDescriptor(constructor.descriptor), false);
      return;
    }
    this.appendArguments(args, constructor, node.position, parameterGenerics);
    // this(…) of a local class, or super(…) of one extending another: the enclosing instance and captured values too.
    this.e.invoke(Opcodes.INVOKESPECIAL, owner, '<init>', local === undefined ? constructor.descriptor : this.localClassExtras(local, constructor.descriptor, node.position), false);
  }

  /**
   * The enclosing instance a local class's super(…) passes first when its superclass is an inner member
   * class (JLS §8.8.7.1: the innermost enclosing instance of the superclass's outer class, here the local
   * class's own, checked when it was declared): its enclosing-instance parameter, null elsewhere.
   */
  private superclassEnclosingInstance(superName: string, position: SourcePosition): CompiledArgument | null {
    const self = this.ctx.localClasses?.get(this.ctx.currentClass);
    if (self === undefined || self.outerInstance === null || this.ctx.localClasses?.has(superName) === true) return null;
    const model = this.ctx.env.requireClass(superName);
    if (model.enclosingClass === null || (model.access & Opcodes.ACC_STATIC) !== 0) return null;
    const outerType = JavaType.classType(self.outerInstance);
    const own = this.lookupLocal(OUTER_INSTANCE_FIELD);
    // The first pass compiles the constructor without its extra parameters (and drops the code).
    const code = this.buffered(() => {
      if (own !== undefined) this.e.load(own.type, own.slot);
      else this.e.insn(Opcodes.ACONST_NULL);
      return outerType;
    });
    return { code: code.code, type: outerType, position };
  }

  // ## Conditions

  /** Compiles `node` (boolean) as a jump to `whenFalse` when it is false; falls through when true. */
  condition(node: Ast.ExpressionNode, whenFalse: Label): void {
    this.branch(node, whenFalse, false);
  }

  /** Jumps to `whenTrue` when `node` is true; falls through when false. */
  conditionTrue(node: Ast.ExpressionNode, whenTrue: Label): void {
    this.branch(node, whenTrue, true);
  }

  /** Jumps to `label` when `node` evaluates to `jumpIf`. */
  private branch(node: Ast.ExpressionNode, label: Label, jumpIf: boolean): void {
    try {
      this.branchUnchecked(node, label, jumpIf);
    } catch (error) {
      throw error instanceof CompileError ? error.withPosition(node.position) : error;
    }
  }

  private branchUnchecked(node: Ast.ExpressionNode, label: Label, jumpIf: boolean): void {
    if (node.kind === 'Parenthesized') return this.branch(node.expression, label, jumpIf);
    if (node.kind === 'Unary' && node.op === '!') return this.branch(node.operand, label, !jumpIf);
    // A constant condition (a literal, a constant variable, DEBUG && …) is decided now, as javac decides
    // it: no test is emitted, and definite assignment (JLS §16) sees only the path taken.
    const constant = node.kind === 'BooleanLiteral' ? { type: JavaType.BOOLEAN, value: node.value } : this.constant(node);
    if (constant !== null && constant.type === JavaType.BOOLEAN) {
      if (constant.value === jumpIf) this.e.jump(Opcodes.GOTO, label);
      return;
    }
    if (node.kind === 'InstanceOf' && node.binding !== null) {
      // The pattern variable is assigned on the path where the test succeeded, so that the code
      // there (an if body, the rest of an && chain) reads a definitely assigned local (JLS §6.3.1).
      const binding = this.instanceOfTest(node);
      if (!jumpIf) {
        this.e.jump(Opcodes.IFEQ, label);
        this.bindPattern(binding);
      } else {
        const skip = this.e.newLabel();
        this.e.jump(Opcodes.IFEQ, skip);
        this.bindPattern(binding);
        this.e.jump(Opcodes.GOTO, label);
        this.e.label(skip);
      }
      return;
    }
    if (node.kind === 'Binary') {
      const op = node.op;
      if (op === '&&' || op === '||') {
        // a && b jumps on false when either is false; on true only when both are.
        const shortCircuitOnFalse = op === '&&';
        if (jumpIf === !shortCircuitOnFalse) {
          this.branch(node.left, label, jumpIf);
          this.branch(node.right, label, jumpIf);
        } else {
          const skip = this.e.newLabel();
          this.branch(node.left, skip, !jumpIf);
          this.branch(node.right, label, jumpIf);
          this.e.label(skip);
        }
        return;
      }
      if (['==', '!=', '<', '>', '<=', '>='].includes(op)) return this.comparison(node, label, jumpIf);
    }
    const type = this.expression(node);
    this.toBoolean(type, node.position);
    this.e.jump(jumpIf ? Opcodes.IFNE : Opcodes.IFEQ, label);
  }

  /** A boolean (or Boolean, unboxed) on the stack; anything else is a type error. */
  private toBoolean(type: JavaType, position: SourcePosition): void {
    if (type === JavaType.BOOLEAN) return;
    if (type.unboxed() === JavaType.BOOLEAN) {
      this.e.unbox(type, JavaType.BOOLEAN);
      return;
    }
    throw new CompileError(`incompatible types: ${type} cannot be converted to boolean`, position);
  }

  private comparison(node: Ast.BinaryNode, label: Label, jumpIf: boolean): void {
    const op = jumpIf ? node.op : NEGATED[node.op]!;
    const left = this.buffered(() => this.expression(node.left));
    const right = this.buffered(() => this.expression(node.right));
    const lt = left.value;
    const rt = right.value;
    const isEquality = node.op === '==' || node.op === '!=';
    const leftNumeric = lt.primitiveOrUnboxed();
    const rightNumeric = rt.primitiveOrUnboxed();
    // JLS §15.21: numeric if both are convertible to numeric and one is primitive; boolean likewise; else references.
    const numeric =
      leftNumeric !== null && rightNumeric !== null && leftNumeric.isNumeric() && rightNumeric.isNumeric() && (lt.isPrimitive() || rt.isPrimitive() || !isEquality);
    const booleans = leftNumeric === JavaType.BOOLEAN && rightNumeric === JavaType.BOOLEAN && (lt.isPrimitive() || rt.isPrimitive());
    if (numeric) {
      const promoted = binaryNumericPromotion(leftNumeric, rightNumeric)!;
      this.append(left.code);
      this.convert(lt, promoted, node.left.position, 'numeric');
      this.append(right.code);
      this.convert(rt, promoted, node.right.position, 'numeric');
      if (promoted === JavaType.INT) {
        this.e.jump(INT_COMPARE[op]!, label);
      } else {
        if (promoted === JavaType.LONG) this.e.insn(Opcodes.LCMP);
        // NaN makes every comparison but != false (JLS §15.20.1): cmpg (NaN → 1) for < and <=, cmpl
        // (NaN → -1) for the others, chosen by the operator as written, whichever way the jump goes.
        else if (promoted === JavaType.FLOAT) this.e.insn(node.op === '<' || node.op === '<=' ? Opcodes.FCMPG : Opcodes.FCMPL);
        else this.e.insn(node.op === '<' || node.op === '<=' ? Opcodes.DCMPG : Opcodes.DCMPL);
        this.e.jump(ZERO_COMPARE[op]!, label);
      }
      return;
    }
    if (!isEquality) throw new CompileError(`bad operand types for binary operator '${node.op}': ${lt} and ${rt}`, node.position);
    if (booleans) {
      this.append(left.code);
      this.convert(lt, JavaType.BOOLEAN, node.left.position, 'numeric');
      this.append(right.code);
      this.convert(rt, JavaType.BOOLEAN, node.right.position, 'numeric');
      this.e.jump(op === '==' ? Opcodes.IF_ICMPEQ : Opcodes.IF_ICMPNE, label);
      return;
    }
    // JLS §15.21.3: each operand's type must be castable to the other's (Integer and List are incomparable).
    const comparable = (lt.isNull() || rt.isNull() || this.ctx.env.isCastable(lt, rt) || this.ctx.env.isCastable(rt, lt)) && !lt.isVoid() && !rt.isVoid();
    if (!(lt.isReference() || lt.isNull()) || !(rt.isReference() || rt.isNull()) || !comparable) {
      throw new CompileError(`incomparable types: ${lt} and ${rt}`, node.position);
    }
    // References are compared as they are: a generic member's value needs no cast to its substituted type.
    if (lt.isReference()) this.withoutGenericCast(left.code, lt, () => true);
    if (rt.isReference()) this.withoutGenericCast(right.code, rt, () => true);
    if (rt.isNull() || lt.isNull()) {
      this.append(rt.isNull() ? left.code : right.code);
      if (rt.isNull() && lt.isNull()) {
        this.e.pop(OBJECT);
        if (op === '==') this.e.jump(Opcodes.GOTO, label);
        return;
      }
      this.e.jump(op === '==' ? Opcodes.IFNULL : Opcodes.IFNONNULL, label);
      return;
    }
    this.append(left.code);
    this.append(right.code);
    this.e.jump(op === '==' ? Opcodes.IF_ACMPEQ : Opcodes.IF_ACMPNE, label);
  }

  // ## Expressions

  /** Compiles `node`, leaving its value on the stack; returns its static type (VOID for a void call). */
  expression(node: Ast.ExpressionNode): JavaType {
    compileWork.expressions++;
    try {
      return this.expressionUnchecked(node);
    } catch (error) {
      throw error instanceof CompileError ? error.withPosition(node.position) : error;
    }
  }

  /**
   * Compiles `node` and converts its value to `type` (assignment conversion, JLS §5.2); `generic`,
   * when known, is the parameterized target a lambda's function type comes from.
   */
  expressionAs(node: Ast.ExpressionNode, type: JavaType, generic: GenericType | null = null): void {
    const inner = unparenthesized(node);
    if (inner.kind === 'Lambda' || inner.kind === 'MethodReference') {
      this.functionalValue(inner, type, generic);
      return;
    }
    if (inner.kind === 'New' && generic !== null && isDiamond(inner.type)) {
      // A diamond takes its type arguments from the target too (JLS §15.9.3), which types its lambda arguments.
      const actual = this.newObject(inner, generic);
      this.convert(actual, type, node.position, 'assignment');
      return;
    }
    if (inner.kind === 'SwitchExpression' && !type.isVoid()) {
      // A poly switch expression (JLS §15.28.1): each result takes the target type.
      this.switchExpression(inner, type, generic);
      return;
    }
    if (inner.kind === 'Conditional' && type.isReference() && !hasFunctionalOperand(inner)) {
      const actual = this.conditional(inner, type, generic);
      if (actual !== type) this.convert(actual, type, node.position, 'assignment');
      return;
    }
    if (inner.kind === 'Conditional' && type.isReference() && hasFunctionalOperand(inner)) {
      // A poly conditional (JLS §15.25.3): each operand takes the target type, so a lambda there has one.
      const whenFalse = this.e.newLabel();
      const end = this.e.newLabel();
      this.condition(inner.condition, whenFalse);
      this.expressionAs(inner.whenTrue, type, generic);
      this.e.jump(Opcodes.GOTO, end);
      this.e.label(whenFalse);
      this.expressionAs(inner.whenFalse, type, generic);
      this.e.label(end);
      return;
    }
    if (node.kind === 'Cast' && isSpecialCast(node)) {
      // ($w) gives the box and ($r) the result type: either may still need the assignment
      // conversion to `type` (`int k = ($w) 1` unboxes), or be refused by it.
      const actual = this.specialCast(node, type);
      if (actual !== type && !actual.isVoid() && !type.isVoid()) this.convert(actual, type, node.position, 'assignment');
      return;
    }
    const constant = this.constant(node);
    // A generic result assigned where its erasure already fits (Object o = list.get(0)) gets no cast,
    // as javac casts only where the substituted type is needed (see genericResult).
    const outerContext = this.uncastContext;
    const outerCallTarget = this.callTarget;
    this.uncastContext = { node: inner, target: type };
    // A generic method's result in an assignment context: the target tells what the arguments leave
    // open (JLS §18.5.2.1: `Comparator<String> c = comparing(s -> s.length())`).
    this.callTarget = inner.kind === 'MethodCall' && generic !== null ? { node: inner, generic } : null;
    let actual: JavaType;
    try {
      actual = this.expression(node);
    } finally {
      this.uncastContext = outerContext;
      this.callTarget = outerCallTarget;
    }
    if (actual.isVoid()) throw new CompileError(`incompatible types: void cannot be converted to ${type}`, node.position);
    // JLS §5.2: a constant of type byte, short, char or int that fits may be assigned to byte, short
    // or char, and to their boxes (narrowing, then boxing). The value on the stack is already right.
    const narrow = type.unboxed() ?? type;
    if (
      constant !== null &&
      (actual === JavaType.INT || actual === JavaType.SHORT || actual === JavaType.CHAR || actual === JavaType.BYTE) &&
      (narrow === JavaType.BYTE || narrow === JavaType.SHORT || narrow === JavaType.CHAR) &&
      actual !== narrow
    ) {
      if (!fits(constant.value as number, narrow)) throw new CompileError(`incompatible types: possible lossy conversion from ${actual} to ${narrow}`, node.position);
      if (narrow !== type) this.e.box(narrow);
      return;
    }
    if (actual.isReference() && type.isReference() && !actual.isNull() && !this.ctx.env.isAssignable(actual, type)) {
      // A type variable is assignable to each of its bounds (JLS §4.10.2), not only to its erasure (the first):
      // `Comparable<T> c = a` of a `T extends Number & Comparable<T>`, with javac's cast.
      const local = inner.kind === 'Name' ? this.lookupLocal(inner.name) : undefined;
      const bound = this.typeVariableOtherBounds(this.genericsStore?.get(inner) ?? local?.generic)?.find((other) => this.ctx.env.isAssignable(JavaType.classType(other), type));
      if (bound !== undefined) {
        this.e.checkcast(JavaType.classType(bound));
        this.convert(JavaType.classType(bound), type, node.position, 'assignment');
        return;
      }
    }
    this.convert(actual, type, node.position, 'assignment');
  }

  private expressionUnchecked(node: Ast.ExpressionNode): JavaType {
    // Constant expressions are folded, as javac does: "a" + "b" is the literal "ab" (an identical,
    // interned string), and a constant field is inlined (JLS §13.1).
    if (node.kind === 'Binary' || node.kind === 'Unary' || node.kind === 'Cast' || node.kind === 'Conditional' || node.kind === 'Name' || node.kind === 'FieldAccess') {
      const constant = this.constant(node);
      if (constant !== null) return this.pushConstant(constant);
    }
    switch (node.kind) {
      case 'IntLiteral':
        this.e.pushInt(node.value);
        return JavaType.INT;
      case 'LongLiteral':
        this.e.pushLong(node.value);
        return JavaType.LONG;
      case 'FloatLiteral':
        if (node.isFloat) {
          this.e.pushFloat(node.value);
          return JavaType.FLOAT;
        }
        this.e.pushDouble(node.value);
        return JavaType.DOUBLE;
      case 'CharLiteral':
        this.e.pushInt(node.value);
        return JavaType.CHAR;
      case 'StringLiteral':
        this.e.pushString(node.value);
        return STRING;
      case 'BooleanLiteral':
        this.e.pushInt(node.value ? 1 : 0);
        return JavaType.BOOLEAN;
      case 'NullLiteral':
        this.e.pushNull();
        return JavaType.NULL;
      case 'Parenthesized':
        return this.expression(node.expression);
      case 'This': {
        if (node.qualifier === null) {
          this.record(node, this.members.thisType(this.ctx.currentClass));
          return this.loadThis(node.position);
        }
        // JLS §15.8.4: Outer.this, the enclosing instance of that class.
        const outer = this.classTypeOf(node.qualifier).internalName!;
        this.record(node, this.members.thisType(outer));
        return this.loadEnclosingInstance(outer, node.position);
      }
      case 'Name':
        return this.name(node);
      case 'FieldAccess':
        return this.fieldAccess(node);
      case 'SuperFieldAccess':
        return this.superFieldAccess(node);
      case 'MethodCall':
        return this.methodCall(node);
      case 'New':
        return this.newObject(node);
      case 'NewArray':
        return this.newArray(node);
      case 'ArrayAccess': {
        const arrayType = this.expression(node.array);
        if (!arrayType.isArray()) throw new CompileError(`array required, but ${arrayType} found`, node.array.position);
        this.expressionAs(node.index, JavaType.INT);
        const component = arrayType.componentType!;
        this.e.insn(component.toAsmType().getOpcode(Opcodes.IALOAD));
        const arrayGeneric = this.genericsStore?.get(unparenthesized(node.array));
        if (arrayGeneric?.kind === 'array') this.record(node, arrayGeneric.component);
        return component;
      }
      case 'Unary':
        return this.unary(node);
      case 'Binary':
        return this.binary(node);
      case 'Assign':
        return this.assignment(node, true);
      case 'Conditional':
        return this.conditional(node);
      case 'Cast':
        return this.cast(node);
      case 'InstanceOf':
        return this.instanceOf(node);
      case 'ClassLiteral': {
        const type = node.type.kind === 'VoidType' ? JavaType.VOID : this.typeOf(node.type);
        this.e.pushClass(type);
        // JLS §15.8.2: C.class is a Class<C> (int.class a Class<Integer>), so getAnnotation(Deprecated.class) is a Deprecated.
        const classOf = type.isVoid() ? JavaType.classType('java/lang/Void') : type.isPrimitive() ? type.boxed()! : type;
        this.record(node, { kind: 'class', name: 'java/lang/Class', args: [genericOf(classOf)] });
        return JavaType.CLASS;
      }
      case 'SwitchExpression':
        return this.switchExpression(node);
      case 'Lambda':
      case 'MethodReference':
        throw new CompileError(
          `${node.kind === 'Lambda' ? 'lambda expression' : 'method reference'} not expected here: it needs a target type (an assignment, a method argument, a return or a cast to a functional interface)`,
          node.position,
        );
    }
  }

  private loadThis(position: SourcePosition, ownFieldStore = false): JavaType {
    if (this.ctx.isStatic) throw new CompileError('non-static variable this cannot be referenced from a static context', position);
    if (this.ctx.thisUninitialized === true && !ownFieldStore) throw new CompileError(THIS_UNINITIALIZED, position);
    if (this.ctx.capture !== undefined) this.ctx.capture.usesThis = true;
    const type = JavaType.classType(this.ctx.currentClass);
    this.e.load(type, 0);
    return type;
  }

  private access(): { currentClass: string; qualifier?: string; why?: string } {
    const runsIn = this.ctx.runsIn;
    return runsIn === undefined ? { currentClass: this.ctx.currentClass } : { currentClass: runsIn.className, why: runsIn.reason };
  }

  private lookupLocal(name: string): LocalVariable | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const variable = this.scopes[i]!.get(name);
      if (variable !== undefined) return variable;
    }
    return undefined;
  }

  /** A `$` variable or a local by name, as an assignable variable. */
  private variable(name: string): LocalVariable | undefined {
    const local = this.lookupLocal(name);
    if (local !== undefined) return local;
    // In a lambda body, every other variable (the $ ones included) is the enclosing code's, captured.
    if (this.ctx.capture !== undefined) {
      const outer = this.ctx.capture.lookup(name);
      if (outer !== undefined) for (const journal of this.capturedNameJournals) journal.add(name);
      return outer;
    }
    const vars = this.ctx.variables;
    if (name === '$0') {
      if (vars.zero === undefined || vars.zero === null) throw new CompileError(`$0 is not available here (${vars.zeroMissing ?? 'a static method has no this'})`);
      if (this.ctx.thisUninitialized === true && vars.zero.slot === 0) throw new CompileError(THIS_UNINITIALIZED);
      return vars.zero;
    }
    if (/^\$[1-9][0-9]*$/.test(name)) {
      const index = Number(name.slice(1)) - 1;
      const parameter = vars.parameters?.[index];
      if (parameter === undefined) throw new CompileError(`${name} is not available here (there ${(vars.parameters?.length ?? 0) === 1 ? 'is 1 parameter' : `are ${vars.parameters?.length ?? 0} parameters`})`);
      return parameter;
    }
    if (name === '$_') {
      if (vars.result === undefined) throw new CompileError('$_ is not available here (only in insertAfter and ExprEditor replacements)');
      return vars.result;
    }
    return vars.extra?.get(name);
  }

  private isVariableName(name: string): boolean {
    if (this.lookupLocal(name) !== undefined || this.ctx.variables.extra?.has(name)) return true;
    if (this.ctx.capture !== undefined) return this.ctx.capture.isVariableName(name);
    return /^\$([0-9]+|_|args|sig|type|class)$/.test(name);
  }

  private name(node: Ast.NameNode): JavaType {
    const name = node.name;
    if (this.ctx.capture !== undefined && (name === '$args' || name === '$sig' || name === '$type' || name === '$$')) {
      throw new CompileError(`${name} is not available inside ${this.ctx.capture.capturer === undefined ? 'a lambda body' : 'an anonymous class body'} (capture $1… or a local instead)`, node.position);
    }
    switch (name) {
      case '$args':
        return this.pushArgs();
      case '$sig': {
        const parameters = this.ctx.variables.parameters ?? [];
        this.e.pushInt(parameters.length);
        this.e.typeInsn(Opcodes.ANEWARRAY, 'java/lang/Class');
        parameters.forEach((parameter, i) => {
          this.e.insn(Opcodes.DUP);
          this.e.pushInt(i);
          this.e.pushClass(parameter.type);
          this.e.insn(Opcodes.AASTORE);
        });
        return JavaType.arrayOf(JavaType.CLASS);
      }
      case '$type':
        this.e.pushClass(this.ctx.variables.typeLiteral ?? this.ctx.variables.resultType ?? this.ctx.returnType);
        return JavaType.CLASS;
      case '$class':
        this.e.pushClass(this.ctx.variables.classLiteral ?? JavaType.classType(this.ctx.currentClass));
        return JavaType.CLASS;
      case '$$':
        throw new CompileError('$$ may only be used as the arguments of a method call');
      default:
        break;
    }
    const variable = this.variable(name);
    if (variable !== undefined) {
      if (variable.type.isVoid()) {
        this.e.pushNull();
        return JavaType.NULL;
      }
      this.e.load(variable.type, variable.slot);
      if (variable.generic !== undefined) this.record(node, variable.generic);
      return variable.type;
    }
    const field = this.fieldInScope(name);
    if (field !== null) return this.getField(field, null, node.position, false, node);
    // JLS §6.5.6.1, §15.11: a field of an enclosing class, through its enclosing instance if not static.
    const outer = this.enclosingField(name);
    if (outer !== null) {
      if (outer.field.isStatic) return this.getField(outer.field, null, node.position, false, node);
      this.requireEnclosingInstance(outer.enclosingClass, `non-static variable ${name}`, node.position);
      const outerType = this.loadEnclosingInstance(outer.enclosingClass, node.position);
      return this.getField(outer.field, outerType, node.position, false, node, this.members.thisType(outer.enclosingClass));
    }
    throw new CompileError(`cannot find symbol: variable ${name}`, node.position);
  }

  /**
   * A private member of another class of the same nest (JLS §6.6.1 allows it) is reachable in the
   * bytecode from Java 11 on (JEP 181 nestmates); before, javac wrote access$NNN methods, which
   * snippets do not.
   */
  private checkNestmateAccess(access: number, declaringClass: string, what: string, position?: SourcePosition): void {
    if ((access & Opcodes.ACC_PRIVATE) === 0) return;
    const runsIn = this.ctx.runsIn;
    if (runsIn !== undefined) throw new CompileError(`${what} is private in ${JavaType.classType(declaringClass)}: ${runsIn.reason}`, position);
    if (declaringClass === this.ctx.currentClass) return;
    if (this.ctx.privateAccessRefusal !== undefined) throw new CompileError(`${what} is private in ${JavaType.classType(declaringClass)}: ${this.ctx.privateAccessRefusal}`, position);
    if ((this.ctx.classVersion & 0xffff) >= Opcodes.V11) return;
    throw new CompileError(`${what} is private in ${JavaType.classType(declaringClass)}: reaching it from another class of its nest needs class file version 55 (Java 11) or later`, position);
  }

  /** The classes enclosing the current one (lexically), innermost first. */
  private enclosingClasses(): string[] {
    const classes: string[] = [];
    for (let name = this.ctx.env.findClass(this.ctx.currentClass)?.enclosingClass ?? null; name !== null && classes.length < 64; ) {
      classes.push(name);
      name = this.ctx.env.findClass(name)?.enclosingClass ?? null;
    }
    return classes;
  }

  /** The field `name` of the innermost enclosing class that has one, or null. */
  private enclosingField(name: string): { field: ResolvedField; enclosingClass: string } | null {
    for (const enclosingClass of this.enclosingClasses()) {
      const field = findField(this.ctx.env, enclosingClass, name, this.access());
      if (field !== null) return { field, enclosingClass };
    }
    return null;
  }

  /** The member class `name` of `owner` or of one of its supertypes (JLS §8.5), by internal name, or null. */
  private memberClass(owner: string, name: string): string | null {
    const env = this.ctx.env;
    for (const type of [owner, ...env.supertypes(owner)]) {
      const entry = env.findClass(type)?.memberTypes.get(name);
      if (entry !== undefined) return entry.name;
    }
    return null;
  }

  /** Whether `owner` or one of its supertypes declares a method named `name` (JLS §15.12.1 searches by name). */
  private hasMethodNamed(owner: string, name: string): boolean {
    const env = this.ctx.env;
    return [owner, ...env.supertypes(owner)].some((type) => env.findClass(type)?.methods.some((m) => m.name === name) ?? false);
  }

  /**
   * javac's error for a member of an enclosing class used where no instance of it is: from a static
   * nested class, or from a static method (JLS §8.1.3: "cannot be referenced from a static context").
   */
  private requireEnclosingInstance(target: string, what: string, position: SourcePosition): void {
    let reachable = !this.ctx.isStatic;
    for (let current = this.ctx.currentClass, depth = 0; reachable && current !== target && depth < 64; depth++) {
      const model = this.ctx.env.findClass(current);
      const outer = model?.enclosingClass ?? null;
      reachable = outer !== null && model!.fields.some((f) => (f.access & Opcodes.ACC_SYNTHETIC) !== 0 && !f.isStatic && f.descriptor === `L${outer};`);
      current = outer ?? current;
    }
    if (!reachable) {
      // A class made in a constructor before its super(…) call has no enclosing instance (JLS §15.9.2): say why, as javac does.
      if (this.ctx.beforeSuperCall === true && !this.ctx.isStatic) throw new CompileError(`cannot reference ${what.replace(/^non-static (variable|method) /, '')} before supertype constructor has been called`, position);
      throw new CompileError(`${what} cannot be referenced from a static context`, position);
    }
  }

  /**
   * Loads the instance of the enclosing class `target` (JLS §15.8.4): `this`, then outward through
   * each inner class's reference to its enclosing instance (javac's synthetic final `this$N` field).
   */
  private loadEnclosingInstance(target: string, position: SourcePosition): JavaType {
    this.loadThis(position);
    let current = this.ctx.currentClass;
    for (let depth = 0; current !== target; depth++) {
      const model = this.ctx.env.requireClass(current);
      const outer = model.enclosingClass;
      const link = outer === null ? undefined : model.fields.find((f) => (f.access & Opcodes.ACC_SYNTHETIC) !== 0 && !f.isStatic && f.descriptor === `L${outer};`);
      if (outer === null || link === undefined || depth > 64) {
        throw new CompileError(`no enclosing instance of type ${JavaType.classType(target)} is in scope (${JavaType.classType(current)} is not an inner class of it)`, position);
      }
      this.e.field(Opcodes.GETFIELD, current, link.name, link.descriptor);
      current = outer;
    }
    return JavaType.classType(target);
  }

  /** The field `name` of the current class (or inherited), or null. */
  private fieldInScope(name: string): ResolvedField | null {
    const field = findField(this.ctx.env, this.ctx.currentClass, name, this.access());
    // The hidden fields of a class a snippet declared (this$0, val$x) cannot be named in its code, as javac's cannot:
    // the name means the field of an enclosing class (the edited class's own this$0, say, when it is an inner class).
    if (field !== null && this.ctx.snippetClassBody === true && field.owner === this.ctx.currentClass && (field.field.access & Opcodes.ACC_SYNTHETIC) !== 0) return null;
    return field;
  }

  /**
   * Reads a field; `qualifier` is the static type of the object already on the stack, or null
   * for an unqualified name (this is loaded here for an instance field) or a static access.
   */
  private getField(field: ResolvedField, qualifier: JavaType | null, position: SourcePosition, staticAccess = false, node?: Ast.ExpressionNode, qualifierGeneric?: GenericType): JavaType {
    const type = field.field.type;
    this.checkNestmateAccess(field.field.access, field.owner, field.field.name, position);
    const receiverGeneric = qualifierGeneric ?? (qualifier === null ? this.members.thisType(this.ctx.currentClass) : genericOf(qualifier));
    if (field.isStatic) {
      if (qualifier !== null) this.e.pop(qualifier);
      this.e.field(Opcodes.GETSTATIC, field.owner, field.field.name, field.field.descriptor);
      return this.genericResult(type, this.members.fieldType(receiverGeneric, field.owner, field.field), node);
    }
    if (staticAccess) throw new CompileError(`non-static variable ${field.field.name} cannot be referenced from a static context`, position);
    let owner = field.owner;
    if (qualifier === null) {
      this.loadThis(position);
      owner = this.ctx.currentClass;
    } else if (qualifier.isClass()) {
      owner = qualifier.internalName!;
    }
    this.e.field(Opcodes.GETFIELD, owner, field.field.name, field.field.descriptor);
    return this.genericResult(type, this.members.fieldType(receiverGeneric, field.owner, field.field), node);
  }

  /** The identifiers of a dotted name expression (`a.b.c`), or null if it is something else. */
  private dottedParts(node: Ast.ExpressionNode): string[] | null {
    if (node.kind === 'Name') return [node.name];
    if (node.kind === 'FieldAccess') {
      const parts = this.dottedParts(node.target);
      return parts === null ? null : [...parts, node.name];
    }
    return null;
  }

  /** If `node` is a dotted name that starts with a type (`System.out`, `java.util.Locale`), that type and the rest. */
  /**
   * A "cannot find" error on a type named by a simple name that shadows java.lang's class of that name
   * (JLS §6.4.1: a member class `System` of the edited class hides java.lang.System, as javac decides):
   * the message says so and how to name java.lang's.
   */
  private withShadowingHint(error: unknown, target: NonNullable<Ast.MethodCallNode['target']> | string, owner: string): unknown {
    const name = typeof target === 'string' ? target : target.kind === 'Name' ? target.name : null;
    if (!(error instanceof CompileError) || name === null) return error;
    const javaLang = `java/lang/${name}`;
    if (owner === javaLang || !this.ctx.env.hasClass(javaLang)) return error;
    return new CompileError(`${error.detail} — ${name} here is ${JavaType.classType(owner)}, which hides java.lang.${name}: write java.lang.${name}`, error.position);
  }

  private typePrefix(node: Ast.ExpressionNode): { type: JavaType; fields: readonly string[] } | null {
    const parts = this.dottedParts(node);
    if (parts === null || this.isVariableName(parts[0]!) || this.fieldInScope(parts[0]!) !== null || this.enclosingField(parts[0]!) !== null) return null;
    // A local class's name (JLS §6.5.2: a type when no variable has the name): `Counter.next()`, `Counter.STEP`.
    const local = this.ctx.localTypes?.get(parts[0]!);
    if (local !== undefined) return { type: JavaType.classType(local), fields: parts.slice(1) };
    const meaning = this.ctx.names.resolveAmbiguousName(parts, (name) => this.isVariableName(name));
    return meaning.kind === 'type' ? { type: meaning.type, fields: meaning.fields } : null;
  }

  private fieldAccess(node: Ast.FieldAccessNode): JavaType {
    const prefix = this.typePrefix(node);
    if (prefix !== null) {
      if (prefix.fields.length === 0) throw new CompileError(`${prefix.type} is a type, not a value`, node.position);
      let type = prefix.type;
      const parts = this.dottedParts(node)!;
      // The last field's generic type is the expression's (`Holder.NAMES.get(0).length()` needs List<String>).
      const last = prefix.fields.length - 1;
      prefix.fields.forEach((fieldName, i) => {
        const whole = i === last ? node : undefined;
        if (i > 0) {
          type = this.instanceMember(type, fieldName, node.position, whole);
          return;
        }
        try {
          type = this.staticField(type, fieldName, node.position, whole);
        } catch (error) {
          // A simple type name (`System.out`): say when it shadows java.lang's class.
          const simple = parts.length === prefix.fields.length + 1 && type.isClass();
          throw simple ? this.withShadowingHint(error, parts[0]!, type.internalName!) : error;
        }
      });
      return type;
    }
    const targetType = this.ownTyped(node.target, () => this.expression(node.target));
    return this.instanceMember(targetType, node.name, node.position, node, this.genericsStore?.get(unparenthesized(node.target)));
  }

  /**
   * Compiles `node` so that, when it is an anonymous class creation, its type is the anonymous class (JLS
   * §15.9.5) rather than its supertype: a receiver (`new Object() { int hi() { … } }.hi()`) or a `var`
   * initializer reaches the members the body adds. Elsewhere the supertype is kept (what the value is
   * assigned or passed to sees no more, and inference stays with named types).
   */
  private ownTyped<T>(node: Ast.ExpressionNode, compile: () => T): T {
    const inner = unparenthesized(node);
    if (inner.kind !== 'New' || inner.body === undefined) return compile();
    const saved = this.ownTypedCreation;
    this.ownTypedCreation = inner;
    try {
      return compile();
    } finally {
      this.ownTypedCreation = saved;
    }
  }

  /** The anonymous class creation whose type is its own class (see ownTyped). */
  private ownTypedCreation: Ast.NewNode | null = null;

  private staticField(owner: JavaType, name: string, position: SourcePosition, node?: Ast.ExpressionNode): JavaType {
    if (name === 'length' && owner.isArray()) throw new CompileError('length is not a static member of an array type', position);
    const field = owner.isClass() ? findField(this.ctx.env, owner.internalName!, name, this.access()) : null;
    if (field === null) throw new CompileError(`cannot find symbol: variable ${name} in ${owner}`, position);
    return this.getField(field, null, position, true, node);
  }

  /** `target.name` with the target on the stack: array length or a field. */
  private instanceMember(targetType: JavaType, name: string, position: SourcePosition, node?: Ast.ExpressionNode, targetGeneric?: GenericType): JavaType {
    if (targetType.isArray() && name === 'length') {
      this.e.insn(Opcodes.ARRAYLENGTH);
      return JavaType.INT;
    }
    if (!targetType.isClass()) throw new CompileError(`${targetType} cannot be dereferenced`, position);
    const field = findField(this.ctx.env, targetType.internalName!, name, { ...this.access(), qualifier: targetType.internalName! });
    if (field === null) throw new CompileError(`cannot find symbol: variable ${name} in ${targetType}`, position);
    return this.getField(field, targetType, position, false, node, targetGeneric);
  }

  private superFieldAccess(node: Ast.SuperFieldAccessNode): JavaType {
    if (node.qualifier !== null) throw new CompileError('qualified super is not supported in snippets', node.position);
    const superName = this.ctx.superName;
    if (superName === null) throw new CompileError('java.lang.Object has no superclass', node.position);
    const field = findField(this.ctx.env, superName, node.name, this.access());
    if (field === null) throw new CompileError(`cannot find symbol: variable ${node.name} in ${superName}`, node.position);
    if (!field.isStatic) this.loadThis(node.position);
    return this.getField(field, field.isStatic ? null : JavaType.classType(superName), node.position);
  }

  /** A static final field with a constant value named by `node` (for case labels), or null. */
  private constantField(node: Ast.ExpressionNode): ResolvedField | null {
    if (node.kind === 'Name') {
      const field = this.fieldInScope(node.name);
      return field !== null && field.isStatic ? field : null;
    }
    // Asked only whether a name is a constant: a name it cannot place (a pattern variable out of its scope by now,
    // `c ? x.v : -1` classified after its operands) is none; compiling the name itself reports what is wrong.
    let prefix: ReturnType<CodeGenerator['typePrefix']>;
    try {
      prefix = this.typePrefix(node);
    } catch (error) {
      if (error instanceof CompileError) return null;
      throw error;
    }
    if (prefix === null || prefix.fields.length !== 1 || !prefix.type.isClass()) return null;
    const field = findField(this.ctx.env, prefix.type.internalName!, prefix.fields[0]!, this.access());
    return field !== null && field.isStatic ? field : null;
  }

  /** The value of `node` if it is a constant expression (JLS §15.29), else null. */
  /** The value of `node` if it is a constant expression (JLS §15.29) here, else null; nothing is emitted. */
  constantValue(node: Ast.ExpressionNode): Constant | null {
    return this.constant(node);
  }

  private constant(node: Ast.ExpressionNode): Constant | null {
    return constantOf(node, (name) => {
      if (name.kind === 'Name') {
        const local = this.lookupLocal(name.name);
        if (local !== undefined) return local.constant ?? null;
        // A constant variable of the enclosing code is its value here, as javac compiles it: not captured.
        const enclosing = this.ctx.capture?.constant(name.name) ?? null;
        if (enclosing !== null) return enclosing;
      }
      const field = name.kind === 'Name' ? (this.isVariableName(name.name) ? null : this.fieldInScope(name.name)) : this.constantField(name);
      if (field === null || !field.isStatic || (field.field.access & Opcodes.ACC_FINAL) === 0) return null;
      const value = field.field.constantValue;
      if (value === null || value === undefined) return null;
      const type = field.field.type;
      if (type === JavaType.BOOLEAN) return { type, value: value !== 0 };
      if (type === JavaType.STRING || type.isPrimitive()) {
        const raw = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: number }).value : value;
        return { type, value: raw as ConstantValue };
      }
      return null;
    });
  }

  /** The value of the variable `name` of this code or the code around it when it is a constant variable (see CaptureScope.constant). */
  private enclosingConstant(name: string): Constant | null {
    const local = this.lookupLocal(name);
    if (local !== undefined) return local.constant ?? null;
    return this.ctx.capture?.constant(name) ?? null;
  }

  /** Pushes a constant's value; returns its type. */
  private pushConstant(constant: Constant): JavaType {
    const { type, value } = constant;
    if (type === JavaType.STRING) this.e.pushString(value as string);
    else if (type === JavaType.LONG) this.e.pushLong(value as bigint);
    else if (type === JavaType.FLOAT) this.e.pushFloat(value as number);
    else if (type === JavaType.DOUBLE) this.e.pushDouble(value as number);
    else if (type === JavaType.BOOLEAN) this.e.pushInt(value ? 1 : 0);
    else this.e.pushInt(value as number);
    return type;
  }

  // ### Calls

  /** An argument compiled into a side buffer, with its static type. */
  private compileArguments(nodes: readonly Ast.ExpressionNode[]): CompiledArgument[] {
    const args: CompiledArgument[] = [];
    for (const node of nodes) {
      if (node.kind === 'Name' && node.name === '$$') {
        // Javassist: $$ is the whole argument list ($1, $2…).
        (this.ctx.variables.parameters ?? []).forEach((parameter) => {
          const code = this.buffered(() => {
            this.e.load(parameter.type, parameter.slot);
            return parameter.type;
          });
          args.push({ code: code.code, type: parameter.type, position: node.position, generic: parameter.generic });
        });
        continue;
      }
      const argument = unparenthesized(node);
      if (
        argument.kind === 'Lambda' ||
        argument.kind === 'MethodReference' ||
        (argument.kind === 'Conditional' && hasFunctionalOperand(argument)) ||
        (argument.kind === 'SwitchExpression' && hasFunctionalArm(argument))
      ) {
        // Compiled once the method is chosen, against its parameter type (JLS §15.12.2.1); a conditional
        // of lambdas is a poly expression of that type (§15.25.3).
        args.push({ code: new InsnList(), type: OBJECT, position: node.position, functional: argument });
        continue;
      }
      const alone = needsTargetType(argument) ? this.trialArgument(node, false) : null;
      if (alone !== null && argument.kind === 'MethodCall' && !alone.isVoid() && this.openResultsStore?.get(argument) !== undefined) {
        // A generic call whose lambdas compile without its target, but whose result leaves type variables
        // open (`mapping(s -> kind(s), joining())` alone is a Collector<Object, ?, String>): its lambdas'
        // parameters are the target's types (JLS §18.5.2.1, a String for groupingBy's downstream of a
        // Stream<String>), which may choose other overloads in their bodies. Typed alone for overload
        // resolution and inference, as before; compiled once the parameter it goes to is known.
        args.push({ code: new InsnList(), type: alone, position: node.position, generic: this.genericsStore?.get(argument), refine: this.openResultsStore?.get(argument), retarget: argument });
        continue;
      }
      if (needsTargetType(argument) && alone === null) {
        // A generic method call whose lambdas need the type the value goes to (JLS §18.5.2.1:
        // `list.sort(Comparator.comparing(s -> s.length()))`, T from the Comparator<? super String>),
        // or a conditional of such calls (§15.25.3): its type for overload resolution is the erased
        // result, and it is compiled once the parameter it goes to is known.
        const type = this.trialArgument(node, true);
        if (type !== null && !type.isVoid()) {
          args.push({ code: new InsnList(), type, position: node.position, deferred: argument });
          continue;
        }
      }
      const compiled = this.buffered(() => this.discardedArgument(argument, 'alone', () => this.expression(node)));
      if (compiled.value.isVoid()) throw new CompileError("'void' type not allowed here", node.position);
      args.push({ code: compiled.code, type: compiled.value, position: node.position, generic: this.genericsStore?.get(argument), refine: this.openResultsStore?.get(argument) });
    }
    return args;
  }

  /**
   * The type of the call argument `node` compiled on its own (see trial), or null when it does not
   * compile so. Asked again for each enclosing trial and pass over an enclosing lambda, with the same
   * answer where the same variables are in scope: CompileMemo keeps it, with what the trial recorded
   * on the node, so that nested generic calls cost no more than their number. `target`: compiled as
   * going to a parameter of that type (see operandWithTarget).
   */
  private trialArgument(node: Ast.ExpressionNode, lenient: boolean, target: GenericType | null = null): JavaType | null {
    const argument = unparenthesized(node);
    const capture = this.ctx.capture;
    const key = `${target === null ? 'alone' : genericKey(target)}|${this.environmentKey(lenient || this.ctx.lenientLambdas === true)}`;
    const outcome = this.ctx.memo!.trial(argument, key, (): TrialOutcome => {
      const outerUsesThis = capture?.usesThis ?? false;
      const outerMaxSlot = this.maxSlot;
      const firstFree = this.nextSlot;
      if (capture !== undefined) capture.usesThis = false;
      this.maxSlot = firstFree;
      let type: JavaType | null;
      let usesThis = false;
      let slotsAbove = 0;
      try {
        type = this.trial(lenient, () => (target === null ? this.expression(node) : this.operandWithTarget(node, target)));
      } finally {
        usesThis = capture?.usesThis ?? false;
        if (capture !== undefined) capture.usesThis = outerUsesThis || usesThis;
        slotsAbove = this.maxSlot - firstFree;
        this.maxSlot = Math.max(outerMaxSlot, this.maxSlot);
      }
      return { type, ...this.argumentSideResults(argument), slotsAbove, usesThis };
    });
    this.restoreArgumentOutcome(argument, outcome, capture);
    return outcome.type;
  }

  /** What compiling `argument` left in the side tables (kept with a memoised outcome). */
  private argumentSideResults(argument: Ast.ExpressionNode): Pick<TrialOutcome, 'generic' | 'open' | 'intersection' | 'uninstantiated'> {
    return {
      generic: this.genericsStore?.get(argument),
      open: this.openResultsStore?.get(argument),
      intersection: this.intersectionResultsStore?.get(argument),
      uninstantiated: this.uninstantiatedResultsStore?.get(argument),
    };
  }

  /** Puts back what compiling `argument` again would leave: its side-table entries, the slots it used, its use of `this`. */
  private restoreArgumentOutcome(argument: Ast.ExpressionNode, outcome: Omit<TrialOutcome, 'type'>, capture: { usesThis: boolean } | undefined): void {
    if (outcome.generic !== undefined) this.generics.set(argument, outcome.generic);
    if (outcome.open !== undefined) this.openResults.set(argument, outcome.open);
    if (outcome.intersection !== undefined) this.intersectionResults.set(argument, outcome.intersection);
    if (outcome.uninstantiated !== undefined) this.uninstantiatedResults.set(argument, outcome.uninstantiated);
    this.maxSlot = Math.max(this.maxSlot, this.nextSlot + outcome.slotsAbove);
    if (outcome.usesThis && capture !== undefined) capture.usesThis = true;
  }

  /**
   * Compiles the call argument `argument` with `compile` (for the parameter type `to`, or 'alone').
   * In code that is dropped (a trial, the pass over a lambda body that finds its captures, a switch
   * expression's first pass), an argument that needs its target (see needsTargetType) is compiled once
   * per variables in scope and target: CompileMemo keeps its type and what it left behind, and its
   * code is a default value of that type. Elsewhere, and for an argument that declares variables
   * (patterns, switch expressions: they would stay in scope), it is simply compiled.
   */
  private discardedArgument(argument: Ast.ExpressionNode, to: string, compile: () => JavaType): JavaType {
    if (this.ctx.lambdaMethods.discards !== true || !needsTargetType(argument) || declaresVariables(argument)) return compile();
    const capture = this.ctx.capture;
    const key = `${to}|${this.environmentKey(this.ctx.lenientLambdas === true)}`;
    const outcome = this.ctx.memo!.argument(argument, key, (): DiscardedOutcome => {
      const outerUsesThis = capture?.usesThis ?? false;
      const outerMaxSlot = this.maxSlot;
      const firstFree = this.nextSlot;
      const journal = new Set<string>();
      if (capture !== undefined) capture.usesThis = false;
      this.maxSlot = firstFree;
      this.capturedNameJournals.push(journal);
      let type: JavaType;
      let usesThis = false;
      let slotsAbove = 0;
      try {
        type = compile();
      } catch (error) {
        if (error instanceof CompileError) return { error };
        throw error;
      } finally {
        this.capturedNameJournals.pop();
        usesThis = capture?.usesThis ?? false;
        if (capture !== undefined) capture.usesThis = outerUsesThis || usesThis;
        slotsAbove = this.maxSlot - firstFree;
        this.maxSlot = Math.max(outerMaxSlot, this.maxSlot);
      }
      return { type, ...this.argumentSideResults(argument), slotsAbove, usesThis, captured: [...journal] };
    });
    if ('error' in outcome) throw outcome.error;
    this.restoreArgumentOutcome(argument, outcome, capture);
    // Looked up again, as compiling it looked them up: an enclosing lambda captures them too.
    for (const name of outcome.captured) this.variable(name);
    if (!outcome.type.isVoid()) this.e.pushDefault(outcome.type);
    return outcome.type;
  }

  /**
   * What a throwaway compilation here depends on besides its node (see CompileMemo): the variables
   * in scope, by name, with their types, and whether lambda bodies that do not compile are let be.
   */
  private environmentKey(lenient: boolean): string {
    const visible = new Map<string, string>();
    this.visibleVariables(visible);
    const names = [...visible.keys()].sort();
    return `${lenient ? 'lenient' : 'strict'}:${names.map((name) => `${name}=${visible.get(name)!}`).join(',')}`;
  }

  /** Adds the variables in scope here to `into` (an inner declaration over an outer one of the same name). */
  private visibleVariables(into: Map<string, string>): void {
    this.ctx.capture?.visible(into);
    for (const scope of this.scopes) {
      for (const [name, variable] of scope) {
        // A constant variable is folded where it is used (JLS §15.29): its value is part of what the code is.
        const constant = variable.constant === undefined ? '' : `#${variable.constant.type.descriptor()}${String(variable.constant.value)}`;
        into.set(name, `${variableKey(variable.type, variable.generic)}${constant}`);
      }
    }
  }

  /**
   * Compiles with `compile` and drops the code, its lambdas' methods and its locals: the type it
   * gives, or null when it does not compile. `lenient`: lambda bodies that do not compile are let be.
   */
  private trial(lenient: boolean, compile: () => JavaType): JavaType | null {
    const savedContext = this.ctx;
    const savedNextSlot = this.nextSlot;
    const savedReachable = this.reachable;
    const scope = this.scopes[this.scopes.length - 1]!;
    const savedScope = new Map(scope);
    const handlers = this.target.tryCatchBlocks;
    const handlerCount = handlers?.length ?? 0;
    const dryRun: LambdaMethodSink = { add: () => 'lambda$trial', assertionsDisabledField: () => ASSERTIONS_DISABLED, discards: true };
    this.ctx = { ...savedContext, lambdaMethods: dryRun, lenientLambdas: lenient || savedContext.lenientLambdas === true };
    try {
      return this.buffered(compile).value;
    } catch (error) {
      if (error instanceof CompileError) return null;
      throw error;
    } finally {
      this.ctx = savedContext;
      this.nextSlot = savedNextSlot;
      this.reachable = savedReachable;
      scope.clear();
      for (const [name, variable] of savedScope) scope.set(name, variable);
      if (handlers != null) handlers.length = handlerCount;
    }
  }

  /**
   * The argument types generic inference sees before lambdas are compiled: an explicitly typed
   * lambda's parameter types; nothing for other lambdas, method references and the null type.
   */
  private inferenceArguments(args: readonly CompiledArgument[]): InferenceArgument[] {
    return args.map((arg): InferenceArgument => {
      if (arg.functional?.kind === 'MethodReference') return this.exactReferenceArgument(arg.functional);
      if (arg.functional !== undefined) {
        const lambda = arg.functional;
        // An explicitly typed lambda (no parameters, or all declared) is pertinent to applicability (JLS §15.12.2.2).
        const explicit = lambda.kind === 'Lambda' && lambda.parameters.every((parameter) => parameter.type !== null && parameter.type.kind !== 'VarType');
        if (!explicit) return null;
        const parameters = lambda.parameters.map((parameter) => this.genericTypeOf(parameter.type!) ?? genericOf(this.typeOf(parameter.type!)));
        const result = this.explicitLambdaResult(lambda);
        if (parameters.length === 0 && result === null) return null;
        return { kind: 'lambda-result', result, parameters };
      }
      // A deferred call's type is known once the parameter is (see compileArguments).
      return arg.type.isNull() || arg.deferred !== undefined ? null : arg.generic ?? genericOf(arg.type);
    });
  }

  /**
   * What an exact method reference (JLS §15.13.1) tells inference before the method is chosen, as an
   * explicitly typed lambda would (JLS §18.2.1): `Type::name` where a non-generic Type has one method
   * of that name, neither generic nor of variable arity — its parameter types (after the receiver's,
   * Type, for an instance method: ‹P1 <: Type›, taken as equal here) and its result. So
   * `comparing(String::length).reversed()` is a Comparator<String>, as in javac. Null for the others.
   */
  private exactReferenceArgument(node: Ast.MethodReferenceNode): InferenceArgument {
    if (node.name === 'new' || node.target.kind === 'super') return null;
    const typeNode = node.target.kind === 'type' ? node.target.type : this.asTypeNode(node.target.expression);
    if (typeNode === null) return null;
    let type: JavaType;
    try {
      type = this.typeOf(typeNode);
    } catch (error) {
      if (error instanceof CompileError) return null;
      throw error;
    }
    if (!type.isClass() || this.members.typeParameterCount(type.internalName!) > 0) return null;
    let members: readonly { readonly method: MethodModel }[];
    try {
      members = accessibleMemberMethods(this.ctx.env, type.internalName!, node.name, this.access());
    } catch (error) {
      if (error instanceof CompileError) return null;
      throw error;
    }
    if (members.length !== 1) return null;
    const method = members[0]!.method;
    if (method.isVarargs || method.signature !== null) return null;
    const parameters = (method.isStatic ? method.argumentTypes : [type, ...method.argumentTypes]).map((parameter) => genericOf(parameter));
    const returnType = method.returnType;
    const result = returnType.isVoid() ? null : genericOf(returnType.isPrimitive() ? returnType.boxed()! : returnType);
    return { kind: 'lambda-result', result, parameters };
  }

  /**
   * What an explicitly typed lambda's expression body tells inference before the method is chosen
   * (JLS §18.2.1: ‹body → R›, so `firstOr(ints, () -> 2.5)` makes T a lub of Integer and Double):
   * the body's type, boxed, where it is a primitive or a class without type parameters (an erased
   * generic type would say less than what compiling the lambda later tells); else null.
   */
  private explicitLambdaResult(lambda: Ast.LambdaNode): GenericType | null {
    if (lambda.body.kind === 'Block') return null;
    const type = this.trialBodyType(lambda, lambda.body, lambda.parameters.map((parameter) => this.typeOf(parameter.type!)));
    if (type === null || type.isVoid() || type.isNull()) return null;
    if (type.isPrimitive()) return genericOf(type.boxed()!);
    return type.isClass() && this.members.typeParameterCount(type.internalName!) === 0 ? genericOf(type) : null;
  }

  /** The argument types overload resolution sees: static types, and what lambdas and method references may convert to. */
  private argumentTypes(args: readonly CompiledArgument[]): (JavaType | FunctionalArgument)[] {
    return args.map((arg) => (arg.functional === undefined ? arg.type : this.functionalArgument(arg.functional)));
  }

  /**
   * Appends the arguments converted to the method's parameter types, packing varargs into an array
   * (§15.12.4.2). `generics` are the parameter types as the call instantiates them, when known: the
   * function types of lambda arguments come from there, and the targets of deferred calls. Returns
   * what the compiled lambdas and deferred calls tell inference (null for the other arguments).
   * `reinstantiate`, when given, gives the parameter types again from what those told so far: the
   * arguments after them are compiled against those (see GenericMembers.instantiate's `compiled`).
   */
  private appendArguments(
    args: readonly CompiledArgument[],
    method: ResolvedMethod,
    position: SourcePosition,
    generics: readonly GenericType[] | null = null,
    reinstantiate: ((told: readonly InferenceArgument[]) => readonly GenericType[] | null) | null = null,
  ): InferenceArgument[] {
    const parameters = method.parameterTypes;
    const lambdaResults: InferenceArgument[] = args.map(() => null);
    let current = generics;
    const passFixed = (i: number) => {
      pass(args[i]!, parameters[i]!, current?.[i] ?? null);
      if (reinstantiate !== null && lambdaResults[i] != null && i < args.length - 1) current = reinstantiate(lambdaResults) ?? current;
    };
    const pass = (arg: CompiledArgument, parameter: JavaType, generic: GenericType | null) => {
      if (arg.functional?.kind === 'SwitchExpression') {
        // A poly switch expression (JLS §15.28.1): each arm's lambda is one of the parameter's function type.
        this.switchExpression(arg.functional, parameter, generic);
        return;
      }
      if (arg.functional?.kind === 'Conditional') {
        const result = this.functionalConditional(arg.functional, parameter, generic);
        if (result !== null) lambdaResults[args.indexOf(arg)] = { kind: 'lambda-result', result };
        return;
      }
      if (arg.functional !== undefined) {
        const result = this.functional(arg.functional, parameter, generic).result;
        if (result !== null) lambdaResults[args.indexOf(arg)] = { kind: 'lambda-result', result };
        return;
      }
      if (arg.deferred !== undefined) {
        const deferred = arg.deferred;
        // A conditional in an invocation context is a poly expression of the parameter's type (JLS §15.25.3).
        const to = `${parameter.descriptor()}${generic === null ? '' : genericKey(generic)}`;
        const type = this.discardedArgument(deferred, to, () =>
          deferred.kind === 'Conditional'
            ? this.conditional(deferred, parameter, generic)
            : deferred.kind === 'SwitchExpression'
              ? this.switchExpression(deferred, parameter, generic)
              : this.operandWithTarget(deferred, generic),
        );
        this.convert(type, parameter, arg.position, 'invocation');
        lambdaResults[args.indexOf(arg)] = deferred.kind === 'Conditional' || deferred.kind === 'SwitchExpression' ? generic : (this.genericsStore?.get(deferred) ?? genericOf(type));
        return;
      }
      let code = arg.code;
      let argType = arg.type;
      if (arg.retarget !== undefined) {
        // Against the parameter where that compiles (as javac would have it), else alone, as typed.
        const call = arg.retarget;
        const targeted = generic !== null && this.trialArgument(call, false, generic) !== null;
        const to = targeted ? `${parameter.descriptor()}${genericKey(generic)}` : 'alone';
        const compiled = this.buffered(() => this.discardedArgument(call, to, () => (targeted ? this.operandWithTarget(call, generic) : this.expression(call))));
        code = compiled.code;
        argType = compiled.value;
      }
      // A parameter of the erased type takes the value without the cast (javac casts to the erased parameter type).
      const type = parameter.isReference() && argType.isReference() ? this.withoutGenericCast(code, argType, (erased) => this.ctx.env.isAssignable(erased, parameter)) : argType;
      this.append(code);
      this.convert(type, parameter, arg.position, 'invocation');
    };
    if (!method.varargsCall) {
      for (let i = 0; i < args.length; i++) passFixed(i);
      return lambdaResults;
    }
    const fixed = parameters.length - 1;
    for (let i = 0; i < fixed; i++) passFixed(i);
    const varargsGeneric = generics?.[fixed];
    const declaredElement = method.varargsElementType ?? parameters[fixed]!.componentType!;
    // A generic varargs parameter (T...): javac creates the array of T's inferred erasure (String[] for
    // arr("a", "b")), which a T[] result is cast back to; the declared erasure would fail that cast.
    const inferredElement = varargsGeneric?.kind === 'array' && varargsGeneric.component.kind !== 'variable' ? erasure(varargsGeneric.component) : null;
    const element = inferredElement !== null && inferredElement.isReference() && inferredElement !== declaredElement && this.ctx.env.isSubtype(inferredElement, declaredElement) ? inferredElement : declaredElement;
    this.e.pushInt(args.length - fixed);
    this.newArrayOf(element, position);
    for (let i = fixed; i < args.length; i++) {
      this.e.insn(Opcodes.DUP);
      this.e.pushInt(i - fixed);
      pass(args[i]!, element, varargsGeneric?.kind === 'array' ? varargsGeneric.component : null);
      this.e.insn(element.toAsmType().getOpcode(Opcodes.IASTORE));
    }
    return lambdaResults;
  }

  private methodCall(node: Ast.MethodCallNode): JavaType {
    if (node.target === null && node.name === '$proceed') return this.proceed(node);
    // The parameterized type the value goes to, when known (JLS §18.5.2.1).
    const targetGeneric = this.callTarget?.node === node ? this.callTarget.generic : null;
    let owner: string;
    let receiver: 'this' | 'static' | 'super' | JavaType;
    let receiverGeneric: GenericType | null = null;
    let enclosing: string | null = null;
    /** `I.super.m()`: the direct superinterface whose method is called (JLS §15.12.1). */
    let superInterface: string | null = null;
    if (node.target === null) {
      owner = this.ctx.currentClass;
      receiver = 'this';
      // JLS §15.12.1: the innermost class with a method of that name, the current one or an enclosing one.
      if (!this.hasMethodNamed(owner, node.name)) {
        enclosing = this.enclosingClasses().find((c) => this.hasMethodNamed(c, node.name)) ?? null;
        if (enclosing !== null) owner = enclosing;
      }
    } else if (node.target.kind === 'Super') {
      // invokespecial of a superclass method is for the class's own code (JVMS §4.10.1.9), not another class's.
      if (this.ctx.runsIn !== undefined) throw new CompileError(`super.${node.name}(…) cannot be called here: ${this.ctx.runsIn.reason}`, node.position);
      superInterface = node.target.qualifier === null ? null : this.superInterfaceOf(node.target.qualifier);
      if (superInterface === null && this.ctx.superName === null) throw new CompileError('java.lang.Object has no superclass', node.position);
      owner = superInterface ?? this.ctx.superName!;
      receiver = 'super';
    } else {
      const prefix = this.typePrefix(node.target);
      if (prefix !== null && prefix.fields.length === 0) {
        if (!prefix.type.isClass()) throw new CompileError(`${prefix.type} cannot be dereferenced`, node.position);
        owner = prefix.type.internalName!;
        receiver = 'static';
      } else {
        const target = node.target;
        const targetType = this.ownTyped(target, () => this.expression(target));
        if (!targetType.isReference()) throw new CompileError(`${targetType} cannot be dereferenced`, node.target.position);
        owner = targetType.isArray() ? targetType.descriptor() : targetType.internalName!;
        receiver = targetType;
        receiverGeneric = this.genericsStore?.get(unparenthesized(node.target)) ?? genericOf(targetType);
      }
    }
    if (receiver === 'this' || receiver === 'super') receiverGeneric = this.members.thisType(enclosing ?? this.ctx.currentClass);
    const args = this.compileArguments(node.arguments);
    let method: ResolvedMethod;
    try {
      // Through an expression (not this, super or a type), a protected method's access depends on its type (JLS §6.6.2.1).
      const access = typeof receiver === 'object' && !owner.startsWith('[') ? { ...this.access(), qualifier: owner } : this.access();
      method = findMethod(this.ctx.env, owner, node.name, this.argumentTypes(args), access);
    } catch (error) {
      // A receiver whose type is an intersection (a least upper bound: `first("a", new StringBuilder())`
      // is a Serializable & Comparable & CharSequence): the method may be another type's; javac casts to it.
      const target = node.target;
      const found = typeof receiver === 'object' && target !== null && target.kind !== 'Super' && error instanceof CompileError ? this.intersectionMember(node, unparenthesized(target), args) : null;
      if (found === null) throw receiver === 'static' && node.target !== null ? this.withShadowingHint(error, node.target, owner) : error;
      this.e.checkcast(JavaType.classType(found.owner));
      owner = found.owner;
      receiver = JavaType.classType(found.owner);
      receiverGeneric = genericOf(receiver);
      method = found.method;
    }
    if (receiver === 'this') {
      if (!method.isStatic) {
        if (enclosing === null) {
          this.loadThis(node.position);
        } else {
          this.requireEnclosingInstance(enclosing, `non-static method ${node.name}${descriptorParameters(method)}`, node.position);
          this.loadEnclosingInstance(enclosing, node.position);
        }
      }
    } else if (receiver === 'super') {
      if (!method.isStatic) this.loadThis(node.position);
    } else if (receiver === 'static') {
      if (!method.isStatic) throw new CompileError(`non-static method ${node.name}${descriptorParameters(method)} cannot be referenced from a static context`, node.position);
    } else if (method.isStatic) {
      this.e.pop(receiver);
    }
    let argGenerics = this.inferenceArguments(args);
    const explicit = node.typeArguments === null ? null : node.typeArguments.map((arg) => {
      if (arg.kind === 'WildcardType') throw new CompileError('a method type argument cannot be a wildcard', arg.position);
      return this.typeArgumentOf(arg);
    });
    if (args.some((arg) => arg.refine !== undefined)) argGenerics = this.refinedArguments(args, argGenerics, receiverGeneric, method, explicit, targetGeneric);
    // Inferred parameter types: for lambda arguments' targets, and for the element type of a generic varargs array.
    const parameterGenerics = args.some((arg) => arg.functional !== undefined || arg.deferred !== undefined || arg.retarget !== undefined) || method.varargsCall
      ? this.members.parameterTypes(receiverGeneric, method, argGenerics, explicit, targetGeneric)
      : null;
    if (method.method.signature !== null) this.checkGenericArguments(args, method, parameterGenerics ?? this.members.parameterTypes(receiverGeneric, method, argGenerics, explicit, targetGeneric));
    const reinstantiate = parameterGenerics === null ? null : (told: readonly InferenceArgument[]) => this.members.parameterTypes(receiverGeneric, method, argGenerics, explicit, targetGeneric, told);
    const lambdaResults = this.appendArguments(args, method, node.position, parameterGenerics, reinstantiate);
    if (superInterface !== null && method.method.isAbstract) throw new CompileError(`abstract method ${node.name}${descriptorParameters(method)} in ${JavaType.classType(method.declaringClass)} cannot be accessed directly`, node.position);
    const returnType = this.invoke(method, receiver === 'super', superInterface);
    if (referenceBodies.has(node)) referenceTargets.set(node, { method, kind: receiver === 'super' ? 'super-call' : 'call', isInner: false });
    if (method.returnType.isVoid() || returnType !== method.returnType) return returnType;
    const inferenceArgs: InferenceArgument[] = argGenerics.map((generic, i) => {
      const result = lambdaResults[i];
      if (result == null) return generic;
      if (result.kind !== 'lambda-result') return result;
      return { ...result, parameters: generic?.kind === 'lambda-result' ? generic.parameters : null };
    });
    if (this.members.returnsMethodTypeVariable(method)) this.uninstantiatedResults.set(node, returnType);
    const resultBounds = this.members.otherBounds(this.members.resultType(receiverGeneric, method, inferenceArgs, explicit, targetGeneric));
    if (resultBounds.length > 0) this.intersectionResults.set(node, resultBounds);
    if (this.members.resultIsOpen(receiverGeneric, method, inferenceArgs, explicit, targetGeneric)) {
      this.openResults.set(node, (target) => this.members.resultType(receiverGeneric, method, inferenceArgs, explicit, target));
    }
    return this.genericResult(returnType, this.members.resultType(receiverGeneric, method, inferenceArgs, explicit, targetGeneric), node);
  }

  /** The method `node` calls on one of the other types of its target's intersection type, or null. */
  private intersectionMember(node: Ast.MethodCallNode, target: Ast.ExpressionNode, args: readonly CompiledArgument[]): { owner: string; method: ResolvedMethod } | null {
    const local = target.kind === 'Name' ? this.lookupLocal(target.name) : undefined;
    const bounds = this.intersectionResultsStore?.get(target) ?? local?.intersection ?? this.typeVariableOtherBounds(this.genericsStore?.get(target) ?? local?.generic) ?? [];
    for (const owner of bounds) {
      try {
        return { owner, method: findMethod(this.ctx.env, owner, node.name, this.argumentTypes(args), { ...this.access(), qualifier: owner }) };
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
      }
    }
    return null;
  }

  /**
   * A value typed by a type variable with several bounds (`<T extends Number & Comparable<T>>`, JLS §4.4) has the
   * members of each: the erasures of the bounds after the first (its own erasure), as the method or class whose
   * code this is, or an enclosing class, declares the variable; null when it has one bound or is not known here.
   */
  private typeVariableOtherBounds(type: GenericType | undefined): string[] | null {
    if (type === undefined || type.kind !== 'variable') return null;
    const method = this.ctx.methodName !== undefined && this.ctx.methodDescriptor !== undefined ? { name: this.ctx.methodName, descriptor: this.ctx.methodDescriptor } : null;
    for (const owner of [this.ctx.currentClass, ...this.enclosingClasses()]) {
      const bounds = this.members.typeVariableBounds(owner, type.name, owner === this.ctx.currentClass ? method : null);
      if (bounds !== null) return bounds.slice(1).flatMap((bound) => (bound.kind === 'class' ? [bound.name] : []));
    }
    return null;
  }

  /**
   * Refuses an argument that fits the parameter's erasure but not its type as the call instantiates it
   * (`names.add(1)` of a List<String>: E is a String), as javac refuses it (JLS §15.12.2.2): compiled,
   * it would put an Integer in a List<String>, to fail later where the list is read.
   */
  private checkGenericArguments(args: readonly CompiledArgument[], method: ResolvedMethod, formals: readonly GenericType[] | null): void {
    if (formals === null) return;
    const last = formals.length - 1;
    args.forEach((arg, i) => {
      if (arg.functional !== undefined || arg.deferred !== undefined || arg.type.isNull()) return;
      let formal: GenericType | undefined = formals[Math.min(i, last)];
      if (method.varargsCall && i >= last) formal = formal?.kind === 'array' ? formal.component : undefined;
      if (formal === undefined || (formal.kind !== 'class' && formal.kind !== 'array')) return;
      const declared = method.varargsCall && i >= last ? method.parameterTypes[last]!.componentType : method.parameterTypes[i];
      const expected = erasure(formal);
      if (declared == null || expected === declared || !this.members.isKnownSubtype(expected, declared)) return;
      if (!this.ctx.env.isAssignable(arg.type, expected)) throw new CompileError(`incompatible types: ${arg.type} cannot be converted to ${expected}`, arg.position);
    });
  }

  /**
   * The arguments' types for inference, those of calls with open results (`collect(Collectors.toList())`)
   * refined by the parameter they go to as the call instantiates it (JLS §18.5.2.1): the
   * Collector<? super T, A, R> of a Stream<String> makes toList's T a String, and so collect's R a List<String>.
   */
  private refinedArguments(
    args: readonly CompiledArgument[],
    argGenerics: readonly InferenceArgument[],
    receiverGeneric: GenericType | null,
    method: ResolvedMethod,
    explicit: readonly GenericType[] | null,
    targetGeneric: GenericType | null,
  ): InferenceArgument[] {
    // The parameters as the other arguments instantiate them: an open result would bind variables to its own.
    const others = argGenerics.map((generic, i) => (args[i]!.refine === undefined ? generic : null));
    const formals = this.members.parameterTypes(receiverGeneric, method, others, explicit, targetGeneric);
    if (formals === null) return [...argGenerics];
    return argGenerics.map((generic, i) => {
      const refine = args[i]!.refine;
      if (refine === undefined) return generic;
      let formal: GenericType | null | undefined = formals[Math.min(i, formals.length - 1)];
      if (method.varargsCall && i >= formals.length - 1) formal = formal?.kind === 'array' ? formal.component : null;
      return formal == null ? generic : (refine(formal) ?? generic);
    });
  }

  /** Emits the call of a resolved method whose receiver and arguments are on the stack; returns its result type. */
  /**
   * The interface `I` of `I.super.m()` (JLS §15.12.1): a direct superinterface of this class; `C.super` of
   * this class itself is plain super (null). An enclosing class's `Outer.super.m()` needs an accessor
   * method in that class, which a snippet does not add.
   */
  private superInterfaceOf(qualifier: Ast.ClassTypeNode): string | null {
    if (this.ctx.isStatic) throw new CompileError('non-static variable super cannot be referenced from a static context', qualifier.position);
    const type = this.classTypeOf(qualifier).internalName!;
    if (type === this.ctx.currentClass) return null;
    const current = this.ctx.env.requireClass(this.ctx.currentClass);
    if (current.interfaces.includes(type)) return type;
    if (!this.enclosingClasses().includes(type)) throw new CompileError(`not an enclosing class: ${JavaType.classType(type)} (Name.super names this class, an enclosing one or a direct superinterface)`, qualifier.position);
    throw new CompileError(`${JavaType.classType(type)}.super of an enclosing class is not supported in snippets`, qualifier.position);
  }

  private invoke(method: ResolvedMethod, isSuper = false, superInterface: string | null = null): JavaType {
    this.checkNestmateAccess(method.access, method.declaringClass, `${method.name}()`);
    const owner = method.binaryOwner;
    if (method.isStatic) {
      this.e.invoke(Opcodes.INVOKESTATIC, owner, method.name, method.descriptor, method.isInterface);
    } else if (superInterface !== null) {
      // JVMS §6.5 invokespecial: an interface method of a direct superinterface, named through it (as javac does).
      this.e.invoke(Opcodes.INVOKESPECIAL, superInterface, method.name, method.descriptor, true);
    } else if (isSuper) {
      this.e.invoke(Opcodes.INVOKESPECIAL, this.ctx.superName!, method.name, method.descriptor, method.isInterface);
    } else if ((method.access & Opcodes.ACC_PRIVATE) !== 0 && method.declaringClass === this.ctx.currentClass) {
      // invokespecial for private methods works in every class file version (invokevirtual only from 11, JEP 181).
      this.e.invoke(Opcodes.INVOKESPECIAL, method.declaringClass, method.name, method.descriptor, method.declaringIsInterface);
    } else {
      this.e.invoke(method.isInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, method.name, method.descriptor, method.isInterface);
    }
    const declaredReturn = JavaType.methodTypes(method.descriptor).returnType;
    if (method.returnType !== declaredReturn && method.returnType.isReference()) {
      // An array's clone() returns the array type (JLS §10.7), declared as Object.
      this.e.checkcast(method.returnType);
    }
    return method.returnType;
  }

  private proceed(node: Ast.MethodCallNode): JavaType {
    const proceed = this.ctx.variables.proceed;
    if (proceed === undefined) {
      // A class body's or a lambda body's code is another method: the replaced expression is not there.
      const elsewhere = this.ctx.snippetClassBody === true ? 'an anonymous or local class body' : this.ctx.capture !== undefined && this.ctx.capture.capturer === undefined ? 'a lambda body' : null;
      throw new CompileError(elsewhere === null ? '$proceed is only available in ExprEditor replacements' : `$proceed cannot be used inside ${elsewhere} (call it in the replacement's own code)`, node.position);
    }
    proceed.pushTarget(this.e);
    const args = this.compileArguments(node.arguments);
    if (args.length !== proceed.parameterTypes.length) {
      throw new CompileError(`$proceed takes ${proceed.parameterTypes.length} arguments, found ${args.length}`, node.position);
    }
    args.forEach((arg, i) => {
      this.append(arg.code);
      this.convert(arg.type, proceed.parameterTypes[i]!, arg.position, 'invocation');
    });
    proceed.emit(this.e);
    return proceed.resultType;
  }

  /** `$args`: a new Object[] of the parameters, primitives boxed. */
  private pushArgs(): JavaType {
    const parameters = this.ctx.variables.parameters ?? [];
    this.e.pushInt(parameters.length);
    this.e.typeInsn(Opcodes.ANEWARRAY, 'java/lang/Object');
    parameters.forEach((parameter, i) => {
      this.e.insn(Opcodes.DUP);
      this.e.pushInt(i);
      this.e.load(parameter.type, parameter.slot);
      if (parameter.type.isPrimitive()) this.e.box(parameter.type);
      this.e.insn(Opcodes.AASTORE);
    });
    return JavaType.arrayOf(OBJECT);
  }

  /** `new C(…)`; `targetGeneric` is the parameterized type a diamond (`new C<>(…)`) is assigned to, when known. */
  /**
   * The class `new C(…)` or `outer.new C(…)` creates, and the enclosing instance its constructor takes
   * first when it is an inner class (JLS §15.9.2): `outer`, else the innermost enclosing instance of a
   * class that has C as a member.
   */
  private createdClass(node: Ast.NewNode): { type: JavaType; enclosingInstance: CompiledArgument | null; isInner: boolean } {
    let type: JavaType;
    let enclosingInstance: CompiledArgument | null = null;
    if (node.outer !== null) {
      // outer.new Inner(…) (JLS §15.9.1): Inner is a member class of outer's type; outer, never null, is its enclosing instance.
      const outerNode = node.outer;
      const outer = this.buffered(() => {
        const outerType = this.expression(outerNode);
        this.e.insn(Opcodes.DUP);
        this.e.invoke(Opcodes.INVOKESTATIC, 'java/util/Objects', 'requireNonNull', '(Ljava/lang/Object;)Ljava/lang/Object;', false);
        this.e.insn(Opcodes.POP);
        return outerType;
      });
      if (!outer.value.isClass()) throw new CompileError(`${outer.value} cannot be dereferenced`, outerNode.position);
      const member = node.type.parts.length === 1 ? this.memberClass(outer.value.internalName!, node.type.parts[0]!.name) : null;
      if (member === null) throw new CompileError(`cannot find symbol: class ${node.type.name} in ${outer.value}`, node.type.position);
      type = JavaType.classType(member);
      enclosingInstance = { code: outer.code, type: outer.value, position: outerNode.position };
    } else {
      type = this.classTypeOf(node.type);
      // A local class of this code: its creation passes the extra values itself (see localClassExtras).
      if (this.ctx.localClasses?.has(type.internalName!) === true) return { type, enclosingInstance: null, isInner: false };
    }
    const model = this.ctx.env.requireClass(type.internalName!);
    const isInner = model.enclosingClass !== null && (model.access & Opcodes.ACC_STATIC) === 0;
    if (isInner && model.enclosingMethod !== null) {
      throw new CompileError(`${type} is a local class: creating it from a snippet is not supported (its constructor takes captured values)`, node.position);
    }
    if (!isInner && enclosingInstance !== null) throw new CompileError(`qualified new of static class ${type}`, node.position);
    if (isInner && enclosingInstance === null) {
      // JLS §15.9.2: the innermost enclosing instance (this included) of a class that has the inner class as a member.
      const outer = model.enclosingClass!;
      const holder = [this.ctx.currentClass, ...this.enclosingClasses()].find((c) => this.members.isKnownSubtype(c, outer));
      if (holder === undefined || this.ctx.isStatic) throw new CompileError(`${type} is an inner class: creating it needs an enclosing instance of ${JavaType.classType(outer)}, and none is in scope`, node.position);
      const code = this.buffered(() => this.loadEnclosingInstance(holder, node.position));
      enclosingInstance = { code: code.code, type: code.value, position: node.position };
    }
    return { type, enclosingInstance, isInner };
  }

  private newObject(node: Ast.NewNode, targetGeneric: GenericType | null = null): JavaType {
    if (node.body !== undefined) return this.anonymousObject(node, node.body, targetGeneric);
    const { type, enclosingInstance, isInner } = this.createdClass(node);
    const model = this.ctx.env.requireClass(type.internalName!);
    if ((model.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) !== 0) {
      throw new CompileError(`${type} is abstract; cannot be instantiated`, node.position);
    }
    if ((model.access & Opcodes.ACC_ENUM) !== 0) throw new CompileError('enum classes may not be instantiated', node.position);
    // javac's constructors of inner classes take the enclosing instance first (JLS §13.1).
    const args = [...(enclosingInstance === null ? [] : [enclosingInstance]), ...this.compileArguments(node.arguments)];
    const constructor = findConstructor(this.ctx.env, type.internalName!, this.argumentTypes(args), this.access());
    this.e.typeInsn(Opcodes.NEW, type.internalName!);
    this.e.insn(Opcodes.DUP);
    const generic = this.genericTypeOf(node.type) ?? (isDiamond(node.type) ? this.members.diamondType(type.internalName!, constructor, this.inferenceArguments(args), targetGeneric) : null);
    const parameterGenerics = args.some((arg) => arg.functional !== undefined || arg.deferred !== undefined || arg.retarget !== undefined) || constructor.varargsCall
      ? this.members.parameterTypes(generic ?? genericOf(type), constructor, this.inferenceArguments(args))
      : null;
    if (constructor.method.signature !== null && generic !== null) {
      this.checkGenericArguments(args, constructor, parameterGenerics ?? this.members.parameterTypes(generic, constructor, this.inferenceArguments(args)));
    }
    this.appendArguments(args, constructor, node.position, parameterGenerics);
    const local = this.ctx.localClasses?.get(type.internalName!);
    const descriptor = local === undefined ? constructor.descriptor : this.localClassExtras(local, constructor.descriptor, node.position);
    this.e.invoke(Opcodes.INVOKESPECIAL, type.internalName!, '<init>', descriptor, false);
    // `Local::new` of a local class whose constructor also takes its enclosing instance or captured values: a
    // lambda method passes them (javac's too); the declared constructor's handle would lack them.
    if (referenceBodies.has(node)) referenceTargets.set(node, { method: constructor, kind: 'new', isInner: isInner || descriptor !== constructor.descriptor });
    if (generic !== null) this.record(node, generic);
    return type;
  }

  /**
   * `new T(args) { members }` (JLS §15.9.5): the anonymous class `Enclosing$N` (snippet-classes.ts), then
   * its creation. Its members compile twice, as a lambda body does: the first pass finds the variables
   * of the enclosing code they use, which become the class's `val$` fields (passed to its constructor),
   * the second compiles them for real, each method starting by copying the captured values it uses
   * into locals of the same names. In a throwaway compilation the first pass alone runs (it is what
   * tells an enclosing lambda what it captures) and no class is made. The expression's type is T (the
   * members the body adds are not reachable through it).
   */
  private anonymousObject(
    node: Ast.NewNode,
    body: readonly Ast.ClassBodyMemberNode[],
    targetGeneric: GenericType | null,
    enumConstant?: { readonly name: string; readonly ordinal: number },
  ): JavaType {
    const position = node.position;
    const sink = this.ctx.snippetClasses;
    if (sink === undefined) throw new CompileError('anonymous classes are not supported here', position);
    // The superclass may be an inner class: its enclosing instance is the first argument of its constructor.
    const { type: supertype, enclosingInstance } = this.createdClass(node);
    const superGeneric = this.genericTypeOf(node.type);
    const superModel = this.ctx.env.requireClass(supertype.internalName!);
    if ((superModel.access & Opcodes.ACC_FINAL) !== 0) throw new CompileError(`cannot inherit from final ${supertype}`, node.type.position);
    if (enumConstant === undefined && ((superModel.access & Opcodes.ACC_ENUM) !== 0 || superModel.superName === 'java/lang/Enum')) throw new CompileError('enum classes may not be instantiated', position);
    if (superModel.isInterface && node.arguments.length > 0) throw new CompileError('anonymous class implements interface; cannot have arguments', position);
    const enclosing = this.ctx.currentClass;
    const { name, nestHost, outsideNest } = sink.name(enclosing);
    const outerInstance = this.ctx.isStatic || this.ctx.thisUninitialized === true ? null : enclosing;
    const diamond = isDiamond(node.type);
    let generic = !diamond && superGeneric !== null && isGeneric(superGeneric) ? superGeneric : null;
    const anon = snippetClassNode({
      name,
      version: this.ctx.classVersion,
      superName: superModel.isInterface ? OBJECT.internalName! : supertype.internalName!,
      interfaces: superModel.isInterface ? [supertype.internalName!] : [],
      signature: null,
      enclosingClass: enclosing,
      enclosingMethod: this.enclosingMethodHere(),
      outerInstance,
      nestHost,
    });
    // An enum constant's class (JLS §8.9.1) is final and, as javac marks it, an enum class's part.
    if (enumConstant !== undefined) {
      anon.access |= Opcodes.ACC_FINAL | Opcodes.ACC_ENUM;
      anon.innerClasses[0]!.access |= Opcodes.ACC_FINAL | Opcodes.ACC_ENUM;
    }
    const description = `<anonymous ${JavaType.classType(name)}>`;
    const env = this.ctx.env.withClass(anon);
    // The superclass constructor the arguments choose (JLS §15.9.5.1), as the anonymous class (a subclass) reaches it.
    const args = [...(enclosingInstance === null ? [] : [enclosingInstance]), ...this.compileArguments(node.arguments)];
    const superConstructor = findConstructor(env, anon.superName!, this.argumentTypes(args), { currentClass: name });
    if (diamond) generic = this.anonymousDiamond(supertype.internalName!, superModel.isInterface ? null : superConstructor, args, targetGeneric);
    // A parameterized supertype is the class's Signature (JVMS §4.7.9.1): its members see the type arguments.
    if (generic !== null) anon.signature = `${superModel.isInterface ? OBJECT.descriptor() : ''}${signatureOf(generic)}`;
    const memberContext = this.classBodyContext(anon, env, outsideNest, 'anonymous');
    const staticContext: CompileContext = { ...memberContext, isStatic: true, typeVariables: new Map(), capture: this.staticScope(env, name) };
    const members = this.foldConstantFields(anon, this.declareClassBodyMembers(anon, body, description), staticContext);
    const staticInitializers = members.filter((member) => member.kind !== 'method' && isStaticMember(member));
    // The first pass: what each member uses of the enclosing code (static members use none of it).
    const captured = new Map<string, LocalVariable>();
    const { discoveryOf, settled } = this.classBodyScopes(env, name, captured);
    const dryRun: LambdaMethodSink = { add: () => 'lambda$anonymous', assertionsDisabledField: () => ASSERTIONS_DISABLED, discards: true };
    const uses = members.map((member) => {
      const used = new Set<string>();
      if (isStaticMember(member)) {
        if (member.kind === 'method') this.compileClassBodyMember(member, anon, { ...staticContext, lambdaMethods: dryRun, snippetClasses: sink }, new Map());
      } else {
        this.compileClassBodyMember(member, anon, { ...memberContext, capture: discoveryOf(used), lambdaMethods: dryRun, snippetClasses: sink }, new Map());
      }
      return used;
    });
    this.compileStaticInitializer(anon, { ...staticContext, lambdaMethods: dryRun, snippetClasses: sink }, staticInitializers);
    const captures = [...captured.entries()];
    const capturedValues = captures.map(([variableName, variable]) => ({ field: capturedValueField(variableName), type: variable.type }));
    for (const value of capturedValues) anon.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, value.field, value.type.descriptor(), null, null));
    // A local superclass's constructor also takes its enclosing instance and captured values (localClassExtras): the
    // creation passes them, and the constructor hands them on.
    const superLocal = this.ctx.localClasses?.get(anon.superName!);
    const superDescriptor =
      enumConstant !== undefined
        ? enumConstructorDescriptor(superConstructor.descriptor)
        : superLocal === undefined
          ? superConstructor.descriptor
          : localClassDescriptor(superLocal, superConstructor.descriptor);
    const constructor = anonymousConstructor(anon, outerInstance, superDescriptor, capturedValues);
    // The second pass, for real: into the class's methods and its constructor.
    if (this.ctx.lambdaMethods.discards !== true) {
      const nested = nestedClassSink(sink, anon);
      const lambdaSinkOf = (member: string): LambdaMethodSink => classBodyLambdaSink(anon, member);
      const constructorCaptures = new Map<string, number>();
      const firstCaptureSlot = constructor.firstFreeSlot - capturedValues.reduce((size, value) => size + value.type.size, 0);
      let slot = firstCaptureSlot;
      for (const [variableName, variable] of captures) {
        constructorCaptures.set(variableName, slot);
        slot += variable.type.size;
      }
      members.forEach((member, i) => {
        if (isStaticMember(member)) {
          if (member.kind === 'method') this.compileClassBodyMember(member, anon, { ...staticContext, snippetClasses: nested, lambdaMethods: lambdaSinkOf(member.method.name) }, new Map());
          return;
        }
        const context: CompileContext = { ...memberContext, capture: settled, snippetClasses: nested, lambdaMethods: lambdaSinkOf(member.kind === 'method' ? member.method.name : 'new') };
        const used = new Map<string, LocalVariable>(captures.filter(([variableName]) => uses[i]!.has(variableName)));
        this.compileClassBodyMember(member, anon, context, used, member.kind === 'method' ? undefined : { constructor, slots: constructorCaptures });
      });
      constructor.method.instructions.add(new InsnNode(Opcodes.RETURN));
      anon.methods.unshift(constructor.method);
      this.compileStaticInitializer(anon, { ...staticContext, snippetClasses: nested, lambdaMethods: lambdaSinkOf('static') }, staticInitializers);
    }
    addBridges(env, GenericMembers.of(env), anon, instanceMethodsOf(members));
    checkImplementsAbstractMethods(env, anon, description, position);
    if (this.ctx.lambdaMethods.discards !== true) sink.add(anon);
    // The creation: the enclosing instance, the superclass constructor's arguments, the captured values.
    this.e.typeInsn(Opcodes.NEW, name);
    this.e.insn(Opcodes.DUP);
    if (outerInstance !== null) this.loadThis(position);
    if (enumConstant !== undefined) {
      // An enum constant's class passes the constant's name and ordinal to the enum's constructor first.
      this.e.pushString(enumConstant.name);
      this.e.pushInt(enumConstant.ordinal);
    }
    this.appendArguments(args, superConstructor, position, null);
    if (superLocal !== undefined && enumConstant === undefined) this.localClassExtras(superLocal, superConstructor.descriptor, position);
    for (const [variableName, variable] of captures) {
      this.e.load(variable.type, variable.slot);
      if (!this.capturedVariables.has(variable)) this.capturedVariables.set(variable, { name: variableName, position, capturer: 'an inner class' });
    }
    this.e.invoke(Opcodes.INVOKESPECIAL, name, '<init>', constructor.method.desc, false);
    if (this.ownTypedCreation === node) {
      // Typed as its own class (see ownTyped): the code after it knows the class (its Signature gives the supertype's arguments).
      this.ctx = { ...this.ctx, env: this.ctx.env.withClass(anon) };
      this.members = GenericMembers.of(this.ctx.env);
      return JavaType.classType(name);
    }
    if (generic !== null) this.record(node, generic);
    else if (superGeneric !== null && !diamond) this.record(node, superGeneric);
    return supertype;
  }

  /**
   * The type arguments of `new T<>(…) { … }` (JLS §15.9.3, Java 9): a class's from its constructor's
   * arguments and the target type, as a diamond's; an interface's from the target type alone, which must
   * then be a parameterization of it; with nothing to infer from, the type parameters' bounds. They must be
   * denotable (JLS §15.9.5): a wildcard of the target becomes its bound.
   */
  private anonymousDiamond(className: string, constructor: ResolvedMethod | null, args: readonly CompiledArgument[], target: GenericType | null): GenericType {
    const inferred =
      constructor !== null
        ? this.members.diamondType(className, constructor, this.inferenceArguments(args), target)
        : target !== null && target.kind === 'class' && target.name === className && target.args.length > 0
          ? { kind: 'class' as const, name: className, args: target.args.map((arg) => (arg.kind === 'wildcard' ? (arg.bound ?? genericOf(OBJECT)) : arg)) }
          : null;
    // Nothing to infer from (`Object o = new ArrayList<>() { … }`): the type parameters' bounds, as javac infers them.
    if (inferred === null) {
      const bounds = this.members.scopeOf(className);
      return { kind: 'class', name: className, args: this.members.typeParameterNames(className).map((parameter) => genericOf(bounds.get(parameter) ?? OBJECT)) };
    }
    return { ...inferred, args: inferred.args.map((arg) => (arg.kind === 'wildcard' ? (arg.bound ?? genericOf(OBJECT)) : arg)) };
  }

  /**
   * A local class declaration (JLS §14.3): the class `Enclosing$NName`, compiled as an anonymous class
   * is (see anonymousObject) with its own constructors, then in scope for the rest of the code. Its
   * constructors take, after their own parameters, the enclosing instance (in a non-static context) and
   * the values of the enclosing code's variables the body uses (javac appends the captured ones too);
   * every `new Name(…)` and `this(…)` passes them (localClassExtras). The first pass over the body runs
   * twice: the second sees the captures, which creations of the class inside its own body pass on.
   */
  private localClass(node: Ast.LocalClassDeclarationNode): void {
    const position = node.position;
    const sink = this.ctx.snippetClasses;
    if (sink === undefined) throw new CompileError('local classes are not supported here', position);
    // A local record (JLS §8.10): final, implicitly static (no enclosing instance, no captures), a java.lang.Record.
    // Local interfaces and enums (Java 16) are implicitly static too.
    const form = node.form ?? (node.components !== null ? 'record' : 'class');
    const isRecord = form === 'record';
    const isInterface = form === 'interface';
    const isEnum = form === 'enum';
    const version = this.ctx.classVersion & 0xffff;
    if (isRecord && version < Opcodes.V16) {
      throw new CompileError(`a local record needs class file version 60 (Java 16) or later; this class is version ${version}`, position);
    }
    // values()/valueOf ldc the enum's class (JVMS §4.4.1: version 49).
    if (isEnum && version < Opcodes.V1_5) throw new CompileError(`a local enum needs class file version 49 (Java 5) or later; this class is version ${version}`, position);
    const superType = isRecord ? JavaType.classType(RECORD) : isEnum ? JavaType.classType('java/lang/Enum') : node.superclass === null ? OBJECT : this.classTypeOf(node.superclass);
    const superModel = this.ctx.env.requireClass(superType.internalName!);
    if (superModel.isInterface) throw new CompileError(`no interface expected here: ${superType}`, node.superclass!.position);
    if ((superModel.access & Opcodes.ACC_FINAL) !== 0) throw new CompileError(`cannot inherit from final ${superType}`, node.superclass!.position);
    const superLocal = this.ctx.localClasses?.get(superType.internalName!);
    const outerInstance = form !== 'class' || this.ctx.isStatic || this.ctx.thisUninitialized === true ? null : this.ctx.currentClass;
    if (superLocal !== undefined) {
      // Its super(…) passes the superclass's enclosing instance from its own (see localClassExtras): the same class.
      if (superLocal.outerInstance !== null && superLocal.outerInstance !== outerInstance) {
        throw new CompileError(`a local class extending the local class ${superType} declared outside its class body is not supported in snippets`, node.superclass!.position);
      }
    } else if (superModel.enclosingClass !== null && (superModel.access & Opcodes.ACC_STATIC) === 0) {
      // An inner member class: its super(…) passes the local class's enclosing instance as the superclass's (JLS §8.8.7.1).
      if (superModel.innerClasses.find((entry) => entry.name === superType.internalName)?.outerName == null) {
        throw new CompileError(`a local class extending the local or anonymous class ${superType} of another method is not supported in snippets`, node.superclass!.position);
      }
      if (outerInstance === null || !this.members.isKnownSubtype(outerInstance, superModel.enclosingClass)) {
        throw new CompileError(`no enclosing instance of type ${JavaType.classType(superModel.enclosingClass)} is in scope (the superclass ${superType} is an inner class)`, node.superclass!.position);
      }
    }
    const interfaces = node.interfaces.map((type) => {
      const resolved = this.classTypeOf(type);
      if (!this.ctx.env.isInterface(resolved.internalName!)) throw new CompileError(`interface expected here: ${resolved}`, type.position);
      return resolved.internalName!;
    });
    const enclosing = this.ctx.currentClass;
    const { name, nestHost, outsideNest } = sink.name(enclosing, node.name);
    // Its name is in scope in its own declaration (JLS §6.3): `implements Comparable<Box>`, its members.
    this.ctx = { ...this.ctx, localTypes: new Map([...(this.ctx.localTypes ?? []), [node.name, name]]) };
    const access = isRecord
      ? Opcodes.ACC_FINAL
      : isInterface
        ? Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT
        : isEnum
          ? Opcodes.ACC_ENUM | enumClassAccess(node)
          : memberAccess(node.modifiers) & (Opcodes.ACC_FINAL | Opcodes.ACC_ABSTRACT);
    // The class is known while its header and members are declared: `class Node<T extends Node<T>>`, `implements
    // Comparable<Pair<A, B>>`, `Pair<A, C> with(C c)` name it with type arguments, which needs its type parameters (a
    // first Signature declaring them; the full one once the header is resolved).
    const cls = snippetClassNode({
      name,
      version: this.ctx.classVersion,
      superName: superType.internalName!,
      interfaces,
      signature: node.typeParameters.length === 0 ? null : `<${node.typeParameters.map((parameter) => `${parameter.name}:Ljava/lang/Object;`).join('')}>Ljava/lang/Object;`,
      enclosingClass: enclosing,
      enclosingMethod: this.enclosingMethodHere(),
      outerInstance,
      nestHost,
      simpleName: node.name,
      access,
    });
    if (form !== 'class') cls.innerClasses[0]!.access |= Opcodes.ACC_STATIC;
    // JVMS §4.1: an interface has no ACC_SUPER (HotSpot refuses the class).
    if (isInterface) cls.access &= ~Opcodes.ACC_SUPER;
    const outerEnv = this.ctx.env;
    const outerMembers = this.members;
    this.ctx = { ...this.ctx, env: outerEnv.withClass(cls) };
    this.members = GenericMembers.of(this.ctx.env);
    // Its type parameters (JLS §8.1.2) are in scope in its declaration and instance members, after the enclosing code's.
    const outerTypeVariables = this.ctx.typeVariables;
    const typeParameters = declareTypeParameters(node.typeParameters, outerTypeVariables ?? new Map(), (scope) => this.boundResolver(scope), (internalName) => this.ctx.env.isInterface(internalName));
    this.ctx = { ...this.ctx, typeVariables: typeParameters.scope };
    // An enum's superclass is Enum<E> (JLS §8.9).
    const generics = [node.superclass, ...node.interfaces].map((type) => (type === null ? null : this.genericTypeOf(type)));
    if (isEnum) generics[0] = { kind: 'class', name: 'java/lang/Enum', args: [{ kind: 'class', name, args: [] }] };
    cls.signature = typeParameters.signature !== '' || generics.some((generic) => generic !== null && isGeneric(generic))
      ? typeParameters.signature + [superType, ...interfaces.map((i) => JavaType.classType(i))].map((type, i) => (generics[i] != null ? signatureOf(generics[i]!) : type.descriptor())).join('')
      : null;
    const components = (node.components ?? []).map((component) => {
      const generic = this.genericTypeOf(component.type);
      return { name: component.name, type: this.typeOf(component.type), signature: generic !== null && isGeneric(generic) ? signatureOf(generic) : null };
    });
    const body = isRecord
      ? this.recordBody(node, components)
      : isInterface || node.body.some((member) => member.kind === 'ConstructorDeclaration')
        ? node.body
        : [...node.body, defaultConstructor(node.name, position)];
    const enumConstants = node.enumConstants ?? [];
    if (isEnum) addEnumMembers(cls, enumConstants.map((constant) => constant.name));
    const constantBodies = isEnum && enumConstants.some((constant) => constant.body !== null);
    const declared = this.declareClassBodyMembers(cls, body, node.name, (access & Opcodes.ACC_ABSTRACT) !== 0 || constantBodies, form);
    // Its bridges (JLS §15.12.4.5) before anything sees the class: a subclass, an enum constant's class or an
    // implementing class inherits them as the implementations of the supertype's erasures (`get()Object` of a
    // Supplier<String>), and is checked against them.
    addBridges(this.ctx.env, this.members, cls, instanceMethodsOf(declared));
    if (constantBodies) {
      // The constants' classes call the constructors: package access, not private (javac before 11 wrote a
      // synthetic access constructor instead, after it the classes are nestmates — which a snippet's may not be).
      for (const method of cls.methods) if (method.name === '<init>') method.access &= ~Opcodes.ACC_PRIVATE;
      // JLS §8.1.1.1, §8.9: abstract when it declares or inherits an abstract method it does not implement (its
      // constants' classes then must).
      if (cls.methods.some((method) => (method.access & Opcodes.ACC_ABSTRACT) !== 0) || unimplementedAbstractMethod(this.ctx.env, cls) !== null) {
        cls.access |= Opcodes.ACC_ABSTRACT;
        cls.innerClasses[0]!.access |= Opcodes.ACC_ABSTRACT;
      }
    }
    if (isRecord) addRecordMembers(cls, components);
    if (isInterface && version < Opcodes.V1_8 && declared.some((member) => member.kind === 'method')) {
      throw new CompileError(`a local interface with default, static or private methods needs class file version 52 (Java 8) or later; this class is version ${version}`, position);
    }
    this.ctx = { ...this.ctx, env: outerEnv };
    this.members = outerMembers;
    // What the code and the class's own members see: the class with its constructors as declared.
    const view = Object.assign(new ClassNode(), cls, { methods: [...cls.methods] });
    const env = this.ctx.env.withClass(view);
    const info: LocalClassInfo = { outerInstance, captures: null, ...(isEnum ? { isEnum: true } : {}) };
    this.ctx = { ...this.ctx, env, localClasses: new Map([...(this.ctx.localClasses ?? []), [name, info]]) };
    this.members = GenericMembers.of(env);
    const memberContext: CompileContext = { ...this.classBodyContext(cls, env, outsideNest, 'local'), isInterface };
    const staticContext: CompileContext = { ...memberContext, isStatic: true, typeVariables: new Map(), capture: this.staticScope(env, name, form === 'class' ? '' : ` (a local ${form} captures nothing)`) };
    const members = this.foldConstantFields(view, declared, staticContext);
    const initializers = members.filter((member) => (member.kind === 'field' || member.kind === 'initializer') && !isStaticMember(member));
    const staticInitializers = members.filter((member) => member.kind !== 'method' && isStaticMember(member));
    const captured = new Map<string, LocalVariable>();
    const { discoveryOf, settled } = form !== 'class' ? this.recordScopes(env, name, form) : this.classBodyScopes(env, name, captured);
    const dryRun: LambdaMethodSink = { add: () => 'lambda$local', assertionsDisabledField: () => ASSERTIONS_DISABLED, discards: true };
    let uses: Set<string>[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const before = captured.size;
      // A memo of its own per pass: what a lambda in the body captures changes once the creations of the
      // class inside it pass the captured values (the memo's keys do not tell the passes apart).
      const memo = new CompileMemo();
      uses = members.map((member) => {
        const used = new Set<string>();
        if (isStaticMember(member)) {
          if (member.kind === 'method') this.compileClassBodyMember(member, cls, { ...staticContext, memo, lambdaMethods: dryRun, snippetClasses: sink }, new Map());
          return used;
        }
        const context = { ...memberContext, memo, capture: discoveryOf(used), lambdaMethods: dryRun, snippetClasses: sink };
        if (member.kind === 'constructor') this.compileLocalConstructor(member, cls, info, context, initializers);
        else this.compileClassBodyMember(member, cls, context, new Map());
        return used;
      });
      this.compileStaticInitializer(cls, { ...staticContext, memo, lambdaMethods: dryRun, snippetClasses: sink }, staticInitializers, isEnum ? enumConstants : null, node.name);
      // The creations inside the body pass the captured values: known from the second pass on.
      const settledCaptures = info.captures !== null && captured.size === before;
      info.captures = [...captured.entries()];
      if (settledCaptures) break;
    }
    for (const [variableName, variable] of info.captures!) {
      cls.fields.push(new FieldNode(Opcodes.ASM9, Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, capturedValueField(variableName), variable.type.descriptor(), null, null));
    }
    if (this.ctx.lambdaMethods.discards !== true) {
      const nested = nestedClassSink(sink, cls);
      members.forEach((member, i) => {
        if (member.kind === 'field' || member.kind === 'initializer') return;
        if (isStaticMember(member)) {
          this.compileClassBodyMember(member, cls, { ...staticContext, memo: new CompileMemo(), snippetClasses: nested, lambdaMethods: classBodyLambdaSink(cls, member.method.name) }, new Map());
          return;
        }
        const context: CompileContext = { ...memberContext, memo: new CompileMemo(), capture: settled, snippetClasses: nested, lambdaMethods: classBodyLambdaSink(cls, member.kind === 'method' ? member.method.name : '<init>') };
        // A constructor takes every captured value as a parameter; a method copies those it uses.
        if (member.kind === 'constructor') this.compileLocalConstructor(member, cls, info, context, initializers);
        else this.compileClassBodyMember(member, cls, context, new Map(info.captures!.filter(([variableName]) => uses[i]!.has(variableName))));
      });
      this.compileStaticInitializer(cls, { ...staticContext, memo: new CompileMemo(), snippetClasses: nested, lambdaMethods: classBodyLambdaSink(cls, 'static') }, staticInitializers, isEnum ? enumConstants : null, node.name);
    }
    // The captured variables must be effectively final (JLS §8.1.3), whether or not the class is ever created.
    for (const [variableName, variable] of info.captures!) {
      if (this.lookupLocal(variableName) === variable && !this.capturedVariables.has(variable)) this.capturedVariables.set(variable, { name: variableName, position, capturer: 'an inner class' });
    }
    if ((cls.access & Opcodes.ACC_ABSTRACT) === 0) checkImplementsAbstractMethods(env, cls, node.name, position);
    if (this.ctx.lambdaMethods.discards !== true) sink.add(cls);
    // The class's type parameters end with it; its name stays in scope.
    this.ctx = withContext(this.ctx, 'typeVariables', outerTypeVariables);
  }

  /** Resolves a type parameter's bound (see declareTypeParameters) with the type variables `scope`. */
  private boundResolver(scope: TypeVariableScope): (bound: Ast.ClassTypeNode) => GenericType {
    return (bound) => this.withTypeScope(scope, () => this.genericTypeOf(bound) ?? genericOf(this.classTypeOf(bound)));
  }

  /** Runs `body` with the type variables `scope` in scope instead of this code's. */
  private withTypeScope<T>(scope: TypeVariableScope, body: () => T): T {
    const saved = this.ctx;
    this.ctx = { ...saved, typeVariables: scope };
    try {
      return body();
    } finally {
      this.ctx = saved;
    }
  }

  /**
   * Pushes what a local class's constructor takes after its declared parameters (see localClass): the
   * enclosing instance, then the captured values, each as this code sees it (a constructor of the class
   * itself has them as parameters; its methods, through this$0 and their copies). Returns the
   * constructor's descriptor with them.
   */
  private localClassExtras(info: LocalClassInfo, declared: string, position: SourcePosition): string {
    // In the first pass over the class's own body its captures are not known yet (that code is dropped).
    if (info.captures === null) return declared;
    if (info.outerInstance !== null) {
      const own = this.lookupLocal(OUTER_INSTANCE_FIELD);
      if (own !== undefined) this.e.load(own.type, own.slot);
      else this.loadEnclosingInstance(info.outerInstance, position);
    }
    for (const [variableName] of info.captures) {
      // In the class's own constructor the value is its parameter `val$x` (see compileLocalConstructor).
      const value = this.lookupLocal(capturedValueField(variableName)) ?? this.variable(variableName);
      if (value === undefined) throw new CompileError(`internal error: the captured ${variableName} is not in scope here`, position);
      this.e.load(value.type, value.slot);
      if (!this.capturedVariables.has(value) && this.lookupLocal(variableName) === value) this.capturedVariables.set(value, { name: variableName, position, capturer: 'an inner class' });
    }
    return localClassDescriptor(info, declared);
  }

  /**
   * Compiles a local class's constructor (see localClass): its descriptor gets the enclosing instance and
   * every captured value after the declared parameters; the code stores them into this$0 and the `val$`
   * fields first (before super(…), as javac does), then runs the explicit or implicit super(…)/this(…)
   * call, then — after a super(…) call — the field and instance initializers, then the body. In the
   * first pass (a throwaway sink) it compiles into a scratch method, without the extra parameters.
   */
  private compileLocalConstructor(
    member: Extract<ClassBodyMember, { kind: 'constructor' }>,
    cls: ClassNode,
    info: LocalClassInfo,
    ctx: CompileContext,
    initializers: readonly ClassBodyMember[],
  ): void {
    const real = ctx.lambdaMethods.discards !== true;
    const captures = real ? info.captures! : [];
    const extras = [...(real && info.outerInstance !== null ? [JavaType.classType(info.outerInstance)] : []), ...captures.map(([, variable]) => variable.type)];
    const isEnum = info.isEnum === true;
    const declared = JavaType.methodDescriptor(member.parameterTypes, JavaType.VOID);
    const descriptor = isEnum ? enumConstructorDescriptor(declared) : JavaType.methodDescriptor([...member.parameterTypes, ...extras], JavaType.VOID);
    // Its Signature covers the declared parameters only, as javac's (reflection matches it to the trailing ones).
    const target = real ? new MethodNode(Opcodes.ASM9, member.method.access, '<init>', descriptor, member.method.signature, member.method.exceptions === null ? null : [...member.method.exceptions]) : new MethodNode(Opcodes.ASM9);
    // The captured values are parameters here, declared as `val$x` so that a declared parameter of the same
    // name still hides the enclosing variable (JLS §6.4.1); `x` reaches `val$x` through the capture scope.
    let generator: CodeGenerator | undefined;
    const capture: CaptureScope | undefined =
      real && ctx.capture !== undefined
        ? { ...ctx.capture, lookup: (variableName) => generator!.lookupLocal(capturedValueField(variableName)) ?? ctx.capture!.lookup(variableName) }
        : ctx.capture;
    generator = new CodeGenerator({ ...ctx, capture, typeVariables: member.typeScope, returnType: JavaType.VOID, returnGeneric: null, methodName: '<init>', methodDescriptor: descriptor, firstFreeSlot: 1 }, target);
    // An enum constructor takes its constant's name and ordinal first (slots 1 and 2), for Enum(String, int).
    const enumName = isEnum ? generator.declare(ENUM_NAME_LOCAL, JavaType.STRING) : null;
    const enumOrdinal = isEnum ? generator.declare(ENUM_ORDINAL_LOCAL, JavaType.INT) : null;
    member.node.parameters.forEach((parameter, i) => generator.declare(parameter.name, member.parameterTypes[i]!, undefined, member.parameterGenerics[i]));
    const self = JavaType.classType(cls.name);
    if (real) {
      // The extra parameters, under their names (this$0 for the enclosing instance), stored first.
      if (info.outerInstance !== null) {
        const outer = generator.declare(OUTER_INSTANCE_FIELD, JavaType.classType(info.outerInstance));
        generator.e.load(self, 0);
        generator.e.load(outer.type, outer.slot);
        generator.e.field(Opcodes.PUTFIELD, cls.name, OUTER_INSTANCE_FIELD, outer.type.descriptor());
      }
      for (const [variableName, variable] of captures) {
        const local = generator.declare(capturedValueField(variableName), variable.type, undefined, variable.generic);
        generator.e.load(self, 0);
        generator.e.load(local.type, local.slot);
        generator.e.field(Opcodes.PUTFIELD, cls.name, capturedValueField(variableName), variable.type.descriptor());
      }
    }
    const bodySlots = generator.nextSlot;
    const statements = member.node.body.statements;
    const first = statements[0];
    const explicit = first !== undefined && first.kind === 'ExplicitConstructorInvocation' ? first : null;
    if (isEnum && (explicit === null || explicit.isSuper)) {
      // JLS §8.9.2: an enum constructor calls no super(…) of its own; Enum(name, ordinal) is called for it.
      if (explicit !== null) throw new CompileError('call to super not allowed in enum constructor', explicit.position);
      generator.e.load(self, 0);
      generator.e.load(JavaType.STRING, enumName!.slot);
      generator.e.load(JavaType.INT, enumOrdinal!.slot);
      generator.e.invoke(Opcodes.INVOKESPECIAL, 'java/lang/Enum', '<init>', '(Ljava/lang/String;I)V', false);
    } else {
      generator.constructorInvocation(explicit ?? { kind: 'ExplicitConstructorInvocation', isSuper: true, qualifier: null, typeArguments: null, arguments: [], position: member.node.position });
    }
    if (explicit === null || explicit.isSuper) {
      // JLS §12.5: the initializers run after the superclass constructor, in their order; a class made there is
      // enclosed by no method (JVMS §4.7.7), as javac writes it.
      const constructorContext = generator.ctx;
      generator.ctx = withContext(constructorContext, 'methodDescriptor', undefined);
      for (const initializer of initializers) {
        generator.inScope(() => {
          if (initializer.kind === 'field') {
            generator.e.load(self, 0);
            generator.variableInitializer(initializer.initializer, initializer.type, initializer.generic);
            generator.e.field(Opcodes.PUTFIELD, cls.name, initializer.field.name, initializer.field.desc);
          } else if (initializer.kind === 'initializer') {
            generator.statement(initializer.node.body);
          }
        });
      }
      generator.ctx = constructorContext;
    }
    generator.statement({ ...member.node.body, statements: explicit === null ? statements : statements.slice(1) });
    if (member.node.compact === true && generator.reachable) {
      // A compact canonical constructor assigns the fields from its parameters after its body (JLS §8.10.4.2).
      for (const parameter of member.node.parameters) {
        const local = generator.lookupLocal(parameter.name)!;
        generator.e.load(self, 0);
        generator.e.load(local.type, local.slot);
        generator.e.field(Opcodes.PUTFIELD, cls.name, parameter.name, local.type.descriptor());
      }
    }
    if (real) generator.finishCode(bodySlots);
    generator.removeEmptyHandlers();
    if (generator.reachable) generator.e.returnValue(JavaType.VOID);
    if (real) {
      // The class gets the constructor with its full descriptor; the model keeps the declared one.
      cls.methods[cls.methods.indexOf(member.method)] = target;
    }
  }

  /** The EnclosingMethod of a class declared in this code (JVMS §4.7.7): none (method_index 0) in a static initializer. */
  private enclosingMethodHere(): { name: string; descriptor: string } | null {
    const name = this.ctx.methodName;
    const descriptor = this.ctx.methodDescriptor;
    return name !== undefined && name !== '<clinit>' && descriptor !== undefined ? { name, descriptor } : null;
  }

  /**
   * What the members of `cls`, an anonymous or local class declared in this code, compile in: its own
   * instance code over `env` (which knows it); outside the enclosing class's nest (`outsideNest`: why),
   * other classes' private members are refused with the reason.
   */
  private classBodyContext(cls: ClassNode, env: TypeEnvironment, outsideNest: string | undefined, kind: 'anonymous' | 'local'): CompileContext {
    return {
      ...this.ctx,
      env,
      currentClass: cls.name,
      superName: cls.superName,
      isStatic: false,
      isInterface: false,
      variables: {},
      trialBodyTypes: this.trialBodyTypes,
      snippetClassBody: true,
      beforeSuperCall: this.ctx.thisUninitialized === true || this.ctx.beforeSuperCall === true,
      privateAccessRefusal: outsideNest === undefined ? undefined : `the ${kind} class ${outsideNest}`,
      runsIn: undefined,
      thisUninitialized: false,
    };
  }

  /**
   * A local record's body (JLS §8.10): no instance fields or initializers; a compact constructor gets the
   * components as its parameters; without a canonical constructor, an empty compact one (which assigns
   * the fields, see compileLocalConstructor).
   */
  private recordBody(node: Ast.LocalClassDeclarationNode, components: readonly { readonly type: JavaType }[]): Ast.ClassBodyMemberNode[] {
    const parameters = node.components!;
    const body = node.body.map((member): Ast.ClassBodyMemberNode => {
      if (member.kind === 'FieldDeclaration' && !member.modifiers.keywords.includes('static')) throw new CompileError(`field declaration must be static (records cannot declare instance fields)`, member.position);
      if (member.kind === 'Initializer' && member.isStatic !== true) throw new CompileError('instance initializers not allowed in records', member.position);
      return member.kind === 'ConstructorDeclaration' && member.compact === true ? { ...member, parameters } : member;
    });
    const isCanonical = (member: Ast.ClassBodyMemberNode) =>
      member.kind === 'ConstructorDeclaration' && member.parameters.length === components.length && member.parameters.every((parameter, i) => this.typeOf(parameter.type) === components[i]!.type);
    if (body.some(isCanonical)) return body;
    return [...body, { ...defaultConstructor(node.name, node.position), compact: true, parameters }];
  }

  /**
   * The capture scopes of a local record's members (JLS §8.10: a record is implicitly static): the
   * static scope of its body (see staticScope), in both passes.
   */
  private recordScopes(env: TypeEnvironment, recordName: string, form: 'record' | 'interface' | 'enum'): { discoveryOf: (uses: Set<string>) => CaptureScope; settled: CaptureScope } {
    const scope = this.staticScope(env, recordName, ` (a local ${form} captures nothing)`);
    return { discoveryOf: () => scope, settled: scope };
  }

  /**
   * The capture scope of code in a static context of the class `className` declared in this code (a
   * local record's members, a static member of an anonymous or local class: JLS §8.1.3): a variable of
   * the enclosing code is refused as javac refuses it (`why` says more); constant variables are inlined.
   */
  private staticScope(env: TypeEnvironment, className: string, why = ''): CaptureScope {
    const isField = (variableName: string) => findField(env, className, variableName, { currentClass: className }) !== null;
    return {
      capturer: 'an inner class',
      usesThis: false,
      constant: (variableName) => (isField(variableName) ? null : this.enclosingConstant(variableName)),
      isVariableName: (variableName) => this.isVariableName(variableName),
      visible: (into) => this.visibleVariables(into),
      lookup: (variableName) => {
        if (isField(variableName) || this.variable(variableName) === undefined) return undefined;
        throw new CompileError(`non-static variable ${variableName} cannot be referenced from a static context${why}`);
      },
    };
  }

  /**
   * The capture scopes of the members of the class `className` declared in this code (see
   * anonymousObject): the first pass's, which records the class's captured variables into `captured`
   * and each member's into `uses`, and the second pass's, where they are the member's own locals. A
   * field of the class, declared or inherited, hides a variable of the enclosing code (JLS §6.4.1).
   */
  private classBodyScopes(env: TypeEnvironment, className: string, captured: Map<string, LocalVariable>): { discoveryOf: (uses: Set<string>) => CaptureScope; settled: CaptureScope } {
    const isField = (variableName: string) => findField(env, className, variableName, { currentClass: className }) !== null;
    const common = {
      capturer: 'an inner class',
      usesThis: false,
      constant: (variableName: string) => (isField(variableName) ? null : this.enclosingConstant(variableName)),
      isVariableName: (variableName: string) => this.isVariableName(variableName),
      visible: (into: Map<string, string>) => this.visibleVariables(into),
    };
    const discoveryOf = (uses: Set<string>): CaptureScope => ({
      ...common,
      lookup: (variableName) => {
        if (isField(variableName)) return undefined;
        const outer = this.variable(variableName);
        if (outer !== undefined) {
          uses.add(variableName);
          if (!captured.has(variableName)) captured.set(variableName, outer);
        }
        return outer;
      },
    });
    const settled: CaptureScope = {
      ...common,
      lookup: (variableName) => {
        if (isField(variableName)) return undefined;
        if (this.variable(variableName) !== undefined) throw new CompileError(`internal error: ${variableName} was not captured by the first pass over the class body`);
        return undefined;
      },
    };
    return { discoveryOf, settled };
  }

  /**
   * Gives each static final field of `cls` of primitive or String type whose initializer is a constant
   * expression (JLS §15.29) its ConstantValue (JVMS §4.7.2), as javac does: it is a constant variable
   * (JLS §4.12.4), whose uses are its value and which no code initializes. Returns the members without
   * those initializers. `staticContext`: the class's static context (its earlier constants are known).
   */
  private foldConstantFields(cls: ClassNode, members: readonly ClassBodyMember[], staticContext: CompileContext): ClassBodyMember[] {
    const constantModifiers = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
    return members.filter((member) => {
      if (member.kind !== 'field' || (member.field.access & constantModifiers) !== constantModifiers) return true;
      if ((!member.type.isPrimitive() && member.type !== JavaType.STRING) || member.initializer.kind === 'ArrayInitializer') return true;
      const constant = new CodeGenerator(staticContext).constantValue(member.initializer);
      const value = constant === null ? null : fieldConstantValue(constant, member.type);
      if (value === null) return true;
      member.field.value = value;
      noteMemberChange(cls);
      return false;
    });
  }

  /**
   * `CONSTANT = new Enum("CONSTANT", ordinal, args…)` in a local enum's static initializer (JLS §8.9.1); a
   * constant with a class body is an instance of an anonymous subclass (`Enum$1`) created there.
   */
  private enumConstant(cls: ClassNode, simpleName: string, constant: Ast.EnumConstantNode, ordinal: number): void {
    const owner = cls.name;
    if (constant.body !== null) {
      const part = { name: simpleName, typeArguments: null, position: constant.position };
      const type: Ast.ClassTypeNode = { kind: 'ClassType', parts: [part], name: simpleName, position: constant.position };
      const creation: Ast.NewNode = { kind: 'New', outer: null, typeArguments: null, type, arguments: constant.arguments, body: constant.body, position: constant.position };
      this.anonymousObject(creation, constant.body, null, { name: constant.name, ordinal });
      this.e.field(Opcodes.PUTSTATIC, owner, constant.name, `L${owner};`);
      return;
    }
    if ((cls.access & Opcodes.ACC_ABSTRACT) !== 0) {
      throw new CompileError(`enum constant ${constant.name} must have a class body implementing the abstract methods of ${simpleName}`, constant.position);
    }
    this.e.typeInsn(Opcodes.NEW, owner);
    this.e.insn(Opcodes.DUP);
    this.e.pushString(constant.name);
    this.e.pushInt(ordinal);
    const args = this.compileArguments(constant.arguments);
    const constructor = findConstructor(this.ctx.env, owner, this.argumentTypes(args), this.access());
    this.appendArguments(args, constructor, constant.position);
    this.e.invoke(Opcodes.INVOKESPECIAL, owner, '<init>', enumConstructorDescriptor(constructor.descriptor), false);
    this.e.field(Opcodes.PUTSTATIC, owner, constant.name, `L${owner};`);
  }

  /**
   * The static initializer of `cls` (JLS §12.4.2), compiled last: the `$assertionsDisabled` flag when its
   * code has an assert, then its static field initializers and static initializers in order, as javac
   * orders them; no <clinit> when there is nothing to run. In the first pass, into a scratch method.
   */
  private compileStaticInitializer(cls: ClassNode, ctx: CompileContext, members: readonly ClassBodyMember[], enumConstants: readonly Ast.EnumConstantNode[] | null = null, simpleName = ''): void {
    const real = ctx.lambdaMethods.discards !== true;
    const target = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, '<clinit>', '()V', null, null);
    const generator = new CodeGenerator({ ...ctx, returnType: JavaType.VOID, returnGeneric: null, methodName: '<clinit>', methodDescriptor: '()V', firstFreeSlot: 0 }, target);
    // An enum's constants first (JLS §8.9.2), then its $VALUES, as javac orders them.
    if (enumConstants !== null) {
      enumConstants.forEach((constant, ordinal) => generator.enumConstant(cls, simpleName, constant, ordinal));
      generator.e.invoke(Opcodes.INVOKESTATIC, cls.name, '$values', `()[L${cls.name};`, false);
      generator.e.field(Opcodes.PUTSTATIC, cls.name, ENUM_VALUES_FIELD, `[L${cls.name};`);
    }
    for (const member of members) {
      generator.inScope(() => {
        if (member.kind === 'field') {
          generator.variableInitializer(member.initializer, member.type, member.generic);
          generator.e.field(Opcodes.PUTSTATIC, cls.name, member.field.name, member.field.desc);
        } else if (member.kind === 'initializer') {
          generator.statement(member.node.body);
          if (!generator.reachable) throw new CompileError('initializer must be able to complete normally', member.node.position);
        }
      });
    }
    if (real) generator.finishCode(generator.nextSlot);
    generator.removeEmptyHandlers();
    generator.e.returnValue(JavaType.VOID);
    const assertions = cls.fields.some((f) => f.name === ASSERTIONS_DISABLED);
    if (!real || (members.length === 0 && !assertions && enumConstants === null)) return;
    if (assertions) target.instructions.insert(assertionsDisabledInitializer(cls.name, ctx.env.topLevelClass(cls.name)));
    cls.methods.push(target);
  }

  /**
   * Adds the fields and methods an anonymous class body declares to `anon` (their code comes later),
   * in source order, with javac's refusals; returns what has code to compile: each method, and the
   * field initializers and instance initializers (in order, for the constructor).
   */
  private declareClassBodyMembers(
    anon: ClassNode,
    body: readonly Ast.ClassBodyMemberNode[],
    description: string,
    isAbstract = false,
    form: 'class' | 'record' | 'interface' | 'enum' = 'class',
  ): ClassBodyMember[] {
    const members: ClassBodyMember[] = [];
    for (const member of body) {
      if (member.kind === 'Initializer') {
        if (form === 'interface') throw new CompileError('initializers not allowed in interfaces', member.position);
        members.push({ kind: 'initializer', node: member });
        continue;
      }
      const access = this.implicitMemberAccess(member, memberAccess(member.modifiers), form, isAbstract);
      // Static members (JLS §8.1.3: any since Java 16, JEP 395; constant variables before) run in the class's static context.
      const isStatic = (access & Opcodes.ACC_STATIC) !== 0;
      if (member.kind === 'ConstructorDeclaration') {
        if (isStatic) throw new CompileError(`modifier static not allowed here`, member.position);
        // A local class's (the parser refuses them in anonymous classes): declared with its own parameters
        // only, which `new L(…)` and `this(…)` resolve against; localClassExtras adds the rest.
        // A generic constructor's type parameters (JLS §8.8.4) are in scope in its declaration and body.
        const typeParameters = declareTypeParameters(member.typeParameters, this.ctx.typeVariables ?? new Map(), (scope) => this.boundResolver(scope), (internalName) => this.ctx.env.isInterface(internalName));
        const { parameterTypes, parameterGenerics } = this.withTypeScope(typeParameters.scope, () => ({
          parameterTypes: member.parameters.map((parameter) => this.typeOf(parameter.type)),
          parameterGenerics: member.parameters.map((parameter) => this.genericTypeOf(parameter.type)),
        }));
        const descriptor = JavaType.methodDescriptor(parameterTypes, JavaType.VOID);
        if (anon.methods.some((m) => m.name === '<init>' && m.desc === descriptor)) throw new CompileError(`constructor ${member.name} is already defined in ${description}`, member.position);
        const varargs = member.parameters.some((parameter) => parameter.varargs) ? Opcodes.ACC_VARARGS : 0;
        const exceptions = member.throws.map((type) => this.classTypeOf(type).internalName!);
        // A generic class's constructor taking its type variables (`Box(T t)`): a Signature, for `new Box<>(…)`'s inference.
        const signature = bodyMemberSignature(typeParameters.signature, parameterTypes, parameterGenerics, JavaType.VOID, null);
        const method = new MethodNode(Opcodes.ASM9, access | varargs, '<init>', descriptor, signature, exceptions);
        anon.methods.push(method);
        members.push({ kind: 'constructor', node: member, method, parameterTypes, parameterGenerics, typeScope: typeParameters.scope });
        continue;
      }
      if (member.kind === 'FieldDeclaration') {
        // A static field sees no type variable (JLS §8.1.3: a static context).
        const { baseType, baseGeneric } = this.withTypeScope(isStatic ? new Map() : (this.ctx.typeVariables ?? new Map()), () => ({
          baseType: this.typeOf(member.type),
          baseGeneric: this.genericTypeOf(member.type),
        }));
        for (const declarator of member.declarators) {
          if (anon.fields.some((f) => f.name === declarator.name)) throw new CompileError(`variable ${declarator.name} is already defined in ${description}`, declarator.position);
          const type = declarator.extraDimensions > 0 ? JavaType.arrayOf(baseType, declarator.extraDimensions) : baseType;
          let generic = baseGeneric;
          for (let i = 0; generic !== null && i < declarator.extraDimensions; i++) generic = { kind: 'array', component: generic };
          const field = new FieldNode(Opcodes.ASM9, access, declarator.name, type.descriptor(), generic !== null && isGeneric(generic) ? signatureOf(generic) : null, null);
          anon.fields.push(field);
          if (declarator.initializer !== null) members.push({ kind: 'field', field, type, generic, initializer: declarator.initializer });
        }
        continue;
      }
      if (isStatic && (access & Opcodes.ACC_ABSTRACT) !== 0) throw new CompileError('illegal combination of modifiers: abstract and static', member.position);
      const abstractMethod = member.body === null && (access & Opcodes.ACC_ABSTRACT) !== 0;
      if (member.body === null && !(abstractMethod && isAbstract)) {
        throw new CompileError(abstractMethod ? `${description} is not abstract: it cannot declare abstract methods` : 'missing method body, or declare abstract', member.position);
      }
      if (member.body !== null && (access & Opcodes.ACC_ABSTRACT) !== 0) throw new CompileError('abstract methods cannot have a body', member.position);
      // The type variables its declaration and body see (JLS §6.3): its own (a generic method, JLS §8.4.4) after the
      // class's and the enclosing code's — none of those in a static method (JLS §8.1.3).
      const typeParameters = declareTypeParameters(
        member.typeParameters,
        isStatic ? new Map() : (this.ctx.typeVariables ?? new Map()),
        (scope) => this.boundResolver(scope),
        (internalName) => this.ctx.env.isInterface(internalName),
      );
      const typeScope = typeParameters.scope;
      const { parameterTypes, parameterGenerics, returnType, returnGeneric } = this.withTypeScope(typeScope, () => ({
        parameterTypes: member.parameters.map((parameter) => this.typeOf(parameter.type)),
        parameterGenerics: member.parameters.map((parameter) => this.genericTypeOf(parameter.type)),
        returnType: this.typeOf(member.returnType),
        returnGeneric: member.returnType.kind === 'VoidType' ? null : this.genericTypeOf(member.returnType),
      }));
      const descriptor = JavaType.methodDescriptor(parameterTypes, returnType);
      if (anon.methods.some((m) => m.name === member.name && m.desc === descriptor)) throw new CompileError(`method ${member.name} is already defined in ${description}`, member.position);
      const signature = bodyMemberSignature(typeParameters.signature, parameterTypes, parameterGenerics, returnType, returnGeneric);
      const varargs = member.parameters.some((parameter) => parameter.varargs) ? Opcodes.ACC_VARARGS : 0;
      const exceptions = member.throws.map((type) => this.classTypeOf(type).internalName!);
      const method = new MethodNode(Opcodes.ASM9, access | varargs, member.name, descriptor, signature, exceptions);
      anon.methods.push(method);
      if (!abstractMethod) members.push({ kind: 'method', node: member, method, parameterTypes, parameterGenerics, returnType, returnGeneric, typeScope });
    }
    return members;
  }

  /**
   * A member's access flags with what its class's form implies (JLS §9.3, §9.4: an interface's fields are
   * public static final, its methods public, abstract without a body; §8.9.2: an enum's constructors are
   * private), with javac's refusals.
   */
  private implicitMemberAccess(member: Exclude<Ast.ClassBodyMemberNode, Ast.InitializerNode>, declared: number, form: 'class' | 'record' | 'interface' | 'enum', isAbstract: boolean): number {
    let access = declared;
    if (form === 'interface') {
      if (member.kind === 'ConstructorDeclaration') throw new CompileError('an interface cannot declare constructors', member.position);
      if (member.kind === 'FieldDeclaration') {
        if (member.declarators.some((declarator) => declarator.initializer === null)) throw new CompileError('= expected (an interface field is a constant)', member.position);
        return access | Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
      }
      if ((access & Opcodes.ACC_PRIVATE) === 0) access |= Opcodes.ACC_PUBLIC;
      const plain = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) === 0;
      if (member.body === null && plain) access |= Opcodes.ACC_ABSTRACT;
      if (member.body !== null && plain && !member.modifiers.keywords.includes('default')) throw new CompileError('interface abstract methods cannot have body', member.position);
      return access;
    }
    if (member.kind === 'MethodDeclaration' && member.modifiers.keywords.includes('default')) throw new CompileError('modifier default not allowed here', member.position);
    if (form === 'enum' && member.kind === 'ConstructorDeclaration') {
      if ((access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) !== 0) throw new CompileError(`modifier ${(access & Opcodes.ACC_PUBLIC) !== 0 ? 'public' : 'protected'} not allowed here (an enum constructor is private)`, member.position);
      return access | Opcodes.ACC_PRIVATE;
    }
    if (form === 'enum' && member.kind === 'MethodDeclaration' && (access & Opcodes.ACC_ABSTRACT) !== 0 && !isAbstract) {
      throw new CompileError('an enum declares abstract methods only when its constants have class bodies (JLS §8.9.2)', member.position);
    }
    return access;
  }

  /**
   * Compiles one member of an anonymous class: a method into its MethodNode, a field initializer or an
   * instance initializer into the constructor (when `constructor` is given; else into a scratch
   * method). `captured`: the captured values it uses, copied into locals of their names first (in the
   * constructor, the constructor's parameters are those locals).
   */
  private compileClassBodyMember(
    member: ClassBodyMember,
    anon: ClassNode,
    ctx: CompileContext,
    captured: ReadonlyMap<string, LocalVariable>,
    constructor?: { readonly constructor: { readonly method: MethodNode; readonly firstFreeSlot: number }; readonly slots: ReadonlyMap<string, number> },
  ): void {
    if (member.kind === 'method') {
      const target = ctx.lambdaMethods.discards === true ? new MethodNode(Opcodes.ASM9) : member.method;
      // The parameters from slot 1 (after this; from 0 in a static method), then the copies of the captured values.
      const firstFreeSlot = ctx.isStatic ? 0 : 1;
      const generator = new CodeGenerator({ ...ctx, typeVariables: member.typeScope, returnType: member.returnType, returnGeneric: member.returnGeneric, methodName: member.method.name, methodDescriptor: member.method.desc, firstFreeSlot }, target);
      member.node.parameters.forEach((parameter, i) => generator.declare(parameter.name, member.parameterTypes[i]!, undefined, member.parameterGenerics[i]));
      for (const [variableName, variable] of captured) {
        const local = generator.declare(variableName, variable.type, undefined, variable.generic);
        generator.e.load(JavaType.classType(anon.name), 0);
        generator.e.field(Opcodes.GETFIELD, anon.name, capturedValueField(variableName), variable.type.descriptor());
        generator.e.store(variable.type, local.slot);
      }
      const bodySlots = generator.nextSlot;
      generator.statement(member.node.body!);
      // The first pass reads the enclosing code's variables at their slots there: only the second is checked.
      if (ctx.lambdaMethods.discards !== true) generator.finishCode(bodySlots);
      generator.removeEmptyHandlers();
      if (!generator.reachable) return;
      if (!member.returnType.isVoid()) throw new CompileError('missing return statement', member.node.body!.position);
      generator.e.returnValue(JavaType.VOID);
      return;
    }
    const target = constructor?.constructor.method ?? new MethodNode(Opcodes.ASM9);
    const firstFreeSlot = constructor?.constructor.firstFreeSlot ?? 1;
    // A class made in initializer code is enclosed by no method (JVMS §4.7.7: method_index 0), as javac writes it.
    const generator = new CodeGenerator({ ...withContext(ctx, 'methodDescriptor', undefined), returnType: JavaType.VOID, returnGeneric: null, methodName: '<init>', firstFreeSlot }, target);
    for (const [variableName, variable] of captured) generator.declare(variableName, variable.type, constructor?.slots.get(variableName), variable.generic);
    if (member.kind === 'field') {
      generator.e.load(JavaType.classType(anon.name), 0);
      generator.variableInitializer(member.initializer, member.type, member.generic);
      generator.e.field(Opcodes.PUTFIELD, anon.name, member.field.name, member.field.desc);
    } else {
      generator.statement(member.node.body);
      if (!generator.reachable) throw new CompileError('initializer must be able to complete normally', member.node.position);
    }
    if (ctx.lambdaMethods.discards !== true) generator.finishCode(generator.nextSlot);
    generator.removeEmptyHandlers();
  }

  private newArray(node: Ast.NewArrayNode): JavaType {
    const element = this.typeOf(node.elementType);
    const dimensions = node.dimensions.length + node.extraDimensions;
    const arrayType = JavaType.arrayOf(element, dimensions);
    if (node.initializer !== null) {
      this.arrayInitializer(node.initializer, arrayType);
      return arrayType;
    }
    for (const dimension of node.dimensions) this.expressionAs(dimension, JavaType.INT);
    if (node.dimensions.length === 1) {
      this.newArrayOf(arrayType.componentType!, node.position);
    } else {
      this.target.visitMultiANewArrayInsn(arrayType.descriptor(), node.dimensions.length);
    }
    return arrayType;
  }

  /** newarray/anewarray of `element` with the length on the stack. */
  private newArrayOf(element: JavaType, position: SourcePosition): void {
    if (element.isPrimitive()) {
      this.target.visitIntInsn(Opcodes.NEWARRAY, NEWARRAY_TYPES[element.primitiveName!]!);
    } else if (element.isReference()) {
      this.e.typeInsn(Opcodes.ANEWARRAY, element.isArray() ? element.descriptor() : element.internalName!);
    } else {
      throw new CompileError(`illegal array element type ${element}`, position);
    }
  }

  private arrayInitializer(node: Ast.ArrayInitializerNode, arrayType: JavaType): void {
    const component = arrayType.componentType!;
    this.e.pushInt(node.elements.length);
    this.newArrayOf(component, node.position);
    node.elements.forEach((element, i) => {
      this.e.insn(Opcodes.DUP);
      this.e.pushInt(i);
      this.variableInitializer(element, component);
      this.e.insn(component.toAsmType().getOpcode(Opcodes.IASTORE));
    });
  }

  // ### Operators

  private unary(node: Ast.UnaryNode): JavaType {
    switch (node.op) {
      case '++':
      case '--':
        return this.increment(node, true);
      case '!': {
        const type = this.expression(node.operand);
        this.toBoolean(type, node.operand.position);
        this.e.pushInt(1);
        this.e.insn(Opcodes.IXOR);
        return JavaType.BOOLEAN;
      }
      default: {
        const operandType = this.expression(node.operand);
        const primitive = operandType.primitiveOrUnboxed();
        const promoted = primitive === null ? null : unaryNumericPromotion(primitive);
        if (promoted === null || (node.op === '~' && !(promoted === JavaType.INT || promoted === JavaType.LONG))) {
          throw new CompileError(`bad operand type ${operandType} for unary operator '${node.op}'`, node.position);
        }
        this.convert(operandType, promoted, node.operand.position, 'numeric');
        if (node.op === '-') {
          this.e.insn(promoted.toAsmType().getOpcode(Opcodes.INEG));
        } else if (node.op === '~') {
          if (promoted === JavaType.LONG) {
            this.e.pushLong(-1n);
            this.e.insn(Opcodes.LXOR);
          } else {
            this.e.pushInt(-1);
            this.e.insn(Opcodes.IXOR);
          }
        }
        return promoted;
      }
    }
  }

  private binary(node: Ast.BinaryNode): JavaType {
    const op = node.op;
    if (op === '&&' || op === '||' || ['==', '!=', '<', '>', '<=', '>='].includes(op)) return this.booleanValue(node);
    if (op === '+') {
      const left = this.buffered(() => this.expression(node.left));
      const right = this.buffered(() => this.expression(node.right));
      if (left.value === STRING || right.value === STRING) return this.concatenation(node, left, right);
      this.append(left.code);
      return this.arithmeticAfterLeft(op, left.value, right, node);
    }
    const left = this.buffered(() => this.expression(node.left));
    const right = this.buffered(() => this.expression(node.right));
    this.append(left.code);
    return this.arithmeticAfterLeft(op, left.value, right, node);
  }

  /** `left op right` with left's code already appended (also used by compound assignment). */
  private arithmeticAfterLeft(op: string, leftType: JavaType, right: { code: InsnList; value: JavaType }, node: { position: SourcePosition; right?: Ast.ExpressionNode }): JavaType {
    const lp = leftType.primitiveOrUnboxed();
    const rp = right.value.primitiveOrUnboxed();
    const rightPosition = node.right?.position ?? node.position;
    if (lp === null || rp === null) throw new CompileError(`bad operand types for binary operator '${op}': ${leftType} and ${right.value}`, node.position);
    if (op === '<<' || op === '>>' || op === '>>>') {
      const leftPromoted = unaryNumericPromotion(lp);
      const rightPromoted = unaryNumericPromotion(rp);
      if (leftPromoted === null || rightPromoted === null || !leftPromoted.isIntegral() || !rightPromoted.isIntegral()) {
        throw new CompileError(`bad operand types for binary operator '${op}': ${leftType} and ${right.value}`, node.position);
      }
      this.convert(leftType, leftPromoted, node.position, 'numeric');
      this.append(right.code);
      this.convert(right.value, JavaType.INT, rightPosition, 'cast');
      this.e.insn(leftPromoted.toAsmType().getOpcode(op === '<<' ? Opcodes.ISHL : op === '>>' ? Opcodes.ISHR : Opcodes.IUSHR));
      return leftPromoted;
    }
    if ((op === '&' || op === '|' || op === '^') && lp === JavaType.BOOLEAN && rp === JavaType.BOOLEAN) {
      this.convert(leftType, JavaType.BOOLEAN, node.position, 'numeric');
      this.append(right.code);
      this.convert(right.value, JavaType.BOOLEAN, rightPosition, 'numeric');
      this.e.insn(op === '&' ? Opcodes.IAND : op === '|' ? Opcodes.IOR : Opcodes.IXOR);
      return JavaType.BOOLEAN;
    }
    const promoted = lp.isNumeric() && rp.isNumeric() ? binaryNumericPromotion(lp, rp) : null;
    if (promoted === null || ((op === '&' || op === '|' || op === '^') && !promoted.isIntegral())) {
      throw new CompileError(`bad operand types for binary operator '${op}': ${leftType} and ${right.value}`, node.position);
    }
    this.convert(leftType, promoted, node.position, 'numeric');
    this.append(right.code);
    this.convert(right.value, promoted, rightPosition, 'numeric');
    this.e.insn(promoted.toAsmType().getOpcode(ARITHMETIC[op]!));
    return promoted;
  }

  /** A boolean-valued operator (comparison, && ||) as a value: jumps producing 1 or 0. */
  private booleanValue(node: Ast.ExpressionNode): JavaType {
    const whenFalse = this.e.newLabel();
    const end = this.e.newLabel();
    this.condition(node, whenFalse);
    this.e.pushInt(1);
    this.e.jump(Opcodes.GOTO, end);
    this.e.label(whenFalse);
    this.e.pushInt(0);
    this.e.label(end);
    return JavaType.BOOLEAN;
  }

  /** String concatenation (JLS §15.18.1) with a StringBuilder, flattening `a + b + c`. */
  private concatenation(node: Ast.BinaryNode, left: { code: InsnList; value: JavaType }, right: { code: InsnList; value: JavaType }): JavaType {
    this.e.typeInsn(Opcodes.NEW, STRING_BUILDER);
    this.e.insn(Opcodes.DUP);
    this.e.invoke(Opcodes.INVOKESPECIAL, STRING_BUILDER, '<init>', '()V', false);
    // A left operand that is itself a string concatenation appends into the same builder.
    const appendOperand = (operand: { code: InsnList; value: JavaType }, position: SourcePosition): void => {
      if (operand.value.isVoid()) throw new CompileError("'void' type not allowed here", position);
      const type = this.concatenationOperand(operand);
      this.append(operand.code);
      this.appendToBuilder(type);
    };
    appendOperand(left, node.left.position);
    appendOperand(right, node.right.position);
    this.e.invoke(Opcodes.INVOKEVIRTUAL, STRING_BUILDER, 'toString', '()Ljava/lang/String;', false);
    return STRING;
  }

  /**
   * The type a concatenation operand is appended as: a generic member's value other than a String is
   * appended as an Object, without the cast to its substituted type (javac's operator is String + Object).
   */
  private concatenationOperand(operand: { code: InsnList; value: JavaType }): JavaType {
    return operand.value === STRING || !operand.value.isReference() ? operand.value : this.withoutGenericCast(operand.code, operand.value, () => true);
  }

  /** StringBuilder.append for a value of `type` on the stack above the builder. */
  private appendToBuilder(type: JavaType): void {
    let descriptor: string;
    if (type === STRING) descriptor = 'Ljava/lang/String;';
    else if (type === JavaType.BYTE || type === JavaType.SHORT) descriptor = 'I';
    else if (type.isPrimitive()) descriptor = type.descriptor();
    else descriptor = 'Ljava/lang/Object;';
    this.e.invoke(Opcodes.INVOKEVIRTUAL, STRING_BUILDER, 'append', `(${descriptor})Ljava/lang/StringBuilder;`, false);
  }

  /**
   * `c ? a : b` (JLS §15.25). With `targetType` (an assignment, initializer or return context), a
   * reference conditional — not both operands boolean, not both numeric — is a poly expression: each
   * operand converts to the target type (`Serializable s = t ? "s" : 1`), where standalone it would
   * take their least upper bound, which classforge approximates by a class.
   */
  private conditional(node: Ast.ConditionalNode, targetType: JavaType | null = null, targetGeneric: GenericType | null = null): JavaType {
    const whenFalse = this.e.newLabel();
    const end = this.e.newLabel();
    this.condition(node.condition, whenFalse);
    const a = this.buffered(() => this.operandWithTarget(node.whenTrue, targetGeneric));
    const b = this.buffered(() => this.operandWithTarget(node.whenFalse, targetGeneric));
    const narrow = this.narrowConditionalType(a.value, this.constant(node.whenTrue), b.value, this.constant(node.whenFalse));
    const pa = a.value.primitiveOrUnboxed();
    const pb = b.value.primitiveOrUnboxed();
    const isReferenceConditional = !(pa === JavaType.BOOLEAN && pb === JavaType.BOOLEAN) && !(pa !== null && pb !== null && pa.isNumeric() && pb.isNumeric());
    const poly = targetType !== null && targetType.isReference() && isReferenceConditional;
    let type = poly
      ? targetType
      : narrow ??
      this.conditionalType(
        this.uninstantiatedResultsStore?.get(unparenthesized(node.whenTrue)) ?? a.value,
        this.uninstantiatedResultsStore?.get(unparenthesized(node.whenFalse)) ?? b.value,
        node.position,
      );
    // A standalone reference conditional of unrelated types: their least upper bound (JLS §15.25.3), which
    // types the members used on it (`(t ? new ArrayList<String>() : new LinkedList<String>()).get(0)`).
    if (!poly && narrow === null && type === OBJECT && a.value.isReference() && b.value.isReference() && !a.value.isNull() && !b.value.isNull()) {
      const lub = this.members.leastUpperBound([this.genericsStore?.get(unparenthesized(node.whenTrue)) ?? genericOf(a.value), this.genericsStore?.get(unparenthesized(node.whenFalse)) ?? genericOf(b.value)]);
      if (lub !== null && erasure(lub).isReference()) {
        type = erasure(lub);
        this.record(node, lub);
      }
    }
    // With the narrow rule, the int constant fits: its conversion is a (value-preserving) narrowing.
    const context = narrow === null || poly ? 'assignment' : 'cast';
    // A poly conditional's operands go to the target type: one of a generic member needs no cast to fit it.
    const operandType = (operand: { code: InsnList; value: JavaType }) =>
      poly && operand.value.isReference() ? this.withoutGenericCast(operand.code, operand.value, (erased) => this.ctx.env.isAssignable(erased, type)) : operand.value;
    const aType = operandType(a);
    const bType = operandType(b);
    this.append(a.code);
    this.convert(aType, type, node.whenTrue.position, context);
    this.e.jump(Opcodes.GOTO, end);
    this.e.label(whenFalse);
    this.append(b.code);
    this.convert(bType, type, node.whenFalse.position, context);
    this.e.label(end);
    return type;
  }

  /**
   * A conditional of lambdas or method references converted to the functional interface `type` (JLS
   * §15.25.3); returns what its lambdas' bodies give inference (the least upper bound of their
   * results), or null.
   */
  private functionalConditional(node: Ast.ConditionalNode, type: JavaType, generic: GenericType | null): GenericType | null {
    const whenFalse = this.e.newLabel();
    const end = this.e.newLabel();
    this.condition(node.condition, whenFalse);
    const operand = (expression: Ast.ExpressionNode): GenericType | null => {
      const inner = unparenthesized(expression);
      if (inner.kind === 'Lambda' || inner.kind === 'MethodReference') return this.functional(inner, type, generic).result;
      if (inner.kind === 'Conditional' && hasFunctionalOperand(inner)) return this.functionalConditional(inner, type, generic);
      this.expressionAs(expression, type, generic);
      return null;
    };
    const a = operand(node.whenTrue);
    this.e.jump(Opcodes.GOTO, end);
    this.e.label(whenFalse);
    const b = operand(node.whenFalse);
    this.e.label(end);
    const results = [a, b].filter((result): result is GenericType => result !== null);
    if (results.length === 0) return null;
    return results.every((result) => sameType(result, results[0]!)) ? results[0]! : this.members.leastUpperBound(results);
  }

  /**
   * An operand of a conditional whose target has the parameterized type `generic`: a generic call or a
   * diamond there takes what its arguments leave open from it (JLS §15.25.3, §18.5.2.1), as when assigned.
   */
  private operandWithTarget(node: Ast.ExpressionNode, generic: GenericType | null): JavaType {
    const inner = unparenthesized(node);
    if (generic === null) return this.expression(node);
    if (inner.kind === 'New' && isDiamond(inner.type)) return this.newObject(inner, generic);
    // A conditional in a conditional's operand is a poly expression of the same target (JLS §15.25.3):
    // `c ? comparing(s -> …) : d ? comparing(s -> …) : comparing(s -> …)` types every lambda by it.
    if (inner.kind === 'Conditional' && generic.kind === 'class' && needsTargetType(inner)) return this.conditional(inner, erasure(generic), generic);
    if (inner.kind !== 'MethodCall') return this.expression(node);
    const outerCallTarget = this.callTarget;
    this.callTarget = { node: inner, generic };
    try {
      return this.expression(node);
    } finally {
      this.callTarget = outerCallTarget;
    }
  }

  /**
   * JLS §15.25's rule for a byte, short or char operand (or its box) beside an int constant that
   * fits in it: the conditional has that narrow type. Null when the rule does not apply.
   */
  private narrowConditionalType(a: JavaType, ca: Constant | null, b: JavaType, cb: Constant | null): JavaType | null {
    for (const [narrowOperand, constant] of [
      [a, cb],
      [b, ca],
    ] as const) {
      const narrow = narrowOperand.unboxed() ?? narrowOperand;
      if ((narrow === JavaType.BYTE || narrow === JavaType.SHORT || narrow === JavaType.CHAR) && constant !== null && constant.type === JavaType.INT && fits(constant.value as number, narrow)) {
        return narrow;
      }
    }
    return null;
  }

  /** The type of `c ? a : b` (JLS §15.25, simplified: no lub beyond assignability, Object otherwise). */
  private conditionalType(a: JavaType, b: JavaType, position: SourcePosition): JavaType {
    if (a === b) return a;
    if (a.isVoid() || b.isVoid()) throw new CompileError("'void' type not allowed here", position);
    const ap = a.primitiveOrUnboxed();
    const bp = b.primitiveOrUnboxed();
    if (ap === JavaType.BOOLEAN && bp === JavaType.BOOLEAN) return JavaType.BOOLEAN;
    // JLS §15.25: two numeric operands (boxed ones too, unless of the same type, handled above) make a numeric conditional.
    if (ap !== null && bp !== null && ap.isNumeric() && bp.isNumeric()) {
      if (ap === bp) return ap;
      if ((ap === JavaType.BYTE && bp === JavaType.SHORT) || (ap === JavaType.SHORT && bp === JavaType.BYTE)) return JavaType.SHORT;
      return binaryNumericPromotion(ap, bp)!;
    }
    if (a.isNull()) return b.isPrimitive() ? b.boxed()! : b;
    if (b.isNull()) return a.isPrimitive() ? a.boxed()! : a;
    const ar = a.isPrimitive() ? a.boxed()! : a;
    const br = b.isPrimitive() ? b.boxed()! : b;
    if (this.ctx.env.isAssignable(ar, br)) return br;
    if (this.ctx.env.isAssignable(br, ar)) return ar;
    return OBJECT;
  }

  private cast(node: Ast.CastNode): JavaType {
    if (isSpecialCast(node)) return this.specialCast(node, null);
    const type = this.typeOf(node.type);
    // `(A & I1 & I2) e` (JLS §15.16): the further bounds must be interfaces; the value's type is A's (its erasure, JLS §4.6).
    const bounds = node.additionalBounds.map((bound) => {
      const boundType = this.typeOf(bound);
      if (!boundType.isClass() || this.ctx.env.findClass(boundType.internalName!)?.isInterface !== true) throw new CompileError(`interface expected here: ${boundType}`, bound.position);
      return boundType;
    });
    // On the other bounds' members, a call finds them as on an intersection (see intersectionMember).
    if (bounds.length > 0) this.intersectionResults.set(node, bounds.map((bound) => bound.internalName!));
    const operand = unparenthesized(node.expression);
    if (operand.kind === 'Lambda' || operand.kind === 'MethodReference') {
      if (bounds.length > 0) return this.intersectionFunctionalValue(node, operand, type, bounds);
      const functionalGeneric = this.genericTypeOf(node.type);
      // The cast's type is the expression's (`((Function<String, String>) String::trim).andThen(…)`).
      if (functionalGeneric !== null) this.record(node, functionalGeneric);
      return this.functionalValue(operand, type, functionalGeneric);
    }
    let from = this.expression(node.expression);
    if (bounds.length > 0 && from.isPrimitive()) from = this.e.box(from);
    this.castToBounds(from, type, bounds, node.position);
    const generic = node.type.kind === 'PrimitiveType' ? null : this.genericTypeOf(node.type);
    if (generic !== null) this.record(node, generic);
    return type;
  }

  /**
   * The checkcasts of a cast to `type & bounds…` of a value of type `from`, as javac orders them
   * (TransTypes): each further bound the value's type is not known to have, in order, then `type`.
   */
  private castToBounds(from: JavaType, type: JavaType, bounds: readonly JavaType[], position: SourcePosition): void {
    let current = from;
    for (const bound of bounds) {
      if (this.ctx.env.isSubtype(current, bound)) continue;
      this.convert(current, bound, position, 'cast');
      current = bound;
    }
    this.convert(current, type, position, 'cast');
  }

  /**
   * A lambda or method reference cast to an intersection (`(Runnable & Serializable) () -> …`, JLS
   * §15.27.3): one of the types is the functional interface, the others are interfaces without
   * abstract methods (markers), which the lambda's class implements too; then the casts javac adds.
   */
  private intersectionFunctionalValue(node: Ast.CastNode, operand: Ast.LambdaNode | Ast.MethodReferenceNode, type: JavaType, bounds: readonly JavaType[]): JavaType {
    const env = this.ctx.env;
    const components = [type, ...bounds];
    const typeNodes = [node.type, ...node.additionalBounds];
    const functional = components.flatMap((component, i) => (component.isClass() && functionalMethod(env, component.internalName!) !== null ? [i] : []));
    const markersOnly = components.every((component, i) => functional.includes(i) || (component.isClass() && isMarkerInterface(env, component.internalName!)));
    if (functional.length !== 1 || !markersOnly) {
      throw new CompileError(`incompatible types: ${components.join(' & ')} is not a functional interface`, node.position);
    }
    const index = functional[0]!;
    const functionalType = components[index]!;
    const functionalGeneric = this.genericTypeOf(typeNodes[index]!);
    if (index === 0 && functionalGeneric !== null) this.record(node, functionalGeneric);
    this.functional(operand, functionalType, functionalGeneric, components.filter((_, i) => i !== index));
    this.castToBounds(functionalType, type, bounds, node.position);
    return type;
  }

  /**
   * Javassist's `($r) e` (to the result type, unboxing if it is primitive; nothing for void) and
   * `($w) e` (boxes a primitive, leaves a reference). `target` is where the value goes, if known.
   */
  private specialCast(node: Ast.CastNode, target: JavaType | null): JavaType {
    const name = (node.type as Ast.ClassTypeNode).name;
    const from = this.expression(node.expression);
    if (name === '$w') {
      if (from.isPrimitive()) return this.e.box(from);
      return from;
    }
    const resultType = this.ctx.variables.resultType ?? this.ctx.returnType;
    if (resultType.isVoid()) {
      // "If the result type is void, ($r) does not convert a type; it does nothing" — and a void call gives null.
      if (from.isVoid()) {
        if (target !== null && !target.isVoid()) this.e.pushNull();
        return target !== null && !target.isVoid() ? JavaType.NULL : JavaType.VOID;
      }
      return from;
    }
    this.convert(from, resultType, node.position, 'cast');
    return resultType;
  }

  private instanceOf(node: Ast.InstanceOfNode): JavaType {
    if (node.binding === null) {
      const type = this.instanceOfOperands(node);
      this.e.typeInsn(Opcodes.INSTANCEOF, type.isArray() ? type.descriptor() : type.internalName!);
      return JavaType.BOOLEAN;
    }
    // As a value: 1 with the pattern variable assigned, or 0.
    const binding = this.instanceOfTest(node);
    const no = this.e.newLabel();
    const end = this.e.newLabel();
    this.e.jump(Opcodes.IFEQ, no);
    this.bindPattern(binding);
    this.e.pushInt(1);
    this.e.jump(Opcodes.GOTO, end);
    this.e.label(no);
    this.e.pushInt(0);
    this.e.label(end);
    return JavaType.BOOLEAN;
  }

  /** Compiles the tested value and resolves the type of an instanceof; returns the type. */
  private instanceOfOperands(node: Ast.InstanceOfNode): JavaType {
    const from = this.expression(node.expression);
    const type = this.typeOf(node.type);
    if (!type.isReference() || !(from.isReference() || from.isNull())) {
      throw new CompileError(`unexpected type: instanceof needs reference types, found ${from} and ${type}`, node.position);
    }
    return type;
  }

  /**
   * `x instanceof T t`: the value is kept in a temporary, the test leaves its int result; the
   * pattern variable is declared (in scope from here, a simplification of JLS §6.3.1).
   */
  private instanceOfTest(node: Ast.InstanceOfNode): { temp: number; variable: LocalVariable } {
    const type = this.instanceOfOperands(node);
    const temp = this.allocate(OBJECT);
    this.e.store(OBJECT, temp);
    this.e.load(OBJECT, temp);
    this.e.typeInsn(Opcodes.INSTANCEOF, type.isArray() ? type.descriptor() : type.internalName!);
    const variable: LocalVariable = { type, slot: this.allocate(type), pattern: true };
    this.scopes[this.scopes.length - 1]!.set(node.binding!.name, variable);
    this.slotNames.set(variable.slot, node.binding!.name);
    return { temp, variable };
  }

  private bindPattern(binding: { temp: number; variable: LocalVariable }): void {
    this.e.load(OBJECT, binding.temp);
    this.e.checkcast(binding.variable.type);
    this.e.store(binding.variable.type, binding.variable.slot);
  }

  // ### Assignment

  /**
   * `target op= value` (JLS §15.26); leaves the assigned value on the stack when `needValue`.
   * Returns the target's type (VOID when no value is left).
   */
  private assignment(node: Ast.AssignNode, needValue: boolean): JavaType {
    if (node.op === '=' && node.target.kind === 'Name' && node.target.name === '$args' && this.lookupLocal('$args') === undefined) {
      return this.assignArgs(node, needValue);
    }
    const lvalue = this.lvalue(node.target);
    if (lvalue.variable !== undefined) this.noteAssigned(lvalue.variable, node.op !== '=', nameOf(node.target), node.position);
    lvalue.prepare();
    if (node.op === '=') {
      if (lvalue.type.isVoid()) {
        // `$_ = …` with a void result: the value is computed and dropped.
        const type = node.value.kind === 'Cast' && isSpecialCast(node.value) ? this.specialCast(node.value, null) : this.expression(node.value);
        this.e.pop(type);
        return JavaType.VOID;
      }
      // The variable's generic type is the target a lambda's function type comes from (`fs[0] = n -> n + 1`
      // with fs a Function<Integer, Integer>[]: JLS §15.27.3).
      this.expressionAs(node.value, lvalue.type, lvalue.generic);
    } else {
      lvalue.dupReceiver();
      lvalue.load();
      const op = node.op.slice(0, -1);
      const right = this.buffered(() => this.expression(node.value));
      let resultType: JavaType;
      // JLS §15.26.2 with §15.18.1: += is a string concatenation when either side is a String (Object o; o += "b").
      if (op === '+' && (lvalue.type === STRING || (right.value === STRING && lvalue.type.isReference() && lvalue.type.unboxed() === null))) {
        // [value] → new StringBuilder().append(value).append(right).toString()
        this.e.typeInsn(Opcodes.NEW, STRING_BUILDER);
        this.e.insn(Opcodes.DUP);
        this.e.invoke(Opcodes.INVOKESPECIAL, STRING_BUILDER, '<init>', '()V', false);
        this.e.insn(Opcodes.SWAP);
        this.appendToBuilder(lvalue.type);
        const rightType = this.concatenationOperand(right);
        this.append(right.code);
        this.appendToBuilder(rightType);
        this.e.invoke(Opcodes.INVOKEVIRTUAL, STRING_BUILDER, 'toString', '()Ljava/lang/String;', false);
        resultType = STRING;
      } else {
        resultType = this.arithmeticAfterLeft(op, lvalue.type, right, { position: node.position, right: node.value });
      }
      // JLS §15.26.2: E1 op= E2 is E1 = (T)((E1) op (E2)).
      this.convert(resultType, lvalue.type, node.position, 'cast');
    }
    if (needValue) this.e.dupUnder(lvalue.type, lvalue.receiverSize);
    lvalue.store();
    const blank = node.op === '=' && lvalue.variable !== undefined ? this.blankLocalsStore?.get(lvalue.variable) : undefined;
    if (blank !== undefined) {
      const store = this.target.instructions.getLast()!;
      blank.stores.add(store);
      blank.positions.set(store, node.position);
    }
    return needValue ? lvalue.type : JavaType.VOID;
  }

  /**
   * `$args = array` (Javassist): each parameter takes the element at its index, unboxed or cast to
   * its type; the value of the expression is the array.
   */
  private assignArgs(node: Ast.AssignNode, needValue: boolean): JavaType {
    const arrayType = JavaType.arrayOf(OBJECT);
    this.expressionAs(node.value, arrayType);
    const temp = this.allocate(arrayType);
    this.e.store(arrayType, temp);
    (this.ctx.variables.parameters ?? []).forEach((parameter, i) => {
      this.e.load(arrayType, temp);
      this.e.pushInt(i);
      this.e.insn(Opcodes.AALOAD);
      this.convert(OBJECT, parameter.type, node.position, 'cast');
      this.e.store(parameter.type, parameter.slot);
    });
    if (!needValue) return JavaType.VOID;
    this.e.load(arrayType, temp);
    return arrayType;
  }

  /**
   * Records an assignment to `variable` after its declaration (see checkEffectivelyFinalCaptures).
   * A final local with an initializer takes no assignment, and no final local a compound one, ++ or --
   * (JLS §4.12.4, §16: it is then definitely assigned); a second plain assignment to a blank final is
   * refused where the first may have run, by checkDefiniteUnassignment.
   */
  private noteAssigned(variable: LocalVariable, compound: boolean, name: string, position: SourcePosition): void {
    const initialized = this.finalVariablesStore?.get(variable);
    if (initialized === true || (initialized === false && compound)) throw new CompileError(`cannot assign a value to final variable ${name}`, position);
    this.assignedVariables.set(variable, compound || this.assignedVariablesStore?.get(variable) === true);
  }

  /** `++x`, `x--`…: iinc for int locals, else load, add, store; the value before or after when `needValue`. */
  private increment(node: Ast.UnaryNode, needValue: boolean): JavaType {
    const lvalue = this.lvalue(node.operand);
    if (lvalue.variable !== undefined) this.noteAssigned(lvalue.variable, true, nameOf(node.operand), node.position);
    const primitive = lvalue.type.primitiveOrUnboxed();
    if (primitive === null || !primitive.isNumeric()) throw new CompileError(`bad operand type ${lvalue.type} for unary operator '${node.op}'`, node.position);
    const delta = node.op === '++' ? 1 : -1;
    if (lvalue.local !== null && lvalue.type === JavaType.INT) {
      if (needValue && node.postfix) this.e.load(JavaType.INT, lvalue.local);
      this.target.visitIincInsn(lvalue.local, delta);
      if (needValue && !node.postfix) this.e.load(JavaType.INT, lvalue.local);
      return needValue ? JavaType.INT : JavaType.VOID;
    }
    lvalue.prepare();
    lvalue.dupReceiver();
    lvalue.load();
    if (needValue && node.postfix) this.e.dupUnder(lvalue.type, lvalue.receiverSize);
    this.convert(lvalue.type, primitive, node.position, 'numeric');
    const promoted = unaryNumericPromotion(primitive)!;
    this.convert(primitive, promoted, node.position, 'numeric');
    if (promoted === JavaType.LONG) this.e.pushLong(1n);
    else if (promoted === JavaType.FLOAT) this.e.pushFloat(1);
    else if (promoted === JavaType.DOUBLE) this.e.pushDouble(1);
    else this.e.pushInt(1);
    this.e.insn(promoted.toAsmType().getOpcode(delta > 0 ? Opcodes.IADD : Opcodes.ISUB));
    // JLS §15.14.2: narrowed back to the variable's primitive type, then boxed for a Character, Short… variable.
    this.convert(promoted, primitive, node.position, 'cast');
    if (lvalue.type !== primitive) this.convert(primitive, lvalue.type, node.position, 'assignment');
    if (needValue && !node.postfix) this.e.dupUnder(lvalue.type, lvalue.receiverSize);
    lvalue.store();
    return needValue ? lvalue.type : JavaType.VOID;
  }

  /** What can be assigned: a local or `$` variable, a field, an array element. */
  private lvalue(node: Ast.ExpressionNode): {
    /** The local or `$` variable assigned, if it is one. */
    variable?: LocalVariable;
    type: JavaType;
    /** The variable's generic type, when it says more than `type`. */
    generic: GenericType | null;
    local: number | null;
    receiverSize: number;
    prepare: () => void;
    dupReceiver: () => void;
    load: () => void;
    store: () => void;
  } {
    const inner = node.kind === 'Parenthesized' ? node.expression : node;
    if (inner.kind === 'Name') {
      const variable = this.variable(inner.name);
      if (variable !== undefined) {
        // In a lambda body, a variable not its own is the enclosing code's, captured: its value is copied
        // into the lambda, so an assignment would change nothing outside (JLS §15.27.2 refuses it).
        if (this.ctx.capture !== undefined && this.lookupLocal(inner.name) === undefined) {
          const capturer = this.ctx.capture.capturer ?? LAMBDA;
          throw new CompileError(`local variables referenced from ${capturer} must be final or effectively final (${inner.name} is assigned in the ${capturer === LAMBDA ? 'lambda body' : 'class body'})`, inner.position);
        }
        return {
          variable,
          type: variable.type,
          generic: variable.generic ?? null,
          local: variable.slot,
          receiverSize: 0,
          prepare: () => undefined,
          dupReceiver: () => undefined,
          load: () => this.e.load(variable.type, variable.slot),
          store: () => {
            if (!variable.type.isVoid()) this.e.store(variable.type, variable.slot);
          },
        };
      }
      const field = this.fieldInScope(inner.name);
      if (field !== null) return this.fieldLvalue(field, field.isStatic ? null : 'this', inner.position);
      const outer = this.enclosingField(inner.name);
      if (outer === null) throw new CompileError(`cannot find symbol: variable ${inner.name}`, inner.position);
      if (!outer.field.isStatic) this.requireEnclosingInstance(outer.enclosingClass, `non-static variable ${inner.name}`, inner.position);
      return this.fieldLvalue(outer.field, outer.field.isStatic ? null : { enclosingClass: outer.enclosingClass }, inner.position);
    }
    if (inner.kind === 'FieldAccess') {
      const prefix = this.typePrefix(inner);
      if (prefix !== null && prefix.fields.length === 1 && prefix.type.isClass()) {
        const field = findField(this.ctx.env, prefix.type.internalName!, prefix.fields[0]!, this.access());
        if (field === null || !field.isStatic) throw new CompileError(`cannot find symbol: static variable ${prefix.fields[0]} in ${prefix.type}`, inner.position);
        return this.fieldLvalue(field, null, inner.position);
      }
      return this.fieldLvalue(null, inner, inner.position);
    }
    if (inner.kind === 'SuperFieldAccess') {
      const field = findField(this.ctx.env, this.ctx.superName ?? 'java/lang/Object', inner.name, this.access());
      if (field === null) throw new CompileError(`cannot find symbol: variable ${inner.name}`, inner.position);
      return this.fieldLvalue(field, field.isStatic ? null : 'this', inner.position);
    }
    if (inner.kind === 'ArrayAccess') {
      let component: JavaType = OBJECT;
      const lvalue = {
        type: OBJECT,
        generic: null as GenericType | null,
        local: null,
        receiverSize: 2,
        prepare: () => undefined,
        dupReceiver: () => this.e.insn(Opcodes.DUP2),
        load: () => this.e.insn(component.toAsmType().getOpcode(Opcodes.IALOAD)),
        store: () => this.e.insn(component.toAsmType().getOpcode(Opcodes.IASTORE)),
      };
      // The array and the index are evaluated first (JLS §15.26.1).
      const arrayType = this.expression(inner.array);
      if (!arrayType.isArray()) throw new CompileError(`array required, but ${arrayType} found`, inner.array.position);
      this.expressionAs(inner.index, JavaType.INT);
      component = arrayType.componentType!;
      lvalue.type = component;
      const arrayGeneric = this.genericsStore?.get(unparenthesized(inner.array));
      lvalue.generic = arrayGeneric?.kind === 'array' ? arrayGeneric.component : null;
      return lvalue;
    }
    throw new CompileError('unexpected type: required variable, found value', node.position);
  }

  private fieldLvalue(
    resolved: ResolvedField | null,
    receiver: 'this' | { enclosingClass: string } | Ast.FieldAccessNode | null,
    position: SourcePosition,
  ): { type: JavaType; generic: GenericType | null; local: null; receiverSize: number; prepare: () => void; dupReceiver: () => void; load: () => void; store: () => void } {
    let field = resolved;
    let owner = field?.owner ?? '';
    let receiverGeneric: GenericType | null = null;
    if (receiver !== null && receiver !== 'this' && 'enclosingClass' in receiver) {
      // A field of an enclosing instance (JLS §15.11), reached through this$N.
      owner = receiver.enclosingClass;
      this.loadEnclosingInstance(receiver.enclosingClass, position);
    } else if (receiver !== null && receiver !== 'this' && this.ctx.thisUninitialized === true && isThisReference(receiver.target)) {
      // this.f = … or $0.f = … before the super(…) call: only a field of this class (see thisUninitialized).
      field = findField(this.ctx.env, this.ctx.currentClass, receiver.name, this.access());
      if (field === null) throw new CompileError(`cannot find symbol: variable ${receiver.name}`, position);
      owner = field.isStatic ? field.owner : this.ctx.currentClass;
      if (!field.isStatic) this.loadThis(position, field.owner === this.ctx.currentClass);
    } else if (receiver !== null && receiver !== 'this') {
      // obj.f: evaluate the object now.
      const targetType = this.expression(receiver.target);
      if (!targetType.isClass()) throw new CompileError(`${targetType} cannot be dereferenced`, receiver.target.position);
      receiverGeneric = this.genericsStore?.get(unparenthesized(receiver.target)) ?? genericOf(targetType);
      field = findField(this.ctx.env, targetType.internalName!, receiver.name, this.access());
      if (field === null) throw new CompileError(`cannot find symbol: variable ${receiver.name} in ${targetType}`, position);
      owner = field.isStatic ? field.owner : targetType.internalName!;
      if (field.isStatic) this.e.pop(targetType);
    } else if (receiver === 'this') {
      owner = this.ctx.currentClass;
      this.loadThis(position, field!.owner === this.ctx.currentClass);
    }
    const f = field!;
    const isStatic = f.isStatic;
    // JLS §16 / §8.3.1.2: a final field is assigned only by its own class's initializers (a static one
    // in <clinit>, an instance one in a constructor, through this); elsewhere HotSpot throws
    // IllegalAccessError at the putfield/putstatic (JVMS §6.5).
    if ((f.field.access & Opcodes.ACC_FINAL) !== 0) {
      const initializer = isStatic ? '<clinit>' : '<init>';
      const throughThis = isStatic || receiver === null || receiver === 'this' || (typeof receiver === 'object' && 'target' in receiver && receiver.target.kind === 'This');
      // A lambda body is another method (a class body's capture scope is not: its constructor is its own).
      const inLambda = this.ctx.capture !== undefined && this.ctx.capture.capturer === undefined;
      if (f.owner !== this.ctx.currentClass || this.ctx.methodName !== initializer || !throughThis || inLambda) {
        throw new CompileError(`cannot assign a value to final variable ${f.field.name}`, position);
      }
    }
    // A field of a type variable's type read through a parameterized receiver (`h.v` of an H<Integer>)
    // has the substituted type (JLS §15.11.1), as when it is read: `h.v += 3` unboxes an Integer, and
    // javac's checkcast follows the getfield. The putfield keeps the erased descriptor.
    const type = receiverGeneric === null ? f.field.type : this.substitutedFieldType(f, receiverGeneric);
    const generic = this.members.fieldType(receiverGeneric ?? this.members.thisType(owner), f.owner, f.field);
    return {
      type,
      generic,
      local: null,
      receiverSize: isStatic ? 0 : 1,
      prepare: () => undefined,
      dupReceiver: () => {
        if (!isStatic) this.e.insn(Opcodes.DUP);
      },
      load: () => {
        // A compound assignment reads the field first: not before the super(…) call.
        if (!isStatic && this.ctx.thisUninitialized === true) throw new CompileError(THIS_UNINITIALIZED, position);
        this.e.field(isStatic ? Opcodes.GETSTATIC : Opcodes.GETFIELD, owner, f.field.name, f.field.descriptor);
        if (type !== f.field.type) this.e.checkcast(type);
      },
      store: () => this.e.field(isStatic ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD, owner, f.field.name, f.field.descriptor),
    };
  }

  /** The erasure of `field`'s type as a member of `receiver` when it is narrower than the descriptor's, else the descriptor's type. */
  private substitutedFieldType(field: ResolvedField, receiver: GenericType): JavaType {
    const declared = field.field.type;
    const generic = this.members.fieldType(receiver, field.owner, field.field);
    if (generic === null) return declared;
    const narrowed = erasure(generic);
    const isNarrower = narrowed !== declared && narrowed.isReference() && declared.isReference() && this.members.isKnownSubtype(narrowed, declared);
    return isNarrower ? narrowed : declared;
  }

  // ## Lambdas and method references (JLS §15.27, §15.13)

  /**
   * A lambda or method reference converted to `target` (a functional interface; `targetGeneric` its
   * parameterization when known): its body becomes a private synthetic method of the class, and
   * the value an invokedynamic of LambdaMetafactory.metafactory with the captured values, as javac
   * compiles it (JLS §15.27.4). Method references are compiled as the equivalent lambda: the same
   * behaviour, including a bound receiver evaluated (and null-checked) once, here (JLS §15.13.3).
   */
  private functionalValue(node: Ast.LambdaNode | Ast.MethodReferenceNode, target: JavaType, targetGeneric: GenericType | null): JavaType {
    return this.functional(node, target, targetGeneric).type;
  }

  /** functionalValue, and the type the body returns where the function type's result is a type variable (for inference), else null. */
  private functional(
    node: Ast.LambdaNode | Ast.MethodReferenceNode,
    target: JavaType,
    targetGeneric: GenericType | null,
    otherBounds: readonly JavaType[] = [],
  ): { type: JavaType; result: GenericType | null } {
    // A parameter of type T instantiated as a functional interface: the lambda is one of those.
    if (target === OBJECT && targetGeneric?.kind === 'class') target = JavaType.classType(targetGeneric.name);
    const what = node.kind === 'Lambda' ? 'lambda expression' : 'method reference';
    if ((this.ctx.classVersion & 0xffff) < Opcodes.V1_8) {
      throw new CompileError(`a ${what} needs class file version 52 (Java 8) or later; this class is version ${this.ctx.classVersion & 0xffff}`, node.position);
    }
    const fn = target.isClass() ? functionTypeOf(this.ctx.env, this.members, targetGeneric ?? genericOf(target)) : null;
    if (fn === 'needs-bridges') throw new CompileError(`${target} declares its abstract method at several erasures (a ${what} for it needs bridge methods): not supported in snippets`, node.position);
    if (fn === null) throw new CompileError(`incompatible types: ${target} is not a functional interface`, node.position);
    let lambda: Ast.LambdaNode;
    try {
      lambda = node.kind === 'Lambda' ? node : this.methodReferenceAsLambda(node, fn);
    } catch (error) {
      // A method reference that fits no method of the function type as far as it is known yet
      // (`Integer::sum` for a BinaryOperator<U> whose U only the call's target tells): in a lenient
      // trial, as a lambda whose body does not compile.
      return this.lenientNull(error, target);
    }
    if (lambda.parameters.length !== fn.parameterTypes.length) {
      throw new CompileError(`incompatible types: incompatible parameter types in ${what} (${fn.method.name} of ${target} takes ${fn.parameterTypes.length})`, node.position);
    }
    const parameters = lambda.parameters.map((parameter, i) => {
      if (parameter.type === null) return { name: parameter.name, type: erasure(fn.parameterTypes[i]!), generic: fn.parameterTypes[i]! };
      return { name: parameter.name, type: this.typeOf(parameter.type), generic: this.genericTypeOf(parameter.type) };
    });
    const returnType = erasure(fn.returnType);
    let compiled: CompiledLambda;
    try {
      compiled = this.compileLambdaBody(lambda, parameters, returnType, fn.returnType);
    } catch (error) {
      return this.lenientNull(error, target);
    }
    compiled.captures.forEach((variable, i) => {
      if (!this.capturedVariables.has(variable)) this.capturedVariables.set(variable, { name: compiled.capturedNames[i]!, position: lambda.position });
    });
    // The captured values, then the call site (JLS §15.27.4: a new or reused instance of the interface).
    if (compiled.usesThis) this.loadThis(node.position);
    for (const captured of compiled.captures) this.e.load(captured.type, captured.slot);
    const handleKind = compiled.usesThis
      ? this.ctx.isInterface || (this.ctx.classVersion & 0xffff) < Opcodes.V11
        ? Opcodes.H_INVOKESPECIAL
        : Opcodes.H_INVOKEVIRTUAL
      : Opcodes.H_INVOKESTATIC;
    // Where the function type's result is still to infer (Stream.map's R, Optional.map's U), javac
    // instantiates it with what inference found — the body's result here (boxed), when it narrows the bound.
    let instantiatedReturn = returnType;
    if (compiled.result !== null && !returnType.isVoid() && mentionsTypeVariable(fn.returnType)) {
      const result = erasure(compiled.result);
      if (result.isClass() && result !== returnType && this.ctx.env.isSubtype(result, returnType)) instantiatedReturn = result;
    }
    const instantiated = JavaType.methodDescriptor(parameters.map((p) => p.type), instantiatedReturn);
    const capturedTypes = [...(compiled.usesThis ? [JavaType.classType(this.ctx.currentClass)] : []), ...compiled.captures.map((c) => c.type)];
    const callSiteType = JavaType.methodDescriptor(capturedTypes, target);
    const implementation =
      compiled.direct ??
      (compiled.elsewhere !== undefined
        ? new Handle(Opcodes.H_INVOKESTATIC, compiled.elsewhere, compiled.name, compiled.descriptor, false)
        : new Handle(handleKind, this.ctx.currentClass, compiled.name, compiled.descriptor, this.ctx.isInterface));
    const arguments_: BootstrapArgument[] = [Type.getMethodType(fn.method.descriptor), implementation, Type.getMethodType(instantiated)];
    // As javac (LambdaToMethod): altMetafactory where the lambda's class must be serializable (its
    // interface or a bound of the cast is Serializable), implement marker interfaces or bridge other
    // erasures; FLAG_BRIDGES is always set there, with the (maybe empty) list of bridges.
    const env = this.ctx.env;
    const serializable = env.isSubclass(target.internalName!, SERIALIZABLE) || otherBounds.some((bound) => env.isSubclass(bound.internalName!, SERIALIZABLE));
    const markers = otherBounds.filter((bound) => bound.internalName !== SERIALIZABLE && bound !== target && bound !== OBJECT);
    const alternate = serializable || markers.length > 0 || fn.bridges.length > 0;
    if (alternate) {
      arguments_.push((serializable ? ALT_FLAG_SERIALIZABLE : 0) | (markers.length > 0 ? ALT_FLAG_MARKERS : 0) | ALT_FLAG_BRIDGES);
      if (markers.length > 0) arguments_.push(markers.length, ...markers.map((marker) => Type.getObjectType(marker.internalName!)));
      arguments_.push(fn.bridges.length, ...fn.bridges.map((bridge) => Type.getMethodType(bridge)));
    }
    const bootstrapMethod = alternate ? ALT_METAFACTORY : METAFACTORY;
    this.target.visitInvokeDynamicInsn(fn.method.name, callSiteType, bootstrapMethod, arguments_);
    if (serializable) {
      this.ctx.lambdaMethods.addDeserializationCase?.({
        implMethodKind: implementation.getTag(),
        implClass: implementation.getOwner(),
        implMethodName: implementation.getName(),
        implMethodSignature: implementation.getDesc(),
        functionalInterfaceClass: target.internalName!,
        functionalInterfaceMethodName: fn.method.name,
        functionalInterfaceMethodSignature: fn.method.descriptor,
        capturedTypes,
        callSiteDescriptor: callSiteType,
        bootstrapMethod,
        bootstrapArguments: arguments_,
      });
    }
    return { type: target, result: compiled.result };
  }

  /**
   * Compiles a lambda body into a new synthetic method, twice: the first pass finds the variables
   * it captures and whether it uses `this`, which decide the method's parameters; the second
   * compiles it for real. Returns the method's name and descriptor and the captured variables
   * (in this generator's slots).
   */
  private compileLambdaBody(
    lambda: Ast.LambdaNode,
    parameters: readonly { name: string; type: JavaType; generic: GenericType | null }[],
    returnType: JavaType,
    returnGeneric: GenericType,
  ): CompiledLambda {
    if (this.ctx.lambdaMethods.discards !== true) return this.compileLambdaMethod(lambda, parameters, returnType, returnGeneric);
    // In a throwaway compilation only what the body tells matters, the same for the same body, parameter
    // types, function type and variables in scope (see CompileMemo): a lambda in a lambda is not compiled
    // again for each pass over the enclosing one.
    const key = [
      this.environmentKey(this.ctx.lenientLambdas === true),
      parameters.map((parameter) => `${parameter.name}=${variableKey(parameter.type, parameter.generic)}`).join(','),
      returnType.descriptor(),
      genericKey(returnGeneric),
    ].join('|');
    const outcome = this.ctx.memo!.lambda(lambda, key, () => {
      try {
        const compiled = this.compileLambdaMethod(lambda, parameters, returnType, returnGeneric);
        return { captured: compiled.capturedNames, usesThis: compiled.usesThis, name: compiled.name, descriptor: compiled.descriptor, result: compiled.result };
      } catch (error) {
        if (error instanceof CompileError) return { error };
        throw error;
      }
    });
    if ('error' in outcome) throw outcome.error;
    // Looked up again, as compiling the body looked them up: an enclosing lambda captures them too.
    const captures = outcome.captured.map((name) => this.variable(name)!);
    return { name: outcome.name, descriptor: outcome.descriptor, captures, capturedNames: outcome.captured, usesThis: outcome.usesThis, result: outcome.result };
  }

  private compileLambdaMethod(
    lambda: Ast.LambdaNode,
    parameters: readonly { name: string; type: JavaType; generic: GenericType | null }[],
    returnType: JavaType,
    returnGeneric: GenericType,
  ): CompiledLambda {
    const captured = new Map<string, LocalVariable>();
    const discovery: CaptureScope = {
      usesThis: false,
      lookup: (name) => {
        const outer = this.variable(name);
        if (outer !== undefined && !captured.has(name)) captured.set(name, outer);
        return outer;
      },
      constant: (name) => this.enclosingConstant(name),
      isVariableName: (name) => this.isVariableName(name),
      visible: (into) => this.visibleVariables(into),
    };
    const dryRun: LambdaMethodSink = { add: () => 'lambda$discovery', assertionsDisabledField: () => ASSERTIONS_DISABLED, discards: true };
    const first = new CodeGenerator({ ...this.ctx, trialBodyTypes: this.trialBodyTypes, capture: discovery, lambdaMethods: dryRun, variables: {}, returnType, returnGeneric, firstFreeSlot: 1 });
    for (const parameter of parameters) first.declare(parameter.name, parameter.type, undefined, parameter.generic);
    first.lambdaBody(lambda.body, returnType);

    const usesThis = discovery.usesThis;
    const captures = [...captured.entries()];
    const descriptor = JavaType.methodDescriptor([...captures.map(([, v]) => v.type), ...parameters.map((p) => p.type)], returnType);
    const access = Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | (usesThis ? 0 : Opcodes.ACC_STATIC);
    const method = new MethodNode(Opcodes.ASM9, access, 'lambda$', descriptor, null, null);
    const settled: CaptureScope = {
      usesThis,
      lookup: (name) => {
        // Captured variables are the second pass's own locals: anything else is no variable.
        if (this.variable(name) !== undefined) throw new CompileError(`internal error: ${name} was not captured by the first pass over the lambda body`);
        return undefined;
      },
      constant: (name) => this.enclosingConstant(name),
      isVariableName: (name) => this.isVariableName(name),
      visible: (into) => this.visibleVariables(into),
    };
    // A class being redefined takes no new method: the body goes to another class (bodiesElsewhere), whose access it has.
    const elsewhere = this.ctx.lambdaMethods.discards === true ? undefined : this.ctx.lambdaMethods.bodiesElsewhere;
    const elsewhereClass = elsewhere?.owner();
    const runsIn = elsewhere === undefined ? this.ctx.runsIn : { className: elsewhereClass!, reason: elsewhere.reason };
    const second = new CodeGenerator({ ...this.ctx, trialBodyTypes: this.trialBodyTypes, capture: settled, variables: {}, returnType, returnGeneric, isStatic: !usesThis, firstFreeSlot: usesThis ? 1 : 0, runsIn }, method);
    for (const [name, variable] of captures) second.declare(name, variable.type, undefined, variable.generic);
    for (const parameter of parameters) second.declare(parameter.name, parameter.type, undefined, parameter.generic);
    const bodySlots = second.nextSlot;
    second.lambdaBody(lambda.body, returnType);
    // Its own locals start after the captured values and the parameters, which arrive assigned.
    second.finishCode(bodySlots);
    // A method reference javac gives the referenced method's own handle: no lambda method.
    const body = lambda.body;
    const direct = body.kind !== 'Block' && referenceBodies.has(body) ? this.directReferenceHandle(body, parameters.map((p) => p.type), usesThis || captures.length > 0) : null;
    if (direct !== null) {
      return { name: direct.getName(), descriptor: direct.getDesc(), captures: captures.map(([, v]) => v), capturedNames: captures.map(([name]) => name), usesThis, result: second.lambdaResult(), direct };
    }
    method.maxLocals = 0;
    method.maxStack = 0;
    const name = this.ctx.lambdaMethods.add(method);
    const outcome = { captures: captures.map(([, v]) => v), capturedNames: captures.map(([name]) => name), usesThis, result: second.lambdaResult() };
    if (elsewhereClass !== undefined) return { name, descriptor: method.desc, ...outcome, elsewhere: elsewhereClass };
    return { name, descriptor, ...outcome };
  }

  /**
   * In a trial compilation that asks only for the type of the call around a lambda (see
   * compileArguments): a null of its interface for a lambda or method reference that does not
   * compile. Elsewhere the error stands.
   */
  private lenientNull(error: unknown, target: JavaType): { type: JavaType; result: GenericType | null } {
    if (!(error instanceof CompileError) || this.ctx.lenientLambdas !== true) throw error;
    this.e.insn(Opcodes.ACONST_NULL);
    return { type: target, result: null };
  }

  /** Notes a type a lambda body returns, for inference (see lambdaResult). */
  private noteLambdaResult(type: GenericType): void {
    this.lambdaResults.push(type);
  }

  /** What the lambda body returns, for inference: the least upper bound of its returns' types (JLS §18.2.1), or null. */
  private lambdaResult(): GenericType | null {
    const [first, ...others] = this.lambdaResults;
    if (first === undefined) return null;
    return others.every((type) => sameType(type, first)) ? first : this.members.leastUpperBound(this.lambdaResults);
  }

  /** The body of a lambda whose function type returns `returnType`, with its return (JLS §15.27.3). */
  private lambdaBody(body: Ast.ExpressionNode | Ast.BlockNode, returnType: JavaType): void {
    if (body.kind === 'Block') {
      this.statement(body);
      if (!this.reachable) return;
      if (!returnType.isVoid()) throw new CompileError('missing return statement in lambda body', body.position);
      this.e.returnValue(JavaType.VOID);
      return;
    }
    const inner = unparenthesized(body);
    if (returnType.isVoid()) {
      if (!isStatementExpression(body)) throw new CompileError('bad return type in lambda expression: a value where the function type returns void', body.position);
      this.expressionStatement(body);
    } else if (this.ctx.returnGeneric != null && mentionsTypeVariable(this.ctx.returnGeneric) && inner.kind !== 'Lambda' && inner.kind !== 'MethodReference' && !(inner.kind === 'Cast' && isSpecialCast(inner))) {
      // The function type's result mentions a type variable still to infer (Optional.map's U, Stream.flatMap's
      // Stream<? extends R>): what the body returns tells it.
      const actual = this.expression(body);
      if (actual.isVoid()) throw new CompileError('bad return type in lambda expression: void', body.position);
      this.convert(actual, returnType, body.position, 'assignment');
      if (!actual.isNull()) this.noteLambdaResult(this.genericsStore?.get(inner) ?? genericOf(actual.isPrimitive() ? actual.boxed()! : actual));
    } else {
      this.expressionAs(body, returnType, this.ctx.returnGeneric ?? null);
    }
    this.e.returnValue(returnType);
  }

  /**
   * The lambda a method reference stands for (JLS §15.13.3): its parameters are the function
   * type's, its body the call, creation or array creation the reference names. A bound receiver
   * (`expr::name`) is evaluated and null-checked now, into a local the lambda captures.
   */
  private methodReferenceAsLambda(node: Ast.MethodReferenceNode, fn: FunctionType): Ast.LambdaNode {
    const position = node.position;
    const count = fn.parameterTypes.length;
    const parameters: Ast.LambdaParameterNode[] = Array.from({ length: count }, (_, i) => ({ name: `#${i}`, type: null, position }));
    const names = (from: number): Ast.ExpressionNode[] => parameters.slice(from).map((p) => ({ kind: 'Name', name: p.name, position }));
    const target = node.target;
    let body: Ast.ExpressionNode;
    if (node.name === 'new') {
      const type = target.kind === 'type' ? target.type : target.kind === 'expression' ? this.asTypeNode(target.expression) : null;
      if (type === null) throw new CompileError('expected a type before ::new', position);
      if (type.kind === 'ArrayType') {
        // T[]::new is n -> new T[n].
        let element: Ast.TypeNode = type;
        let dimensions = 0;
        while (element.kind === 'ArrayType') {
          element = element.elementType;
          dimensions++;
        }
        if (element.kind !== 'PrimitiveType' && element.kind !== 'ClassType') throw new CompileError('expected an array type before ::new', position);
        body = { kind: 'NewArray', elementType: element, dimensions: names(0).slice(0, 1), extraDimensions: dimensions - 1, initializer: null, position };
      } else if (type.kind === 'ClassType') {
        body = { kind: 'New', outer: null, typeArguments: null, type, arguments: names(0), position };
      } else {
        throw new CompileError(`${this.typeOf(type)} cannot be instantiated`, position);
      }
    } else if (target.kind === 'super') {
      body = { kind: 'MethodCall', target: { kind: 'Super', qualifier: null, position }, typeArguments: null, name: node.name, arguments: names(0), position };
    } else {
      const typeNode = target.kind === 'type' ? target.type : this.asTypeNode(target.expression);
      if (typeNode !== null) {
        body = this.unboundReferenceCall(node, typeNode, fn, names);
      } else {
        // A bound receiver: evaluated once, now, and never null (JLS §15.13.3). `this` too is a value the
        // lambda captures, as javac's lambda for `this::m` is a static method taking it.
        const expression = (target as { expression: Ast.ExpressionNode }).expression;
        const isThis = expression.kind === 'This';
        const receiverType = isThis ? this.loadThis(expression.position) : this.expression(expression);
        if (!receiverType.isReference() || receiverType.isNull()) throw new CompileError(`${receiverType} cannot be dereferenced`, expression.position);
        if (!isThis) {
          this.e.insn(Opcodes.DUP);
          this.e.invoke(Opcodes.INVOKESTATIC, 'java/util/Objects', 'requireNonNull', '(Ljava/lang/Object;)Ljava/lang/Object;', false);
          this.e.insn(Opcodes.POP);
        }
        // A name no source can spell, so that it shadows nothing.
        const receiverName = `#receiver${this.nextSlot}`;
        const receiver = this.declare(receiverName, receiverType, undefined, this.genericsStore?.get(unparenthesized(expression)));
        this.e.store(receiverType, receiver.slot);
        body = { kind: 'MethodCall', target: { kind: 'Name', name: receiverName, position }, typeArguments: null, name: node.name, arguments: names(0), position };
      }
    }
    referenceBodies.add(body);
    return { kind: 'Lambda', parameters, body, position };
  }

  /**
   * The handle javac gives a method reference instead of a lambda method (LambdaToMethod: a reference
   * needs no conversion to a lambda): the referenced method or constructor itself, when the call the
   * reference stands for (`body`, compiled) passed the function's arguments as they are — no
   * variable-arity array, no `super::`, no array method or constructor, not the constructor of an
   * inner class — and its declaring class and the member are accessible from here without an accessor:
   * a class of this package or a public one, a private member only of this class, a protected one only
   * in this package. LambdaMetafactory adapts the arguments and result (boxing, unboxing, widening,
   * casts) as the lambda's body would. Null: the reference is compiled as its lambda.
   */
  private directReferenceHandle(body: Ast.ExpressionNode, instantiated: readonly JavaType[], bound: boolean): Handle | null {
    const target = referenceTargets.get(body);
    if (target === undefined || target.kind === 'super-call' || target.isInner || target.method.varargsCall) return null;
    let { method } = target;
    const qualifier = referenceQualifiers.get(body);
    if (qualifier !== undefined && qualifier !== method.declaringClass && !method.isStatic) {
      // The same method as the type the reference names has it (its own declaration or an inherited one).
      try {
        method = findMethod(this.ctx.env, qualifier, method.name, method.parameterTypes, { ...this.access(), qualifier });
      } catch (error) {
        if (error instanceof CompileError) return null;
        throw error;
      }
    }
    const declaring = method.declaringClass;
    // LambdaMetafactory checks the function's parameters against the method's strictly (no casts):
    // where the lambda's body needed one (a type variable left at its bound), it stays a lambda.
    const unboundReceiver = target.kind === 'call' && !method.isStatic && !bound;
    const env = this.ctx.env;
    if (unboundReceiver && (instantiated[0] === undefined || !instantiated[0].isReference() || !env.isSubtype(instantiated[0], JavaType.classType(declaring)))) return null;
    const args = unboundReceiver ? instantiated.slice(1) : instantiated;
    if (args.length !== method.parameterTypes.length || !args.every((arg, i) => this.isStrictlyAdaptable(arg, method.parameterTypes[i]!))) return null;
    if (declaring.startsWith('[')) return null;
    // MethodHandle.invoke/invokeExact and VarHandle's methods are signature polymorphic: only a call site gives their type.
    if (declaring === 'java/lang/invoke/MethodHandle' || declaring === 'java/lang/invoke/VarHandle') return null;
    const model = this.ctx.env.findClass(declaring);
    if (model === null) return null;
    const samePackage = packageOf(declaring) === packageOf(this.ctx.currentClass);
    if ((model.access & Opcodes.ACC_PUBLIC) === 0 && !samePackage) return null;
    if ((method.access & Opcodes.ACC_PRIVATE) !== 0 && declaring !== this.ctx.currentClass) return null;
    if ((method.access & Opcodes.ACC_PROTECTED) !== 0 && !samePackage) return null;
    if (target.kind === 'new') return new Handle(Opcodes.H_NEWINVOKESPECIAL, declaring, '<init>', method.descriptor, false);
    if (method.isStatic) return new Handle(Opcodes.H_INVOKESTATIC, declaring, method.name, method.descriptor, method.declaringIsInterface);
    if ((method.access & Opcodes.ACC_PRIVATE) !== 0) {
      // As a lambda's own method: invokespecial before nestmates (class files before 55) and in interfaces.
      const special = method.declaringIsInterface || (this.ctx.classVersion & 0xffff) < Opcodes.V11;
      return new Handle(special ? Opcodes.H_INVOKESPECIAL : Opcodes.H_INVOKEVIRTUAL, declaring, method.name, method.descriptor, method.declaringIsInterface);
    }
    return new Handle(method.declaringIsInterface ? Opcodes.H_INVOKEINTERFACE : Opcodes.H_INVOKEVIRTUAL, declaring, method.name, method.descriptor, method.declaringIsInterface);
  }

  /** LambdaMetafactory's strict adaptation of a function's parameter to a method's: widening, boxing, unboxing, a subtype. */
  private isStrictlyAdaptable(from: JavaType, to: JavaType): boolean {
    if (from === to) return true;
    if (from.isPrimitive()) return to.isPrimitive() ? isPrimitiveWidening(from, to) : this.ctx.env.isSubtype(from.boxed()!, to);
    if (to.isPrimitive()) {
      const unboxed = from.unboxed();
      return unboxed !== null && (unboxed === to || isPrimitiveWidening(unboxed, to));
    }
    return this.ctx.env.isSubtype(from, to);
  }

  /**
   * `Type::name` (JLS §15.13.1): a static method taking all the function type's parameters, or an
   * instance method of the first one taking the rest; both applying is an ambiguity, as in javac.
   */
  private unboundReferenceCall(node: Ast.MethodReferenceNode, typeNode: Ast.TypeNode, fn: FunctionType, names: (from: number) => Ast.ExpressionNode[]): Ast.ExpressionNode {
    const position = node.position;
    const type = this.typeOf(typeNode);
    const owner = type.isArray() ? type.descriptor() : type.isClass() ? type.internalName! : null;
    if (owner === null) throw new CompileError(`${type} cannot be dereferenced`, position);
    const parameterTypes = fn.parameterTypes.map(erasure);
    const attempt = (args: readonly JavaType[]): ResolvedMethod | null => {
      try {
        return findMethod(this.ctx.env, owner, node.name, args, this.access());
      } catch (error) {
        if (error instanceof CompileError) return null;
        throw error;
      }
    };
    const asStatic = attempt(parameterTypes);
    // The second search needs the first parameter to be a subtype of the type (JLS §15.13.1) — or a
    // type variable left uninferred (Comparator.comparing(String::length)), which javac would infer as one.
    const first = fn.parameterTypes[0];
    const receiverFits = first !== undefined && (first.kind === 'variable' ? this.ctx.env.isCastable(erasure(first), type) : this.members.isKnownSubtype(erasure(first), type));
    const asInstance = receiverFits ? attempt(parameterTypes.slice(1)) : null;
    const isStatic = asStatic !== null && asStatic.isStatic;
    const isInstance = asInstance !== null && !asInstance.isStatic;
    if (isStatic && isInstance) throw new CompileError(`incompatible types: invalid method reference: ${node.name} is ambiguous in ${type} (a static and an instance method both apply)`, position);
    if (isStatic) {
      const typeExpression = typeNode.kind === 'ClassType' ? dottedName(typeNode) : null;
      if (typeExpression === null) throw new CompileError(`invalid method reference: ${type}`, position);
      return { kind: 'MethodCall', target: typeExpression, typeArguments: null, name: node.name, arguments: names(0), position };
    }
    if (!isInstance) throw new CompileError(`invalid method reference: cannot find ${node.name} in ${type} for ${fn.method.name}(${typeList(parameterTypes)})`, position);
    // JLS §15.13.1: a raw type names the parameterization the first parameter has (Map.Entry::getValue for
    // a Map.Entry<String, Integer> returns an Integer): the parameter, of that type, is the receiver as it is.
    const isRawGeneric = typeNode.kind === 'ClassType' && typeNode.parts[typeNode.parts.length - 1]!.typeArguments === null && type.isClass() && this.members.typeParameterCount(type.internalName!) > 0;
    if (isRawGeneric && first !== undefined && first.kind === 'class' && first.args.length > 0 && this.members.isKnownSubtype(erasure(first), type)) {
      const call: Ast.MethodCallNode = { kind: 'MethodCall', target: names(0)[0]!, typeArguments: null, name: node.name, arguments: names(1), position };
      referenceQualifiers.set(call, owner);
      return call;
    }
    const receiver: Ast.ExpressionNode = { kind: 'Cast', type: typeNode, additionalBounds: [], expression: names(0)[0]!, position };
    return { kind: 'MethodCall', target: { kind: 'Parenthesized', expression: receiver, position }, typeArguments: null, name: node.name, arguments: names(1), position };
  }

  /** The type an expression before `::` names, when it is a type name (`String`, `java.util.Map.Entry`); null for a variable. */
  private asTypeNode(node: Ast.ExpressionNode): Ast.TypeNode | null {
    const prefix = this.typePrefix(node);
    if (prefix === null || prefix.fields.length > 0) return null;
    const parts = this.dottedParts(node)!;
    return { kind: 'ClassType', parts: parts.map((name) => ({ name, typeArguments: null, position: node.position })), name: parts.join('.'), position: node.position };
  }

  /** The type of a lambda's expression body with parameters of `parameterTypes`, compiled and dropped; null if it does not compile so. */
  private trialBodyType(lambda: Ast.LambdaNode, body: Ast.ExpressionNode, parameterTypes: readonly JavaType[]): JavaType | null {
    // Overload resolution asks again for each phase and candidate, and each pass over an enclosing
    // lambda asks again: the answer depends on the node and the parameter types only.
    const key = parameterTypes.map((type) => type.descriptor()).join('');
    let known = this.trialBodyTypes.get(lambda);
    if (known === undefined) {
      known = new Map();
      this.trialBodyTypes.set(lambda, known);
    }
    if (known.has(key)) return known.get(key)!;
    const type = this.compileTrialBody(lambda, body, parameterTypes);
    known.set(key, type);
    return type;
  }

  /** Whether the block body of `lambda` compiles with these parameter types and returning `returnType`. */
  private trialBlockCompiles(lambda: Ast.LambdaNode, parameterTypes: readonly JavaType[], returnType: JavaType): boolean {
    return this.trialBlock(lambda, parameterTypes, returnType, false) !== null;
  }

  /**
   * The types of the result expressions of the block body of `lambda` (JLS §15.27.2), compiled with these
   * parameter types and returning `returnType`; null when it does not compile.
   */
  private trialBlockResultTypes(lambda: Ast.LambdaNode, parameterTypes: readonly JavaType[], returnType: JavaType): readonly JavaType[] | null {
    return this.trialBlock(lambda, parameterTypes, returnType, true);
  }

  /**
   * Compiles the block body of `lambda` in a throwaway generator (memoized per lambda, parameter and
   * return types, and mode): null when it does not compile, else the types of its result expressions
   * when `resultTypes` (each compiled standalone, then converted), or an empty list.
   */
  private trialBlock(lambda: Ast.LambdaNode, parameterTypes: readonly JavaType[], returnType: JavaType, resultTypes: boolean): readonly JavaType[] | null {
    const key = `${resultTypes ? 'types' : 'compiles'} ${parameterTypes.map((type) => type.descriptor()).join('')} ${returnType.descriptor()}`;
    let known = this.trialBlocksStore?.get(lambda);
    if (known === undefined) {
      known = new Map();
      this.trialBlocks.set(lambda, known);
    }
    if (!known.has(key)) {
      const trial = this.trialLambdaGenerator(lambda, parameterTypes, { returnType, returnGeneric: null });
      const types: JavaType[] = [];
      if (resultTypes) trial.resultTypes = types;
      try {
        trial.lambdaBody(lambda.body, returnType);
        known.set(key, types);
      } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        known.set(key, null);
      }
    }
    return known.get(key)!;
  }

  /**
   * A throwaway generator for `lambda`'s body (trialBodyType, trialBlock): it sees the variables in
   * scope here without capturing them, drops any lambda method, and has the lambda's parameters with
   * these types (a declared parameter type stands).
   */
  private trialLambdaGenerator(lambda: Ast.LambdaNode, parameterTypes: readonly JavaType[], context: Pick<CompileContext, 'returnType'> & Partial<Pick<CompileContext, 'returnGeneric'>>): CodeGenerator {
    const capture: CaptureScope = {
      usesThis: false,
      lookup: (name) => this.variable(name),
      constant: (name) => this.enclosingConstant(name),
      isVariableName: (name) => this.isVariableName(name),
      visible: (into) => this.visibleVariables(into),
    };
    const dryRun: LambdaMethodSink = { add: () => 'lambda$trial', assertionsDisabledField: () => ASSERTIONS_DISABLED, discards: true };
    const trial = new CodeGenerator({ ...this.ctx, trialBodyTypes: this.trialBodyTypes, capture, lambdaMethods: dryRun, variables: {}, ...context, firstFreeSlot: 1 });
    lambda.parameters.forEach((parameter, i) => trial.declare(parameter.name, parameter.type === null ? parameterTypes[i]! : trial.typeOf(parameter.type)));
    return trial;
  }

  private compileTrialBody(lambda: Ast.LambdaNode, body: Ast.ExpressionNode, parameterTypes: readonly JavaType[]): JavaType | null {
    const trial = this.trialLambdaGenerator(lambda, parameterTypes, { returnType: JavaType.VOID });
    try {
      return trial.expression(body);
    } catch (error) {
      if (error instanceof CompileError) return null;
      throw error;
    }
  }

  /**
   * What overload resolution knows of a lambda or method reference argument (JLS §15.12.2.1): the
   * functional interfaces it may convert to — by arity, and for a lambda by whether its body can
   * return nothing or a value — and, between two, the one returning a value over one returning void
   * (JLS §15.12.2.5).
   */
  private functionalArgument(node: Ast.LambdaNode | Ast.MethodReferenceNode | Ast.ConditionalNode | Ast.SwitchExpressionNode): FunctionalArgument {
    if (node.kind === 'SwitchExpression') {
      // JLS §15.12.2.1: as a conditional, compatible where every arm's value is.
      const parts = yieldedValues(node).map((value) => {
        const inner = unparenthesized(value);
        return inner.kind === 'Lambda' || inner.kind === 'MethodReference' || (inner.kind === 'Conditional' && hasFunctionalOperand(inner)) ? this.functionalArgument(inner) : null;
      });
      return {
        kind: 'functional',
        description: 'switch expression',
        isCompatible: (parameter) => parts.every((part) => (part === null ? parameter.isReference() : part.isCompatible(parameter))),
        prefers: (s, t) => parts.every((part) => part === null || part.prefers(s, t)),
      };
    }
    if (node.kind === 'Conditional') {
      // JLS §15.12.2.1: a conditional is compatible where both operands are (another operand: any reference, checked when compiled).
      const parts = [node.whenTrue, node.whenFalse].map((operand) => {
        const inner = unparenthesized(operand);
        return inner.kind === 'Lambda' || inner.kind === 'MethodReference' || (inner.kind === 'Conditional' && hasFunctionalOperand(inner)) ? this.functionalArgument(inner) : null;
      });
      return {
        kind: 'functional',
        description: 'conditional expression',
        isCompatible: (parameter) => parts.every((part) => (part === null ? parameter.isReference() : part.isCompatible(parameter))),
        prefers: (s, t) => parts.every((part) => part === null || part.prefers(s, t)),
      };
    }
    const env = this.ctx.env;
    const method = (type: JavaType) => {
      const found = type.isClass() ? functionalMethod(env, type.internalName!) : null;
      return found === null || found === 'needs-bridges' ? null : found.method;
    };
    const shape = node.kind === 'Lambda' ? lambdaShape(node) : null;
    // An explicitly typed lambda (no parameters, or all declared) is pertinent to applicability (JLS
    // §15.12.2.1): with an expression body, the type of its body, with the parameters of `sam`, takes
    // part in applicability and in choosing the most specific method (§15.12.2.5); with a block body,
    // whether its returns convert to a primitive result (`() -> { return 1L; }` is no IntSupplier).
    const explicit = node.kind === 'Lambda' && node.parameters.every((parameter) => parameter.type !== null && parameter.type.kind !== 'VarType');
    const explicitBody = explicit && node.kind === 'Lambda' && node.body.kind !== 'Block' ? node.body : null;
    const explicitBlock = explicit && node.kind === 'Lambda' && node.body.kind === 'Block';
    const bodyType = (sam: { argumentTypes: readonly JavaType[] }): JavaType | null =>
      explicitBody === null || node.kind !== 'Lambda' ? null : this.trialBodyType(node, explicitBody, sam.argumentTypes);
    return {
      kind: 'functional',
      description: node.kind === 'Lambda' ? 'lambda' : 'method reference',
      isCompatible: (parameter) => {
        // A type variable's erasure: its instantiation (`Optional.<Runnable>of(…)`) decides, once chosen.
        if (parameter === OBJECT) return true;
        const sam = method(parameter);
        if (sam === null) return false;
        if (node.kind === 'MethodReference') return this.referenceFits(node, sam.argumentTypes.length, !sam.returnType.isVoid());
        if (shape === null) return true;
        if (sam.argumentTypes.length !== shape.arity) return false;
        if (node.body.kind === 'MethodCall') {
          // A call is value-compatible unless it returns void, which only compiling it tells.
          const type = this.trialBodyType(node, node.body, sam.argumentTypes);
          if (type !== null) return sam.returnType.isVoid() || !type.isVoid();
        }
        const compatible = sam.returnType.isVoid() ? shape.voidCompatible : shape.valueCompatible;
        if (compatible && explicitBlock && sam.returnType.isPrimitive() && !sam.returnType.isVoid()) {
          return this.trialBlockCompiles(node, sam.argumentTypes, sam.returnType);
        }
        if (compatible && sam.returnType.isPrimitive() && !sam.returnType.isVoid()) {
          // `() -> 1L` is no IntSupplier: a long result does not convert to int (JLS §15.27.3), though
          // an int constant that fits narrows (`() -> 1` for a byte, §5.2).
          const type = bodyType(sam);
          if (type !== null && !type.isVoid() && !type.isNull()) {
            const constant = this.constant(explicitBody!);
            return typeof constant?.value === 'number' ? this.ctx.env.isAssignableConstant(constant.value, type, sam.returnType) : this.ctx.env.isAssignable(type, sam.returnType);
          }
        }
        return compatible;
      },
      prefers: (s, t) => {
        const a = method(s);
        const b = method(t);
        if (a === null || b === null) return false;
        if (!a.returnType.isVoid() && b.returnType.isVoid()) return true;
        // JLS §15.12.2.5 for an explicitly typed lambda: R1 <: R2 (IntSupplier's int over LongSupplier's
        // long), or a primitive R1 for a primitive body over a reference R2, and the reverse.
        const r1 = a.returnType;
        const r2 = b.returnType;
        if (!explicit || r1.isVoid() || r2.isVoid() || r1 === r2) return false;
        if (r1.isPrimitive() && r2.isPrimitive()) return isPrimitiveSubtype(r1, r2);
        // Each result expression (the body, or every return of a block) a standalone primitive, or each a reference.
        const single = explicitBlock || node.kind !== 'Lambda' ? null : bodyType(a);
        const types = explicitBlock && node.kind === 'Lambda' ? this.trialBlockResultTypes(node, a.argumentTypes, a.returnType) : single === null ? null : [single];
        if (types === null || types.length === 0 || types.some((type) => type.isVoid())) return false;
        if (r1.isPrimitive() && r2.isReference()) return types.every((type) => type.isPrimitive());
        if (r1.isReference() && r2.isPrimitive()) return types.every((type) => type.isReference());
        return false;
      },
    };
  }

  /**
   * Whether a method reference could stand for a function of `arity` parameters (JLS §15.13.1), and
   * return a value when `needsValue`: by the referenced methods' names and parameter counts, enough to
   * tell `thenComparing(String::toString)`'s Function from its Comparator. When the receiver's type is
   * not known without compiling it, any function fits (the call is then resolved as before).
   */
  private referenceFits(node: Ast.MethodReferenceNode, arity: number, needsValue: boolean): boolean {
    const target = node.target;
    let owner: JavaType | null = null;
    let bound = true;
    if (target.kind === 'super') {
      owner = this.ctx.superName === null ? null : JavaType.classType(this.ctx.superName);
    } else if (target.kind === 'type') {
      owner = this.typeOf(target.type);
      bound = false;
    } else if (target.expression.kind === 'This') {
      owner = JavaType.classType(this.ctx.currentClass);
    } else {
      const typeNode = this.asTypeNode(target.expression);
      if (typeNode !== null) {
        owner = this.typeOf(typeNode);
        bound = false;
      } else if (target.expression.kind === 'Name') {
        owner = this.lookupLocal(target.expression.name)?.type ?? null;
      }
    }
    if (owner === null) return true;
    if (node.name === 'new') {
      if (owner.isArray()) return arity === 1;
      return !owner.isClass() || this.methodsNamed(owner.internalName!, '<init>', false).some((m) => fitsArity(m, arity));
    }
    if (owner.isArray()) return true;
    if (!owner.isClass()) return false;
    const candidates = this.methodsNamed(owner.internalName!, node.name, true);
    return candidates.some((m) => {
      if (needsValue && m.returnType.isVoid()) return false;
      if (bound) return !m.isStatic && fitsArity(m, arity);
      // Type::m: a static method taking every parameter, or an instance method of the first.
      return m.isStatic ? fitsArity(m, arity) : arity >= 1 && fitsArity(m, arity - 1);
    });
  }

  /** The methods named `name` of `owner` (with its supertypes' when `inherited`). */
  private methodsNamed(owner: string, name: string, inherited: boolean): MethodModel[] {
    const env = this.ctx.env;
    const types = inherited ? [owner, ...env.supertypes(owner)] : [owner];
    return types.flatMap((type) => env.findClass(type)?.methods.filter((m) => m.name === name) ?? []);
  }

  // ## Types and conversions

  /** The JavaType a type node names. */
  typeOf(node: Ast.TypeNode | Ast.VoidTypeNode): JavaType {
    switch (node.kind) {
      case 'PrimitiveType':
        return JavaType.fromKeyword(node.name)!;
      case 'VoidType':
        return JavaType.VOID;
      case 'ArrayType':
        return JavaType.arrayOf(this.typeOf(node.elementType));
      case 'ClassType':
        return this.classTypeOf(node);
      case 'VarType':
        throw new CompileError("'var' is not allowed here", node.position);
    }
  }

  /** The type variable in scope a class type node names (`T`), or null. */
  private typeVariableOf(node: Ast.ClassTypeNode): { kind: 'variable'; name: string; erasure: JavaType } | null {
    const part = node.parts[0]!;
    if (node.parts.length !== 1 || part.typeArguments !== null) return null;
    const erased = this.ctx.typeVariables?.get(part.name);
    return erased === undefined ? null : { kind: 'variable', name: part.name, erasure: erased };
  }

  /** The generic type a type node names when it has type arguments or type variables somewhere (`List<String>[]`, `T`); null otherwise. */
  genericTypeOf(node: Ast.TypeNode): GenericType | null {
    if (node.kind === 'ArrayType') {
      const element = this.genericTypeOf(node.elementType);
      return element === null ? null : { kind: 'array', component: element };
    }
    if (node.kind !== 'ClassType') return null;
    const variable = this.typeVariableOf(node);
    if (variable !== null) return variable;
    const last = node.parts[node.parts.length - 1]!;
    if (last.typeArguments === null || last.typeArguments.length === 0) return null;
    const erased = this.classTypeOf(node);
    const args = last.typeArguments.map((arg): TypeArgument =>
      arg.kind === 'WildcardType'
        ? { kind: 'wildcard', bound: arg.bound === null ? null : this.typeArgumentOf(arg.bound), isSuper: arg.boundKind === 'super' }
        : this.typeArgumentOf(arg),
    );
    const expected = this.members.typeParameterCount(erased.internalName!);
    if (expected === 0) throw new CompileError(`type ${erased} does not take parameters`, last.position);
    if (expected !== args.length) throw new CompileError(`wrong number of type arguments; required ${expected}`, last.position);
    return { kind: 'class', name: erased.internalName!, args };
  }

  private typeArgumentOf(node: Ast.ReferenceTypeNode): GenericType {
    const type = this.typeOf(node);
    return this.genericTypeOf(node) ?? genericOf(type);
  }

  /** Records the generic type of `node` when it says more than the erasure. */
  private record(node: Ast.ExpressionNode, generic: GenericType): void {
    if (isGeneric(generic)) this.generics.set(node, generic);
  }

  /**
   * The type of a field read or method call whose erased (descriptor) type is `type` and whose
   * generic type is `generic` (null: nothing more is known). Where the generic type's erasure is
   * narrower — `E` of a List<String> is a String — the value gets javac's checkcast to it (JLS
   * §15.12.4.5 and §15.11.1 on erased member types) and the expression that type.
   */
  private genericResult(type: JavaType, generic: GenericType | null, node: Ast.ExpressionNode | undefined): JavaType {
    if (generic === null) return type;
    const narrowed = erasure(generic);
    let result = type;
    const uncast = this.uncastContext;
    if (narrowed !== type && node !== undefined && uncast !== null && uncast.node === node && type.isReference() && this.ctx.env.isAssignable(type, uncast.target)) {
      // Assigned where the erased type fits: no checkcast, so a polluted heap (a List<String> holding an
      // Integer) fails only where javac's code fails (JLS §4.12.2: heap pollution).
      this.record(node, generic);
      return type;
    }
    if (narrowed !== type) {
      const isNarrower = narrowed.isReference() && type.isReference() && this.members.isKnownSubtype(narrowed, type);
      // A Signature that disagrees with the descriptor is ignored, as HotSpot ignores it.
      if (!isNarrower) return type;
      this.e.checkcast(narrowed);
      this.genericCasts.set(this.target.instructions.getLast()!, type);
      result = narrowed;
    }
    if (node !== undefined) this.record(node, generic);
    return result;
  }

  /**
   * The element type a for-each over `iterable` has beyond its erasure (JLS §14.14.2): the array's
   * generic component, or the type argument of the Iterable it is; null when Object is all that is known.
   */
  private elementGeneric(iterable: Ast.ExpressionNode, iterableType: JavaType): GenericType | null {
    const generic = this.genericsStore?.get(unparenthesized(iterable));
    if (iterableType.isArray()) return generic?.kind === 'array' ? generic.component : null;
    if (!iterableType.isClass()) return null;
    const asIterable = this.members.asSuper(generic ?? genericOf(iterableType), 'java/lang/Iterable');
    const element = asIterable?.args[0];
    if (element === undefined) return null;
    if (element.kind === 'wildcard') return element.bound !== null && !element.isSuper ? element.bound : null;
    return element;
  }

  private classTypeOf(node: Ast.ClassTypeNode): JavaType {
    // A type variable of the method or class (JLS §4.4) is its erasure (its leftmost bound).
    const variable = this.typeVariableOf(node);
    if (variable !== null) return variable.erasure;
    // A local class declared before, in scope to the end of its block (JLS §6.3: see inScope).
    const local = node.parts.length === 1 ? this.ctx.localTypes?.get(node.parts[0]!.name) : undefined;
    if (local !== undefined) return JavaType.classType(local);
    try {
      return this.ctx.names.resolveType(node.parts.map((part) => part.name).join('.'));
    } catch (error) {
      throw error instanceof CompileError ? error.withPosition(node.position) : error;
    }
  }

  /**
   * Converts a value of `from` on the stack to `to`: in 'assignment' and 'invocation' contexts the
   * conversions of JLS §5.2/§5.3 (widening, boxing, unboxing); 'numeric' promotion; 'cast' (§5.5)
   * adds narrowing and checkcast.
   */
  convert(from: JavaType, to: JavaType, position: SourcePosition, context: 'assignment' | 'invocation' | 'numeric' | 'cast'): void {
    if (from === to || to.isVoid()) return;
    const env = this.ctx.env;
    if (from.isNull()) {
      if (to.isPrimitive()) throw new CompileError(`incompatible types: <null> cannot be converted to ${to}`, position);
      return;
    }
    if (from.isPrimitive() && to.isPrimitive()) {
      if (from === JavaType.BOOLEAN || to === JavaType.BOOLEAN) {
        throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
      }
      if (context !== 'cast' && !isPrimitiveWidening(from, to)) {
        throw new CompileError(`incompatible types: possible lossy conversion from ${from} to ${to}`, position);
      }
      this.e.convertPrimitive(from, to);
      return;
    }
    if (from.isPrimitive()) {
      // Boxing (then widening reference): int → Integer, Object, Number, Comparable…
      const box = from.boxed()!;
      if (env.isSubtype(box, to)) {
        this.e.box(from);
        return;
      }
      if (context === 'cast' && to.unboxed() !== null) {
        // (Long) someInt is an error in Java; (Integer) of a char is too. Only the exact box is allowed.
        throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
      }
      throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
    }
    if (to.isPrimitive()) {
      // Unboxing (then widening primitive); a cast from Object unboxes through the wrapper (JLS §5.5 table 5.5-B).
      const unboxed = from.unboxed();
      if (unboxed !== null) {
        this.e.unbox(from, unboxed);
        if (unboxed !== to) {
          if (context !== 'cast' && !isPrimitiveWidening(unboxed, to)) {
            throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
          }
          this.e.convertPrimitive(unboxed, to);
        }
        return;
      }
      if (context === 'cast' && (from === OBJECT || env.isSubtype(to.boxed()!, from))) {
        this.e.unbox(from, to);
        return;
      }
      throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
    }
    // References.
    if (env.isSubtype(from, to)) return;
    if (context === 'cast') {
      if (!env.isCastable(from, to)) throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
      this.e.checkcast(to);
      return;
    }
    throw new CompileError(`incompatible types: ${from} cannot be converted to ${to}`, position);
  }

  // ## Buffers

  /** Runs `compile` writing into a side buffer; returns its instructions and result. */
  buffered<T>(compile: () => T): { code: InsnList; value: T } {
    const saved = this.target;
    const savedEmitter = this.e;
    const buffer = new MethodNode(Opcodes.ASM9);
    buffer.tryCatchBlocks = saved.tryCatchBlocks;
    this.target = buffer;
    this.e = new Emitter(buffer);
    try {
      const value = compile();
      return { code: buffer.instructions, value };
    } finally {
      saved.tryCatchBlocks = buffer.tryCatchBlocks;
      this.target = saved;
      this.e = savedEmitter;
    }
  }

  /** Appends buffered instructions at the current position. */
  append(code: InsnList): void {
    this.target.instructions.add(code);
  }
}

/** The LabelNode of a Label (a MethodNode keeps it in label.info). */
/** An argument of a call, compiled into a side buffer until the method is chosen. */
interface CompiledArgument {
  readonly code: InsnList;
  readonly type: JavaType;
  readonly position: SourcePosition;
  readonly generic?: GenericType | undefined;
  /** A lambda or method reference (or a conditional of them), compiled only once the parameter it goes to is known. */
  readonly functional?: Ast.LambdaNode | Ast.MethodReferenceNode | Ast.ConditionalNode | Ast.SwitchExpressionNode;
  /** A generic method call compiled only once the parameter it goes to is known (see compileArguments); `type` is its erased type. */
  readonly deferred?: Ast.MethodCallNode | Ast.ConditionalNode | Ast.SwitchExpressionNode;
  /** A generic call typed alone (`type`, `generic`), compiled once the parameter it goes to is known, against it (see compileArguments). */
  readonly retarget?: Ast.MethodCallNode;
  /** A generic call whose result mentions type variables it left open: its type once the parameter it goes to is known. */
  readonly refine?: ((target: GenericType) => GenericType | null) | undefined;
}

/** The expression inside any parentheses. */
/**
 * JLS §5.6 general numeric promotion in a numeric choice context (a switch expression's results):
 * double, float, long as usual; else int when some result is a non-constant int; else short, byte or
 * char when every other result is of that type (byte with short) or an int constant that fits; else int.
 */
function generalNumericPromotion(types: readonly JavaType[], constants: readonly (Constant | null)[]): JavaType {
  for (const wide of [JavaType.DOUBLE, JavaType.FLOAT, JavaType.LONG]) if (types.includes(wide)) return wide;
  const isIntConstant = (i: number): boolean => types[i] === JavaType.INT && constants[i] != null && constants[i]!.type === JavaType.INT;
  if (types.some((type, i) => type === JavaType.INT && !isIntConstant(i))) return JavaType.INT;
  const narrowTo = (target: JavaType, alsoAllowed: readonly JavaType[]): boolean =>
    types.includes(target) && types.every((type, i) => type === target || alsoAllowed.includes(type) || (isIntConstant(i) && fits(constants[i]!.value as number, target)));
  if (narrowTo(JavaType.SHORT, [JavaType.BYTE])) return JavaType.SHORT;
  if (narrowTo(JavaType.BYTE, [])) return JavaType.BYTE;
  if (narrowTo(JavaType.CHAR, [])) return JavaType.CHAR;
  return JavaType.INT;
}

/** Whether `method` takes `arity` arguments (a variable arity method any count from its fixed ones). */
function fitsArity(method: MethodModel, arity: number): boolean {
  const count = method.argumentTypes.length;
  return count === arity || (method.isVarargs && arity >= count - 1);
}

/** Whether a real instruction lies between `start` and `end` (labels, line numbers and frames take no bytes). */
export function coversAnInstruction(start: AbstractInsnNode, end: AbstractInsnNode): boolean {
  for (let node = start.getNext(); node !== null && node !== end; node = node.getNext()) {
    if (node.getOpcode() >= 0) return true;
  }
  return false;
}

/** Whether a conditional's operands (through nested conditionals) include a lambda or method reference. */
function hasFunctionalOperand(node: Ast.ConditionalNode): boolean {
  return [node.whenTrue, node.whenFalse].some((operand) => {
    const inner = unparenthesized(operand);
    return inner.kind === 'Lambda' || inner.kind === 'MethodReference' || (inner.kind === 'Conditional' && hasFunctionalOperand(inner));
  });
}

/**
 * Whether a call has an implicitly typed lambda or a method reference among its arguments
 * (`comparing(s -> s.length())`), or in a call among them (`maxBy(comparing(s -> s.length()))`),
 * whose parameter types may come from the call's target.
 */
function hasImplicitLambdaArgument(node: Ast.MethodCallNode): boolean {
  return node.arguments.some((arg) => {
    const inner = unparenthesized(arg);
    if (inner.kind === 'MethodCall') return hasImplicitLambdaArgument(inner);
    // A method reference's parameter types come from the target too (`comparing(Map.Entry::getValue)`).
    if (inner.kind === 'MethodReference') return true;
    return inner.kind === 'Lambda' && inner.parameters.some((parameter) => parameter.type === null || parameter.type.kind === 'VarType');
  });
}

/**
 * Whether an argument may need the type of the parameter it goes to: a call as hasImplicitLambdaArgument
 * says, or a conditional or switch expression (JLS §15.28.1: a poly expression in an invocation context) of one.
 */
function needsTargetType(node: Ast.ExpressionNode): node is Ast.MethodCallNode | Ast.ConditionalNode | Ast.SwitchExpressionNode {
  if (node.kind === 'MethodCall') return hasImplicitLambdaArgument(node);
  if (node.kind === 'SwitchExpression') {
    return yieldedValues(node).some((value) => {
      const inner = unparenthesized(value);
      return (inner.kind === 'MethodCall' || inner.kind === 'Conditional' || inner.kind === 'SwitchExpression') && needsTargetType(inner);
    });
  }
  if (node.kind !== 'Conditional') return false;
  return [node.whenTrue, node.whenFalse].some((operand) => {
    const inner = unparenthesized(operand);
    return (inner.kind === 'MethodCall' || inner.kind === 'Conditional') && needsTargetType(inner);
  });
}

/** Whether a switch expression yields a lambda or method reference (or a conditional of them) from some arm. */
function hasFunctionalArm(node: Ast.SwitchExpressionNode): boolean {
  return yieldedValues(node).some((value) => {
    const inner = unparenthesized(value);
    return inner.kind === 'Lambda' || inner.kind === 'MethodReference' || (inner.kind === 'Conditional' && hasFunctionalOperand(inner));
  });
}

/** The values the arms of a switch expression yield (an arrow's expression included), not those of the switch expressions and lambdas in them. */
function yieldedValues(node: Ast.SwitchExpressionNode): Ast.ExpressionNode[] {
  const values: Ast.ExpressionNode[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const kind = (value as { kind?: string }).kind;
    if (kind === 'Yield') values.push((value as Ast.YieldNode).expression);
    if (kind === 'Yield' || kind === 'SwitchExpression' || kind === 'Lambda' || isClassBodyMember(kind)) return;
    for (const child of Object.values(value as Record<string, unknown>)) if (typeof child === 'object' && child !== null) visit(child);
  };
  for (const switchCase of node.cases) visit(switchCase.body);
  return values;
}

/** Whether a class instance creation's type is a diamond: `new C<>(…)` (JLS §15.9). */
function isDiamond(type: Ast.ClassTypeNode): boolean {
  return type.parts[type.parts.length - 1]!.typeArguments?.length === 0;
}

function unparenthesized(node: Ast.ExpressionNode): Ast.ExpressionNode {
  while (node.kind === 'Parenthesized') node = node.expression;
  return node;
}

function arrayOfGeneric(element: GenericType, dimensions: number): GenericType {
  let type = element;
  for (let i = 0; i < dimensions; i++) type = { kind: 'array', component: type };
  return type;
}

/** javac's name for the flag of assert statements (JLS §14.10). */

function labelNode(label: Label): LabelNode {
  if (!(label.info instanceof LabelNode)) label.info = new LabelNode();
  return label.info as LabelNode;
}

/** The name of a variable as an assignment's target spells it (`x`, `(x)`). */
function nameOf(node: Ast.ExpressionNode): string {
  const inner = unparenthesized(node);
  return inner.kind === 'Name' ? inner.name : '?';
}

/** Whether a try statement occurs anywhere inside `node` (a switch expression's arms). */
/** Whether a switch expression holds a try statement, not counting lambda bodies (methods of their own). */
/** Whether an expression declares variables that outlive it: a pattern (JLS §6.3.1), or those of a switch expression's arms. */
function declaresVariables(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const kind = (node as { kind?: string }).kind;
  if (kind === 'SwitchExpression' || (kind === 'InstanceOf' && (node as Ast.InstanceOfNode).binding !== null)) return true;
  // A lambda body's variables are its own method's, an anonymous class body's its own methods'.
  if (kind === 'Lambda' || isClassBodyMember(kind)) return false;
  for (const value of Object.values(node as Record<string, unknown>)) {
    if (Array.isArray(value) ? value.some(declaresVariables) : typeof value === 'object' && value !== null && 'kind' in value && declaresVariables(value)) return true;
  }
  return false;
}

function containsTry(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const kind = (node as { kind?: string }).kind;
  if (kind === 'Try') return true;
  if (kind === 'Lambda' || isClassBodyMember(kind)) return false;
  for (const value of Object.values(node as Record<string, unknown>)) {
    if (Array.isArray(value) ? value.some(containsTry) : typeof value === 'object' && value !== null && 'kind' in value && containsTry(value)) return true;
  }
  return false;
}

/** Whether `node` is `this` or Javassist's `$0` (in a method, this). */
function isThisReference(node: Ast.ExpressionNode): boolean {
  const inner = unparenthesized(node);
  return (inner.kind === 'This' && inner.qualifier === null) || (inner.kind === 'Name' && inner.name === '$0');
}

/** The members of an anonymous class body: code of the anonymous class's own methods, not of the code around it. */
function isClassBodyMember(kind: string | undefined): boolean {
  return kind === 'MethodDeclaration' || kind === 'FieldDeclaration' || kind === 'Initializer';
}

/** A local class's default constructor (JLS §8.8.9): no parameters, an implicit super(). */
function defaultConstructor(className: string, position: SourcePosition): Ast.ConstructorDeclarationNode {
  return {
    kind: 'ConstructorDeclaration',
    modifiers: { keywords: [], annotations: [] },
    typeParameters: [],
    name: className,
    parameters: [],
    throws: [],
    body: { kind: 'Block', statements: [], position },
    position,
  };
}

function isSpecialCast(node: Ast.CastNode): boolean {
  return node.type.kind === 'ClassType' && (node.type.name === '$r' || node.type.name === '$w');
}

/** Whether `node` is a `($r)` cast (to the result type of the method or the replaced expression). */
function isResultCast(node: Ast.ExpressionNode): node is Ast.CastNode {
  return node.kind === 'Cast' && node.type.kind === 'ClassType' && node.type.name === '$r';
}

function descriptorParameters(method: ResolvedMethod): string {
  return '(' + method.parameterTypes.map((type) => type.toString()).join(', ') + ')';
}

const NEGATED: Readonly<Record<string, string>> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

const INT_COMPARE: Readonly<Record<string, number>> = {
  '==': Opcodes.IF_ICMPEQ,
  '!=': Opcodes.IF_ICMPNE,
  '<': Opcodes.IF_ICMPLT,
  '>=': Opcodes.IF_ICMPGE,
  '>': Opcodes.IF_ICMPGT,
  '<=': Opcodes.IF_ICMPLE,
};

const ZERO_COMPARE: Readonly<Record<string, number>> = {
  '==': Opcodes.IFEQ,
  '!=': Opcodes.IFNE,
  '<': Opcodes.IFLT,
  '>=': Opcodes.IFGE,
  '>': Opcodes.IFGT,
  '<=': Opcodes.IFLE,
};

const ARITHMETIC: Readonly<Record<string, number>> = {
  '+': Opcodes.IADD,
  '-': Opcodes.ISUB,
  '*': Opcodes.IMUL,
  '/': Opcodes.IDIV,
  '%': Opcodes.IREM,
  '&': Opcodes.IAND,
  '|': Opcodes.IOR,
  '^': Opcodes.IXOR,
};

const NEWARRAY_TYPES: Readonly<Record<string, number>> = {
  boolean: Opcodes.T_BOOLEAN,
  char: Opcodes.T_CHAR,
  float: Opcodes.T_FLOAT,
  double: Opcodes.T_DOUBLE,
  byte: Opcodes.T_BYTE,
  short: Opcodes.T_SHORT,
  int: Opcodes.T_INT,
  long: Opcodes.T_LONG,
};

/** What an anonymous class body's member has to compile (see declareClassBodyMembers). */
type ClassBodyMember =
  | {
      readonly kind: 'method';
      readonly node: Ast.MethodDeclarationNode;
      readonly method: MethodNode;
      readonly parameterTypes: readonly JavaType[];
      readonly parameterGenerics: readonly (GenericType | null)[];
      readonly returnType: JavaType;
      readonly returnGeneric: GenericType | null;
      /** The type variables its body sees (its own, the class's, the enclosing code's). */
      readonly typeScope: TypeVariableScope;
    }
  | { readonly kind: 'field'; readonly field: FieldNode; readonly type: JavaType; readonly generic: GenericType | null; readonly initializer: Ast.VariableInitializerNode }
  | { readonly kind: 'initializer'; readonly node: Ast.InitializerNode }
  | {
      readonly kind: 'constructor';
      readonly node: Ast.ConstructorDeclarationNode;
      /** Declared with the constructor's own parameters (see declareClassBodyMembers). */
      readonly method: MethodNode;
      readonly parameterTypes: readonly JavaType[];
      readonly parameterGenerics: readonly (GenericType | null)[];
      /** The type variables its body sees (its own, the class's, the enclosing code's). */
      readonly typeScope: TypeVariableScope;
    };

/**
 * A local enum's own flags besides ACC_ENUM (JLS §8.9): final, unless a constant has a class body (then
 * abstract when it leaves abstract methods to the constants' classes: see localClass).
 */
function enumClassAccess(node: Ast.LocalClassDeclarationNode): number {
  return (node.enumConstants ?? []).some((constant) => constant.body !== null) ? 0 : Opcodes.ACC_FINAL;
}

/** A local enum's constructor descriptor: the constant's name and ordinal before the declared parameters, as javac writes it. */
function enumConstructorDescriptor(declared: string): string {
  return `(Ljava/lang/String;I${declared.slice(1)}`;
}

/** The local variables an enum constructor keeps its constant's name and ordinal in (slots 1 and 2). */
const ENUM_NAME_LOCAL = '$enum$name';
const ENUM_ORDINAL_LOCAL = '$enum$ordinal';

/**
 * `ctx` with its optional field `key` set to `value`, or without the field when `value` is undefined (a code's
 * local classes at a block's end, the type variables after a local class, no enclosing method in initializer code).
 */
function withContext<K extends 'localTypes' | 'typeVariables' | 'methodDescriptor'>(ctx: CompileContext, key: K, value: CompileContext[K] | undefined): CompileContext {
  // Set to undefined rather than deleted: a deleted property sends the object to V8's dictionary mode (see uniformContext).
  return { ...ctx, [key]: value };
}

/**
 * `ctx` as an object of the one shape every generator's context has: each property of CompileContext, in
 * this order, present even when undefined, and a memo. Contexts are made in many places, by literals and by
 * spreads that add a property or two; without this, each place made a shape of its own, every read of
 * `this.ctx.…` in the generator was megamorphic, and a spread of one cost a trip into the runtime (together
 * about a tenth of an insertBefore over commons-lang3). Spreads of a uniform context keep its shape.
 */
function uniformContext(ctx: CompileContext): CompileContext {
  // Typed so that a property added to CompileContext and missing here does not compile.
  const uniform: { readonly [K in keyof Required<CompileContext>]: CompileContext[K] } = {
    env: ctx.env,
    names: ctx.names,
    currentClass: ctx.currentClass,
    superName: ctx.superName,
    isStatic: ctx.isStatic,
    returnType: ctx.returnType,
    returnGeneric: ctx.returnGeneric,
    variables: ctx.variables,
    firstFreeSlot: ctx.firstFreeSlot,
    methodName: ctx.methodName,
    classVersion: ctx.classVersion,
    isInterface: ctx.isInterface,
    lambdaMethods: ctx.lambdaMethods,
    capture: ctx.capture,
    typeVariables: ctx.typeVariables,
    trialBodyTypes: ctx.trialBodyTypes,
    lenientLambdas: ctx.lenientLambdas,
    memo: ctx.memo ?? new CompileMemo(),
    snippetClasses: ctx.snippetClasses,
    localTypes: ctx.localTypes,
    localClasses: ctx.localClasses,
    thisUninitialized: ctx.thisUninitialized,
    snippetClassBody: ctx.snippetClassBody,
    beforeSuperCall: ctx.beforeSuperCall,
    methodDescriptor: ctx.methodDescriptor,
    privateAccessRefusal: ctx.privateAccessRefusal,
    runsIn: ctx.runsIn,
  };
  return uniform;
}

/**
 * A local class's constructor descriptor (see CodeGenerator.localClass): the declared one with the
 * enclosing instance and the captured values after the declared parameters; the declared one while the
 * first pass over the class's own body has not found its captures (that code is dropped).
 */
function localClassDescriptor(info: LocalClassInfo, declared: string): string {
  if (info.captures === null) return declared;
  const extras = [...(info.outerInstance === null ? [] : [JavaType.classType(info.outerInstance)]), ...info.captures.map(([, variable]) => variable.type)];
  return JavaType.methodDescriptor([...JavaType.methodTypes(declared).argumentTypes, ...extras], JavaType.VOID);
}

/** A class body member's Signature (JVMS §4.7.9.1), or null when nothing in its declaration is generic. */
function bodyMemberSignature(typeParameters: string, parameterTypes: readonly JavaType[], parameterGenerics: readonly (GenericType | null)[], returnType: JavaType, returnGeneric: GenericType | null): string | null {
  const generic = typeParameters !== '' || parameterGenerics.some((g) => g !== null && isGeneric(g)) || (returnGeneric !== null && isGeneric(returnGeneric));
  return generic ? methodSignatureText(typeParameters, parameterTypes, parameterGenerics, returnType, returnGeneric) : null;
}

/** The instance methods a class body declares: those that may override (and need bridges, JLS §15.12.4.5). */
function instanceMethodsOf(members: readonly ClassBodyMember[]): MethodNode[] {
  return members.flatMap((member) => (member.kind === 'method' && !isStaticMember(member) ? [member.method] : []));
}

/** Whether a class body member runs in the class's static context (JLS §8.1.3): a static method, field initializer or initializer. */
function isStaticMember(member: ClassBodyMember): boolean {
  switch (member.kind) {
    case 'method':
      return (member.method.access & Opcodes.ACC_STATIC) !== 0;
    case 'field':
      return (member.field.access & Opcodes.ACC_STATIC) !== 0;
    case 'initializer':
      return member.node.isStatic === true;
    default:
      return false;
  }
}

/**
 * Where the anonymous and local classes declared inside the members of class `owner` go: to `sink`, each
 * listed in `owner`'s InnerClasses too (JVMS §4.7.6: every nested class its constant pool names).
 */
function nestedClassSink(sink: SnippetClassSink, owner: ClassNode): SnippetClassSink {
  return {
    name: (enclosingName, simpleName) => sink.name(enclosingName, simpleName),
    add: (nestedNode) => {
      const own = nestedNode.innerClasses.find((entry) => entry.name === nestedNode.name);
      owner.innerClasses.push(new InnerClassNode(nestedNode.name, null, own?.innerName ?? null, own?.access ?? 0));
      sink.add(nestedNode);
    },
  };
}

/** The access flags of member modifiers (JVMS §4.5, §4.6). */
function memberAccess(modifiers: Ast.ModifiersNode): number {
  const flags: Record<string, number> = {
    public: Opcodes.ACC_PUBLIC, protected: Opcodes.ACC_PROTECTED, private: Opcodes.ACC_PRIVATE, static: Opcodes.ACC_STATIC,
    final: Opcodes.ACC_FINAL, abstract: Opcodes.ACC_ABSTRACT, native: Opcodes.ACC_NATIVE, synchronized: Opcodes.ACC_SYNCHRONIZED,
    transient: Opcodes.ACC_TRANSIENT, volatile: Opcodes.ACC_VOLATILE, strictfp: Opcodes.ACC_STRICT,
  };
  return modifiers.keywords.reduce((access, keyword) => access | (flags[keyword] ?? 0), 0);
}

/**
 * Where the lambdas of an anonymous class's member `member` go: private synthetic methods of the
 * anonymous class (`lambda$<member>$<n>`, as javac names them). Asserts set the class's own flag; serializable lambdas,
 * which need a static initializer or `$deserializeLambda$` in it, are refused.
 */
function classBodyLambdaSink(anon: ClassNode, member: string): LambdaMethodSink {
  const base = member === '<init>' ? 'new' : member;
  return {
    add(method: MethodNode): string {
      const taken = new Set(anon.methods.map((m) => m.name));
      let n = 0;
      while (taken.has(`lambda$${base}$${n}`)) n++;
      method.name = `lambda$${base}$${n}`;
      anon.methods.push(method);
      return method.name;
    },
    assertionsDisabledField(): string {
      // The class's static initializer sets it (see compileStaticInitializer, which runs last).
      if (!anon.fields.some((f) => f.name === ASSERTIONS_DISABLED)) {
        if ((anon.access & Opcodes.ACC_INTERFACE) !== 0) throw new CompileError('assert statements in interfaces are not supported in snippets');
        checkAssertionsSupported(anon.version);
        anon.fields.push(assertionsDisabledField());
      }
      return ASSERTIONS_DISABLED;
    },
    addDeserializationCase(): void {
      throw new CompileError('serializable lambdas in anonymous and local classes are not supported in snippets');
    },
  };
}
