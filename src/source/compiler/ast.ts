// The syntax tree of Java snippets, method, constructor and field declarations (the Javassist-style API's
// source input), as produced by parser.ts.
//
// Every node is a plain object with a `kind` discriminant and a `position` (1-based line and column, 0-based
// offset into the source as written). A node's position is the position of its first token, except where a
// later token is what an error message should point at (javac does the same, JCTree.pos):
//   - Binary, Assign, Conditional, InstanceOf: the operator (`+`, `=`, `?`, `instanceof`);
//   - FieldAccess and MethodCall with a target: the member name after the `.`.
//
// The tree is syntax only. Names are not resolved: `java.lang.System.out` is the chain
// FieldAccess(FieldAccess(FieldAccess(Name java, lang), System), out), and the compiler decides which prefix
// is a package, a type or a variable, as javac does for ambiguous names (JLS §6.5.2). Type arguments are
// kept in the tree (they are erased by the compiler, JLS §4.6).

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

interface Node {
  readonly position: SourcePosition;
}

// ## Types (JLS §4.2, §4.3, §4.5, §14.4.1)

export type PrimitiveTypeName = 'boolean' | 'byte' | 'short' | 'char' | 'int' | 'long' | 'float' | 'double';

export interface PrimitiveTypeNode extends Node {
  readonly kind: 'PrimitiveType';
  readonly name: PrimitiveTypeName;
}

/** One segment of a class type: `Entry<K, V>` in `java.util.Map.Entry<K, V>`. */
export interface ClassTypePart {
  readonly name: string;
  /** null: none written; []: the diamond `<>` (only in `new C<>(…)`). */
  readonly typeArguments: readonly TypeArgumentNode[] | null;
  readonly position: SourcePosition;
}

/** A class, interface or type-variable type as written; which prefix is a package is decided later. */
export interface ClassTypeNode extends Node {
  readonly kind: 'ClassType';
  readonly parts: readonly ClassTypePart[];
  /** The parts' names joined with `.`, type arguments dropped: `java.util.Map.Entry`. */
  readonly name: string;
}

export interface ArrayTypeNode extends Node {
  readonly kind: 'ArrayType';
  readonly elementType: TypeNode;
}

/** `var` in a local variable declaration or a for-each header (JLS §14.4.1). */
export interface VarTypeNode extends Node {
  readonly kind: 'VarType';
}

/** `void`: a method's result type, or `void.class`. */
export interface VoidTypeNode extends Node {
  readonly kind: 'VoidType';
}

/** `?`, `? extends T`, `? super T` (JLS §4.5.1). */
export interface WildcardTypeNode extends Node {
  readonly kind: 'WildcardType';
  readonly boundKind: 'extends' | 'super' | null;
  readonly bound: ReferenceTypeNode | null;
}

export type ReferenceTypeNode = ClassTypeNode | ArrayTypeNode;
export type TypeNode = PrimitiveTypeNode | ClassTypeNode | ArrayTypeNode | VarTypeNode;
export type TypeArgumentNode = ReferenceTypeNode | WildcardTypeNode;

// ## Expressions (JLS §15)

/** An int literal (JLS §3.10.1); `-2147483648` is folded into one literal, the only way to write it. */
export interface IntLiteralNode extends Node {
  readonly kind: 'IntLiteral';
  readonly value: number;
}

/** A long literal; `-9223372036854775808L` is folded as `-2147483648` is. */
export interface LongLiteralNode extends Node {
  readonly kind: 'LongLiteral';
  readonly value: bigint;
}

/** A float (`isFloat`, value already rounded to float32) or double literal (JLS §3.10.2). */
export interface FloatLiteralNode extends Node {
  readonly kind: 'FloatLiteral';
  readonly value: number;
  readonly isFloat: boolean;
}

/** A char literal: its UTF-16 code unit. */
export interface CharLiteralNode extends Node {
  readonly kind: 'CharLiteral';
  readonly value: number;
}

/** A string literal or text block, escapes interpreted and (text blocks) incidental white space stripped. */
export interface StringLiteralNode extends Node {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly textBlock: boolean;
}

export interface BooleanLiteralNode extends Node {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
}

export interface NullLiteralNode extends Node {
  readonly kind: 'NullLiteral';
}

/** A simple name: a local, a field, a type, or a package prefix (JLS §6.5). Javassist's `$1`, `$$`… too. */
export interface NameNode extends Node {
  readonly kind: 'Name';
  readonly name: string;
}

/** `target.name`: a field access, or a qualified name whose meaning the compiler decides. */
export interface FieldAccessNode extends Node {
  readonly kind: 'FieldAccess';
  readonly target: ExpressionNode;
  readonly name: string;
}

/** `super.name` or `T.super.name` (JLS §15.11.2). */
export interface SuperFieldAccessNode extends Node {
  readonly kind: 'SuperFieldAccess';
  readonly qualifier: ClassTypeNode | null;
  readonly name: string;
}

/** `super` or `T.super` as the target of a method call (JLS §15.12.1). Not an expression by itself. */
export interface SuperNode extends Node {
  readonly kind: 'Super';
  readonly qualifier: ClassTypeNode | null;
}

export interface MethodCallNode extends Node {
  readonly kind: 'MethodCall';
  /** null: an unqualified call `m(…)`. */
  readonly target: ExpressionNode | SuperNode | null;
  /** Explicit type arguments `x.<T>m()`; null when none were written. */
  readonly typeArguments: readonly TypeArgumentNode[] | null;
  readonly name: string;
  readonly arguments: readonly ExpressionNode[];
}

/** `new C(…)` or `outer.new Inner(…)` (JLS §15.9), with an anonymous class body `new C(…) { … }` (§15.9.5). */
export interface NewNode extends Node {
  readonly kind: 'New';
  readonly outer: ExpressionNode | null;
  /** Constructor type arguments `new <T>C()`; null when none were written. */
  readonly typeArguments: readonly TypeArgumentNode[] | null;
  readonly type: ClassTypeNode;
  readonly arguments: readonly ExpressionNode[];
  /** The members of an anonymous class body (JLS §15.9.5), in source order; absent for a plain `new`. */
  readonly body?: readonly ClassBodyMemberNode[];
}

/** An instance initializer `{ … }` of a class body (JLS §8.6). */
export interface InitializerNode extends Node {
  readonly kind: 'Initializer';
  /** `static { … }` (JLS §8.7): part of the class's <clinit>; else an instance initializer (§8.6). */
  readonly isStatic?: boolean;
  readonly body: BlockNode;
}

/** What an anonymous or local class body declares (JLS §8.1.6): methods, fields, instance and static initializers and (a local class's) constructors. */
export type ClassBodyMemberNode = MethodDeclarationNode | FieldDeclarationNode | InitializerNode | ConstructorDeclarationNode;

/**
 * `new T[d1][d2][]…` or `new T[]…{…}` (JLS §15.10.1). The array type has
 * `dimensions.length + extraDimensions` dimensions; `elementType` is never itself an array.
 */
export interface NewArrayNode extends Node {
  readonly kind: 'NewArray';
  readonly elementType: PrimitiveTypeNode | ClassTypeNode;
  readonly dimensions: readonly ExpressionNode[];
  readonly extraDimensions: number;
  readonly initializer: ArrayInitializerNode | null;
}

/** `{a, b, {c}}` in a declarator or after `new T[]` (JLS §10.6). Not an expression by itself. */
export interface ArrayInitializerNode extends Node {
  readonly kind: 'ArrayInitializer';
  readonly elements: readonly VariableInitializerNode[];
}

export type VariableInitializerNode = ExpressionNode | ArrayInitializerNode;

export interface ArrayAccessNode extends Node {
  readonly kind: 'ArrayAccess';
  readonly array: ExpressionNode;
  readonly index: ExpressionNode;
}

export type UnaryOperator = '+' | '-' | '!' | '~' | '++' | '--';

/** Prefix `+x -x !x ~x ++x --x`, or postfix `x++ x--` (`postfix`). */
export interface UnaryNode extends Node {
  readonly kind: 'Unary';
  readonly op: UnaryOperator;
  readonly postfix: boolean;
  readonly operand: ExpressionNode;
}

export type BinaryOperator =
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '>' | '<=' | '>='
  | '<<' | '>>' | '>>>' | '+' | '-' | '*' | '/' | '%';

export interface BinaryNode extends Node {
  readonly kind: 'Binary';
  readonly op: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

export type AssignmentOperator =
  | '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '>>>=';

/** `target op value`; the parser has checked that `target` is a variable (possibly parenthesized). */
export interface AssignNode extends Node {
  readonly kind: 'Assign';
  readonly op: AssignmentOperator;
  readonly target: ExpressionNode;
  readonly value: ExpressionNode;
}

export interface ConditionalNode extends Node {
  readonly kind: 'Conditional';
  readonly condition: ExpressionNode;
  readonly whenTrue: ExpressionNode;
  readonly whenFalse: ExpressionNode;
}

/** `(T) e` or `(T & I1 & I2) e` (JLS §15.16). Javassist's `($r) e`, `($w) e` are casts to the type `$r`/`$w`. */
export interface CastNode extends Node {
  readonly kind: 'Cast';
  readonly type: TypeNode;
  readonly additionalBounds: readonly ClassTypeNode[];
  readonly expression: ExpressionNode;
}

/** The binding of a type pattern `e instanceof T name` (JLS §14.30.1, §15.20.2). */
export interface PatternBinding {
  readonly name: string;
  readonly isFinal: boolean;
  readonly position: SourcePosition;
}

export interface InstanceOfNode extends Node {
  readonly kind: 'InstanceOf';
  readonly expression: ExpressionNode;
  readonly type: TypeNode;
  readonly binding: PatternBinding | null;
}

/** `T.class`, `int[].class`, `void.class` (JLS §15.8.2). */
export interface ClassLiteralNode extends Node {
  readonly kind: 'ClassLiteral';
  readonly type: TypeNode | VoidTypeNode;
}

/** `this` or `Outer.this` (JLS §15.8.3, §15.8.4). */
export interface ThisNode extends Node {
  readonly kind: 'This';
  readonly qualifier: ClassTypeNode | null;
}

/** `(e)`: kept because it matters (`(a) = 1` is legal, `(a = 1);` is not a statement; string folding). */
export interface ParenthesizedNode extends Node {
  readonly kind: 'Parenthesized';
  readonly expression: ExpressionNode;
}

/**
 * `switch (e) { … }` as an expression (JLS §15.28). In the arrow form, `case L -> expr;` is given as the body
 * `[Yield(expr)]`, which is what it means (JLS §15.28.2).
 */
export interface SwitchExpressionNode extends Node {
  readonly kind: 'SwitchExpression';
  readonly selector: ExpressionNode;
  readonly arrowForm: boolean;
  readonly cases: readonly SwitchCaseNode[];
}

/** A lambda's parameter: `x` (inferred), `var x` (inferred) or `String x` (declared). */
export interface LambdaParameterNode extends Node {
  readonly name: string;
  /** null when inferred from the target's function type. */
  readonly type: TypeNode | null;
}

/** `x -> …`, `(a, b) -> …`, `(int a, String b) -> { … }` (JLS §15.27). */
export interface LambdaNode extends Node {
  readonly kind: 'Lambda';
  readonly parameters: readonly LambdaParameterNode[];
  readonly body: ExpressionNode | BlockNode;
}

/**
 * `Type::name`, `expr::name`, `super::name`, `Type::new`, `int[]::new` (JLS §15.13). A name before
 * `::` (`String`, `java.util.Objects`, `list`) is an expression node whose meaning — a type or a
 * variable — the compiler decides, as for other ambiguous names.
 */
export interface MethodReferenceNode extends Node {
  readonly kind: 'MethodReference';
  readonly target:
    | { readonly kind: 'expression'; readonly expression: ExpressionNode }
    | { readonly kind: 'type'; readonly type: TypeNode }
    | { readonly kind: 'super' };
  /** The method's name, or `new` for a constructor or array creation reference. */
  readonly name: string;
}

export type ExpressionNode =
  | IntLiteralNode | LongLiteralNode | FloatLiteralNode | CharLiteralNode | StringLiteralNode
  | BooleanLiteralNode | NullLiteralNode
  | NameNode | FieldAccessNode | SuperFieldAccessNode | MethodCallNode | NewNode | NewArrayNode | ArrayAccessNode
  | UnaryNode | BinaryNode | AssignNode | ConditionalNode | CastNode | InstanceOfNode | ClassLiteralNode
  | ThisNode | ParenthesizedNode | SwitchExpressionNode | LambdaNode | MethodReferenceNode;

// ## Statements (JLS §14)

export interface BlockNode extends Node {
  readonly kind: 'Block';
  readonly statements: readonly StatementNode[];
}

/** Modifier keywords (in source order) and annotations (parsed, kept, meant to be ignored). */
export interface ModifiersNode {
  readonly keywords: readonly ModifierKeyword[];
  readonly annotations: readonly AnnotationNode[];
}

export type ModifierKeyword =
  | 'public' | 'protected' | 'private' | 'static' | 'abstract' | 'final' | 'native' | 'synchronized'
  | 'transient' | 'volatile' | 'strictfp' | 'default';

/** `name[]… = initializer` in a local variable or field declaration (JLS §8.3, §14.4). */
export interface VariableDeclaratorNode extends Node {
  readonly kind: 'VariableDeclarator';
  readonly name: string;
  /** `int a[][]`: the declared type gets this many more dimensions. */
  readonly extraDimensions: number;
  readonly initializer: VariableInitializerNode | null;
}

export interface LocalVariableDeclarationNode extends Node {
  readonly kind: 'LocalVariableDeclaration';
  readonly modifiers: ModifiersNode;
  /** The type before the declarators (`VarType` for `var`, then exactly one declarator with an initializer). */
  readonly type: TypeNode;
  readonly declarators: readonly VariableDeclaratorNode[];
}

/** A statement expression (JLS §14.8): assignment, `++`/`--`, method call or `new`. */
export interface ExpressionStatementNode extends Node {
  readonly kind: 'ExpressionStatement';
  readonly expression: ExpressionNode;
}

export interface IfNode extends Node {
  readonly kind: 'If';
  readonly condition: ExpressionNode;
  readonly thenStatement: StatementNode;
  readonly elseStatement: StatementNode | null;
}

export interface WhileNode extends Node {
  readonly kind: 'While';
  readonly condition: ExpressionNode;
  readonly body: StatementNode;
}

export interface DoWhileNode extends Node {
  readonly kind: 'DoWhile';
  readonly body: StatementNode;
  readonly condition: ExpressionNode;
}

export interface ForNode extends Node {
  readonly kind: 'For';
  /** One local variable declaration, or statement expressions (JLS §14.14.1). */
  readonly init: readonly (LocalVariableDeclarationNode | ExpressionStatementNode)[];
  readonly condition: ExpressionNode | null;
  readonly update: readonly ExpressionStatementNode[];
  readonly body: StatementNode;
}

/** `for (T name : iterable)` (JLS §14.14.2). */
export interface ForEachNode extends Node {
  readonly kind: 'ForEach';
  readonly modifiers: ModifiersNode;
  readonly type: TypeNode;
  readonly name: string;
  readonly extraDimensions: number;
  readonly iterable: ExpressionNode;
  readonly body: StatementNode;
}

export interface ReturnNode extends Node {
  readonly kind: 'Return';
  readonly expression: ExpressionNode | null;
}

export interface ThrowNode extends Node {
  readonly kind: 'Throw';
  readonly expression: ExpressionNode;
}

export interface BreakNode extends Node {
  readonly kind: 'Break';
  readonly label: string | null;
}

export interface ContinueNode extends Node {
  readonly kind: 'Continue';
  readonly label: string | null;
}

export interface LabeledNode extends Node {
  readonly kind: 'Labeled';
  readonly label: string;
  readonly body: StatementNode;
}

/**
 * One switch rule or statement group (JLS §14.11.1). Consecutive labels `case 1: case 2:` and `case 1, 2:`
 * are merged into one group. Colon form: `body` is the group's block statements (possibly empty, falling
 * through). Arrow form: `body` is one statement: a Block, a Throw, an ExpressionStatement (switch statement)
 * or a Yield (switch expression, `case L -> expr;`).
 */
export interface SwitchCaseNode extends Node {
  readonly kind: 'SwitchCase';
  readonly labels: readonly ExpressionNode[];
  readonly isDefault: boolean;
  readonly body: readonly StatementNode[];
}

export interface SwitchNode extends Node {
  readonly kind: 'Switch';
  readonly selector: ExpressionNode;
  readonly arrowForm: boolean;
  readonly cases: readonly SwitchCaseNode[];
}

/** A try-with-resources resource: a declaration with one declarator, or a variable access (JLS §14.20.3). */
export type TryResourceNode = LocalVariableDeclarationNode | NameNode | FieldAccessNode;

export interface CatchClauseNode extends Node {
  readonly kind: 'CatchClause';
  readonly modifiers: ModifiersNode;
  /** Several for a multi-catch `catch (A | B e)`. */
  readonly types: readonly ClassTypeNode[];
  readonly name: string;
  readonly body: BlockNode;
}

export interface TryNode extends Node {
  readonly kind: 'Try';
  readonly resources: readonly TryResourceNode[];
  readonly block: BlockNode;
  readonly catches: readonly CatchClauseNode[];
  readonly finallyBlock: BlockNode | null;
}

export interface SynchronizedNode extends Node {
  readonly kind: 'Synchronized';
  readonly lock: ExpressionNode;
  readonly body: BlockNode;
}

export interface EmptyNode extends Node {
  readonly kind: 'Empty';
}

export interface AssertNode extends Node {
  readonly kind: 'Assert';
  readonly condition: ExpressionNode;
  readonly message: ExpressionNode | null;
}

/** `yield e;`, only inside a switch expression (JLS §14.21). */
export interface YieldNode extends Node {
  readonly kind: 'Yield';
  readonly expression: ExpressionNode;
}

/**
 * `this(…);`, `super(…);` or `outer.super(…);` (JLS §8.8.7.1). Parsed wherever a statement may stand (a
 * snippet does not say whether it is a constructor body); the compiler checks that it comes first.
 */
export interface ExplicitConstructorInvocationNode extends Node {
  readonly kind: 'ExplicitConstructorInvocation';
  readonly isSuper: boolean;
  readonly qualifier: ExpressionNode | null;
  readonly typeArguments: readonly TypeArgumentNode[] | null;
  readonly arguments: readonly ExpressionNode[];
}

export type StatementNode =
  | BlockNode | LocalVariableDeclarationNode | ExpressionStatementNode | IfNode | WhileNode | DoWhileNode
  | ForNode | ForEachNode | ReturnNode | ThrowNode | BreakNode | ContinueNode | LabeledNode | SwitchNode
  | TryNode | SynchronizedNode | EmptyNode | AssertNode | YieldNode | ExplicitConstructorInvocationNode | LocalClassDeclarationNode;

/** `class Name extends S implements I, J { … }` or `record Name(int x, …) implements I { … }` as a block statement (JLS §14.3): a local class or record. */
export interface LocalClassDeclarationNode extends Node {
  readonly kind: 'LocalClass';
  /** A class or record (see components), an interface (its superinterfaces in `interfaces`) or an enum (JLS §14.3). */
  readonly form?: 'interface' | 'enum';
  /** An enum's constants (JLS §8.9.1). */
  readonly enumConstants?: readonly EnumConstantNode[];
  readonly modifiers: ModifiersNode;
  readonly name: string;
  /** `class Box<T extends Comparable<T>>` (JLS §8.1.2); empty when not generic. */
  readonly typeParameters: readonly TypeParameterNode[];
  /** A local record's components (JLS §8.10.1); null for a class. */
  readonly components: readonly ParameterNode[] | null;
  readonly superclass: ClassTypeNode | null;
  readonly interfaces: readonly ClassTypeNode[];
  readonly body: readonly ClassBodyMemberNode[];
}

/** `RED`, `RED(0xff0000)` or `PLUS { int apply(int a, int b) { … } }` of a local enum (JLS §8.9.1). */
export interface EnumConstantNode extends Node {
  readonly kind: 'EnumConstant';
  readonly name: string;
  readonly arguments: readonly ExpressionNode[];
  /** The constant's class body (an anonymous subclass of the enum), or null. */
  readonly body: readonly ClassBodyMemberNode[] | null;
}

// ## Declarations (for CtNewMethod.make, CtNewConstructor.make, CtField.make; JLS §8.3, §8.4, §8.8, §9.7)

/** `@Name`, `@Name(v)`, `@Name(a = v, b = {…})`: parsed and kept, the compiler ignores them. */
export interface AnnotationNode extends Node {
  readonly kind: 'Annotation';
  readonly name: string;
  /** `@A(v)` is the single element `value`. */
  readonly elements: readonly { readonly name: string; readonly value: ElementValueNode }[];
}

export interface ElementValueArrayNode extends Node {
  readonly kind: 'ElementValueArray';
  readonly values: readonly ElementValueNode[];
}

export type ElementValueNode = ExpressionNode | AnnotationNode | ElementValueArrayNode;

/** `T extends A & B` (JLS §8.1.2). */
export interface TypeParameterNode extends Node {
  readonly kind: 'TypeParameter';
  readonly name: string;
  readonly bounds: readonly ClassTypeNode[];
}

export interface ParameterNode extends Node {
  readonly kind: 'Parameter';
  readonly modifiers: ModifiersNode;
  /** The parameter's type with `[]` after the name and `...` folded in: `String... a` is `String[]`. */
  readonly type: TypeNode;
  readonly varargs: boolean;
  readonly name: string;
}

export interface MethodDeclarationNode extends Node {
  readonly kind: 'MethodDeclaration';
  readonly modifiers: ModifiersNode;
  readonly typeParameters: readonly TypeParameterNode[];
  /** With `int m()[]`'s dimensions folded in. */
  readonly returnType: TypeNode | VoidTypeNode;
  readonly name: string;
  readonly parameters: readonly ParameterNode[];
  readonly throws: readonly ClassTypeNode[];
  /** null: `;` instead of a body (abstract or native). */
  readonly body: BlockNode | null;
}

export interface ConstructorDeclarationNode extends Node {
  readonly kind: 'ConstructorDeclaration';
  /** A record's compact canonical constructor `Name { … }` (JLS §8.10.4.2): its parameters are the components. */
  readonly compact?: boolean;
  readonly modifiers: ModifiersNode;
  readonly typeParameters: readonly TypeParameterNode[];
  /** The class name as written; the caller decides whether it matches. */
  readonly name: string;
  readonly parameters: readonly ParameterNode[];
  readonly throws: readonly ClassTypeNode[];
  readonly body: BlockNode;
}

export interface FieldDeclarationNode extends Node {
  readonly kind: 'FieldDeclaration';
  readonly modifiers: ModifiersNode;
  readonly type: TypeNode;
  readonly declarators: readonly VariableDeclaratorNode[];
}

export type DeclarationNode = MethodDeclarationNode | ConstructorDeclarationNode | FieldDeclarationNode;
