// The recursive-descent parser of Java snippets and member declarations (JLS 17 chapters 8, 14 and 15).
//
// Entry points: parseSnippet (the bodies given to insertBefore, insertAfter, setBody…), parseExpression,
// parseMethodDeclaration (CtNewMethod.make), parseConstructorDeclaration (CtNewConstructor.make) and
// parseFieldDeclaration (CtField.make). Each parses the whole source or throws JavaSyntaxError.
//
// Java's grammar is not LL(1); the four places where it needs more lookahead are decided as javac does:
//   - a block statement is a local variable declaration when it starts with a type followed by an
//     identifier (JLS §14.4; `List<String> a = …`, `a.b.C[] x`), else a statement (`a < b`, `x = 1`);
//   - `(` starts a cast when what follows it up to the matching `)` is a type and, for a reference type, the
//     token after `)` can start a UnaryExpressionNotPlusMinus (JLS §15.16): `(String) o`, `($r) x`, but not
//     `(a) + b`; a primitive type is always a cast: `(int) -x`;
//   - `>>` and `>>>` close several type argument lists at once (JLS §4.5): the parser consumes such a token
//     one `>` at a time;
//   - a name followed by `<` starts a method reference's parameterized type when type arguments and `::`
//     follow (`ArrayList<String>::new`, JLS §15.13), else it is a comparison (`a < b`).
// Lambdas and method references are parsed (JLS §15.27, §15.13): `x ->` or `(…) ->` where an expression
// starts, `::` after a primary, a name or an array type. Anonymous and local classes are rejected with a
// clear message: Javassist does not compile them either.
//
// Robustness: the parser only ever throws JavaSyntaxError. Nesting depth is bounded (MAX_DEPTH), and a
// stack overflow that slips through is still reported as "too deeply nested".

import type {
  AnnotationNode, ArrayInitializerNode, AssignmentOperator, BinaryOperator, BlockNode, CatchClauseNode,
  ClassBodyMemberNode, ClassTypeNode, EnumConstantNode, ClassTypePart, ConstructorDeclarationNode, ElementValueNode, ExpressionNode,
  ExpressionStatementNode, FieldDeclarationNode, LambdaNode, MethodReferenceNode, LambdaParameterNode, LocalClassDeclarationNode, LocalVariableDeclarationNode, MethodDeclarationNode,
  ModifierKeyword, ModifiersNode, NewArrayNode, ParameterNode, PatternBinding, PrimitiveTypeName, PrimitiveTypeNode,
  ReferenceTypeNode, SourcePosition, StatementNode, SwitchCaseNode, TryResourceNode, TypeArgumentNode,
  TypeNode, TypeParameterNode, UnaryOperator, VariableDeclaratorNode, VariableInitializerNode, VoidTypeNode,
} from './ast.js';
import { JavaSyntaxError } from './java-syntax-error.js';
import { Lexer, type Token } from './lexer.js';

/** Nesting units (expressions, statements, types) allowed before "too deeply nested". */
const MAX_DEPTH = 1000;

const PRIMITIVE_TYPES: ReadonlySet<string> = new Set(['boolean', 'byte', 'short', 'char', 'int', 'long', 'float', 'double']);

const MODIFIERS: ReadonlySet<string> = new Set([
  'public', 'protected', 'private', 'static', 'abstract', 'final', 'native', 'synchronized', 'transient',
  'volatile', 'strictfp', 'default',
]);

const ASSIGNMENT_OPERATORS: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '>>>=']);

/** JLS §15.17 - §15.24, loosest first; `instanceof` binds like the relational operators (JLS §15.20). */
const BINARY_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5], ['==', 6], ['!=', 6],
  ['<', 7], ['>', 7], ['<=', 7], ['>=', 7], ['instanceof', 7],
  ['<<', 8], ['>>', 8], ['>>>', 8], ['+', 9], ['-', 9], ['*', 10], ['/', 10], ['%', 10],
]);

/** The modifiers a local class or record takes besides `final` and annotations (JLS §14.3, §8.10). */
const LOCAL_CLASS_MODIFIERS = ['abstract', 'strictfp'];
const LOCAL_RECORD_MODIFIERS = ['static', 'strictfp'];
const LOCAL_INTERFACE_MODIFIERS = ['static', 'strictfp', 'abstract'];
const NOT_SUPPORTED_LOCAL_CLASS = 'an annotation interface cannot be local (JLS §14.3)';

type MethodReferenceTarget = MethodReferenceNode['target'];

interface Mark {
  readonly index: number;
  readonly split: number;
}

function positionOf(token: Token): SourcePosition {
  return { line: token.line, column: token.column, offset: token.offset };
}

/** How a token is named in an error message: quoted text, shortened. */
function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of input';
  if (token.kind === 'string') return token.textBlock ? 'a text block' : 'a string literal';
  const text = token.text.length > 24 ? `${token.text.slice(0, 24)}…` : token.text;
  return `'${text}'`;
}

/** JLS §14.8: the expressions that may stand as statements. */
function isStatementExpression(e: ExpressionNode): boolean {
  switch (e.kind) {
    case 'Assign':
    case 'MethodCall':
    case 'New':
      return true;
    case 'Unary':
      return e.op === '++' || e.op === '--';
    default:
      return false;
  }
}

/** JLS §15.8: a primary or a name, which `.` may follow. */
function isPrimary(e: ExpressionNode): boolean {
  switch (e.kind) {
    case 'Unary': case 'Binary': case 'Assign': case 'Conditional': case 'Cast': case 'InstanceOf':
      return false;
    default:
      return true;
  }
}

/** JLS §15.26, §15.14, §15.15.1: what may be assigned or incremented (parenthesized, JLS §15.8.5). */
function isVariable(e: ExpressionNode): boolean {
  switch (e.kind) {
    case 'Name':
    case 'FieldAccess':
    case 'SuperFieldAccess':
    case 'ArrayAccess':
      return true;
    case 'Parenthesized':
      return isVariable(e.expression);
    default:
      return false;
  }
}

class Parser {
  private readonly lexer: Lexer;
  private readonly tokens: Token[] = [];
  /** Index of the current token. */
  private index = 0;
  /** How many leading `>` of the current token a type argument list has consumed (`>>`, `>>>`). */
  private split = 0;
  private depth = 0;
  /** >0 while a lookahead tries an interpretation: errors it would report later need not be exact now. */
  private speculating = 0;
  private switchExpressionDepth = 0;
  /** A lexical error met while pulling tokens: it stands, even inside a speculative parse. */
  private lexError: JavaSyntaxError | null = null;
  /** "too deeply nested": it stands too, whatever the interpretation. */
  private nestingError: JavaSyntaxError | null = null;
  /** Token index of `(` → index of its matching `)` (-1: unmatched), filled by matchingParen. */
  private readonly parenMatches = new Map<number, number>();

  constructor(source: string) {
    this.lexer = new Lexer(source);
  }

  // ## Tokens

  private tokenAt(i: number): Token {
    while (this.tokens.length <= i) {
      const last = this.tokens[this.tokens.length - 1];
      if (last !== undefined && last.kind === 'eof') return last;
      if (this.lexError !== null) throw this.lexError;
      try {
        this.tokens.push(this.lexer.next());
      } catch (e) {
        if (e instanceof JavaSyntaxError) this.lexError = e;
        throw e;
      }
    }
    return this.tokens[i]!;
  }

  /** The token `n` ahead; the current one reflects a partly consumed `>>`. */
  private peek(n = 0): Token {
    const token = this.tokenAt(this.index + n);
    if (n > 0 || this.split === 0) return token;
    return {
      kind: 'operator', text: token.text.slice(this.split), line: token.line, column: token.column + this.split,
      offset: token.offset + this.split, end: token.end,
    };
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') {
      this.index++;
      this.split = 0;
    }
    return token;
  }

  private is(text: string, n = 0): boolean {
    const token = this.peek(n);
    return (token.kind === 'operator' || token.kind === 'keyword') && token.text === text;
  }

  private isIdentifier(n = 0, text?: string): boolean {
    const token = this.peek(n);
    return token.kind === 'identifier' && (text === undefined || token.text === text);
  }

  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.advance();
    return true;
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.fail(`'${text}'`);
    return this.advance();
  }

  private identifier(): Token {
    if (!this.isIdentifier()) this.fail('an identifier');
    return this.advance();
  }

  private mark(): Mark {
    return { index: this.index, split: this.split };
  }

  private reset(mark: Mark): void {
    this.index = mark.index;
    this.split = mark.split;
  }

  // ## Errors

  private error(message: string, at: Token | SourcePosition = this.peek()): JavaSyntaxError {
    return new JavaSyntaxError(message, 'kind' in at ? positionOf(at) : at);
  }

  /** `expected X but found Y`, or `expected X at end of input`. */
  private fail(expected: string, token = this.peek()): never {
    const found = token.kind === 'eof' ? 'at end of input' : `but found ${describe(token)}`;
    throw this.error(`expected ${expected} ${found}`, token);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.nestingError = this.error('too deeply nested');
      throw this.nestingError;
    }
  }

  private leave(): void {
    this.depth--;
  }

  /** Runs an entry point; a stack overflow (deep nesting past what MAX_DEPTH catches) becomes a syntax error. */
  run<T>(parse: () => T): T {
    try {
      return parse();
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
        throw new JavaSyntaxError('too deeply nested', token === undefined ? { line: 1, column: 1, offset: 0 } : positionOf(token));
      }
      throw e;
    }
  }

  /**
   * Runs `test` speculatively and rewinds: its result, or false when it threw a syntax error (a lexical
   * or nesting error is rethrown: the input is wrong whatever the interpretation).
   */
  private lookahead(test: () => boolean): boolean {
    const mark = this.mark();
    const depth = this.depth;
    this.speculating++;
    try {
      return test();
    } catch (e) {
      if (e instanceof JavaSyntaxError && e !== this.lexError && e !== this.nestingError) return false;
      throw e;
    } finally {
      this.speculating--;
      this.reset(mark);
      this.depth = depth;
    }
  }

  /** The token index of the `)` matching the `(` at `open`, or -1; memoized, so nested parentheses stay linear. */
  private matchingParen(open: number): number {
    const known = this.parenMatches.get(open);
    if (known !== undefined) return known;
    const stack = [open];
    for (let i = open + 1; ; i++) {
      const token = this.tokenAt(i);
      if (token.kind === 'eof') {
        for (const unmatched of stack) this.parenMatches.set(unmatched, -1);
        return -1;
      }
      if (token.kind !== 'operator') continue;
      if (token.text === '(') {
        const inner = this.parenMatches.get(i);
        if (inner !== undefined) {
          if (inner < 0) {
            for (const unmatched of stack) this.parenMatches.set(unmatched, -1);
            return -1;
          }
          i = inner;
        } else {
          stack.push(i);
        }
      } else if (token.text === ')') {
        this.parenMatches.set(stack.pop()!, i);
        if (stack.length === 0) return i;
      }
    }
  }

  /** JLS §15.27: the lambda starting here — `x ->` or `(…) ->` where an expression starts — or null. */
  private lambda(): LambdaNode | null {
    const token = this.peek();
    let parameters: LambdaParameterNode[];
    if (token.kind === 'identifier' && this.is('->', 1)) {
      this.advance();
      parameters = [{ name: token.text, type: null, position: positionOf(token) }];
    } else if (this.split === 0 && this.is('(')) {
      const close = this.matchingParen(this.index);
      const after = close >= 0 ? this.tokenAt(close + 1) : null;
      if (after === null || after.kind !== 'operator' || after.text !== '->') return null;
      parameters = this.lambdaParameters();
    } else {
      return null;
    }
    this.expect('->');
    this.enter();
    try {
      const body = this.is('{') ? this.block() : this.expression();
      return { kind: 'Lambda', parameters, body, position: positionOf(token) };
    } finally {
      this.leave();
    }
  }

  /** `()`, `(a, b)` (inferred), `(var a, var b)` or `(final int a, String[] b)` (JLS §15.27.1). */
  private lambdaParameters(): LambdaParameterNode[] {
    this.expect('(');
    const parameters: LambdaParameterNode[] = [];
    if (this.accept(')')) return parameters;
    if (this.isIdentifier() && (this.is(',', 1) || this.is(')', 1))) {
      do {
        const name = this.identifier();
        parameters.push({ name: name.text, type: null, position: positionOf(name) });
      } while (this.accept(','));
      this.expect(')');
      return parameters;
    }
    do {
      const start = this.peek();
      this.modifiers(false);
      const isVar = this.peek().kind === 'identifier' && this.peek().text === 'var' && this.isIdentifier(1);
      let type: TypeNode | null = isVar ? (this.advance(), null) : this.type();
      if (this.is('...')) throw this.error('variable arity lambda parameters are not supported in snippets');
      const name = this.identifier();
      const dims = this.dims();
      if (dims > 0) {
        if (type === null) throw this.error("'var' is not allowed as an element type of an array", name);
        type = this.arrayOf(type, dims, start);
      }
      parameters.push({ name: name.text, type, position: positionOf(name) });
    } while (this.accept(','));
    this.expect(')');
    return parameters;
  }

  /** `::name`, `::<T>name` or `::new` after `target` (JLS §15.13). */
  private methodReference(target: MethodReferenceTarget, position: SourcePosition): ExpressionNode {
    this.expect('::');
    if (this.is('<')) this.typeArguments(false); // explicit type arguments: inferred instead
    const name = this.accept('new') ? 'new' : this.identifier().text;
    return { kind: 'MethodReference', target, name, position };
  }

  private endOfInput(): void {
    if (this.peek().kind !== 'eof') this.fail('end of input');
  }

  // ## Entry points

  snippet(): BlockNode {
    const first = this.peek();
    const statements: StatementNode[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.is('}')) this.fail('a statement');
      statements.push(this.blockStatement());
    }
    const only = statements[0];
    if (statements.length === 1 && only !== undefined && only.kind === 'Block') return only;
    return { kind: 'Block', statements, position: positionOf(first) };
  }

  wholeExpression(): ExpressionNode {
    const expression = this.expression();
    this.endOfInput();
    return expression;
  }

  methodDeclaration(): MethodDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(true);
    const typeParameters = this.is('<') ? this.typeParameters() : [];
    const declaration = this.methodDeclarationRest(start, modifiers, typeParameters);
    this.endOfInput();
    return declaration;
  }

  /** A method declaration after its modifiers and type parameters (JLS §8.4). */
  private methodDeclarationRest(start: Token, modifiers: ModifiersNode, typeParameters: TypeParameterNode[]): MethodDeclarationNode {
    let returnType: TypeNode | VoidTypeNode;
    if (this.is('void')) returnType = { kind: 'VoidType', position: positionOf(this.advance()) };
    else returnType = this.type();
    const name = this.identifier().text;
    if (this.is('(') === false) this.fail("'('");
    const parameters = this.formalParameters();
    // JLS §8.4: `int m()[]` (obsolescent) declares an int[] result.
    const dims = this.dims();
    if (dims > 0) {
      if (returnType.kind === 'VoidType') throw this.error("expected '{' or ';' but found '['", returnType.position);
      returnType = this.arrayOf(returnType, dims);
    }
    const throwsList = this.throwsClause();
    const body = this.accept(';') ? null : this.block();
    return {
      kind: 'MethodDeclaration', modifiers, typeParameters, returnType, name, parameters, throws: throwsList, body,
      position: positionOf(start),
    };
  }

  constructorDeclaration(): ConstructorDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(true);
    const typeParameters = this.is('<') ? this.typeParameters() : [];
    const declaration = this.constructorDeclarationRest(start, modifiers, typeParameters);
    this.endOfInput();
    return declaration;
  }

  /** A constructor declaration after its modifiers and type parameters (JLS §8.8). */
  private constructorDeclarationRest(start: Token, modifiers: ModifiersNode, typeParameters: TypeParameterNode[]): ConstructorDeclarationNode {
    const name = this.identifier().text;
    if (!this.is('(')) this.fail("'('");
    const parameters = this.formalParameters();
    const throwsList = this.throwsClause();
    const body = this.block();
    return {
      kind: 'ConstructorDeclaration', modifiers, typeParameters, name, parameters, throws: throwsList, body,
      position: positionOf(start),
    };
  }

  fieldDeclaration(): FieldDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(true);
    const type = this.type();
    const declarators = this.variableDeclarators();
    this.expect(';');
    this.endOfInput();
    return { kind: 'FieldDeclaration', modifiers, type, declarators, position: positionOf(start) };
  }

  /**
   * An anonymous class body (JLS §15.9.5, §8.1.6), or a local class's (`className`): methods, fields,
   * instance and static initializers, and a local class's constructors. Member classes are refused, and
   * constructors in an anonymous class (which cannot declare any).
   */
  private classBody(className: string | null = null, isRecord = false): ClassBodyMemberNode[] {
    this.expect('{');
    return this.classBodyMembers(className, isRecord);
  }

  /** The members of a class body (see classBody) up to its closing brace, which it takes. */
  private classBodyMembers(className: string | null, isRecord: boolean): ClassBodyMemberNode[] {
    this.enter();
    try {
      const members: ClassBodyMemberNode[] = [];
      while (!this.accept('}')) {
        const start = this.peek();
        if (start.kind === 'eof') this.fail("'}'");
        if (this.accept(';')) continue;
        if (this.is('{')) {
          members.push({ kind: 'Initializer', body: this.block(), position: positionOf(start) });
          continue;
        }
        if (this.is('static') && this.is('{', 1)) {
          // JLS §8.7 (an inner class may declare one since Java 16, JEP 395).
          this.advance();
          members.push({ kind: 'Initializer', isStatic: true, body: this.block(), position: positionOf(start) });
          continue;
        }
        this.rejectMemberClass();
        const modifiers = this.modifiers(true);
        const typeParameters = this.is('<') ? this.typeParameters() : [];
        if (isRecord && this.isIdentifier(0, className!) && this.is('{', 1)) {
          // A record's compact canonical constructor (JLS §8.10.4.2).
          this.advance();
          members.push({
            kind: 'ConstructorDeclaration', compact: true, modifiers, typeParameters, name: className!, parameters: [], throws: [], body: this.block(),
            position: positionOf(start),
          });
          continue;
        }
        if (this.isIdentifier() && this.is('(', 1)) {
          if (className !== null && this.peek().text === className) {
            members.push(this.constructorDeclarationRest(start, modifiers, typeParameters));
            continue;
          }
          // JLS §15.9.5: an anonymous class cannot declare a constructor (`Name(` has no result type).
          throw this.error(`invalid method declaration; return type required${className === null ? ' (an anonymous class cannot declare a constructor)' : ''}`);
        }
        const isMethod = typeParameters.length > 0 || this.is('void') || this.lookahead(() => {
          this.type();
          return this.isIdentifier() && this.is('(', 1);
        });
        if (isMethod) {
          members.push(this.methodDeclarationRest(start, modifiers, typeParameters));
        } else {
          const type = this.type();
          const declarators = this.variableDeclarators();
          this.expect(';');
          members.push({ kind: 'FieldDeclaration', modifiers, type, declarators, position: positionOf(start) });
        }
      }
      return members;
    } finally {
      this.leave();
    }
  }

  // ## Declarations (JLS §8.3, §8.4, §8.8, §9.7)

  /**
   * Modifier keywords and annotations; `member`: any modifier keyword, else only `final` (JLS §14.4) and
   * `alsoAllowed` (a local class's `abstract`, JLS §14.3).
   */
  private modifiers(member: boolean, alsoAllowed: readonly string[] = []): ModifiersNode {
    const keywords: ModifierKeyword[] = [];
    const annotations: AnnotationNode[] = [];
    for (;;) {
      const token = this.peek();
      if (this.is('@') && !this.is('interface', 1)) {
        annotations.push(this.annotation());
      } else if (token.kind === 'keyword' && MODIFIERS.has(token.text) && (member || token.text === 'final' || alsoAllowed.includes(token.text))) {
        const keyword = token.text as ModifierKeyword;
        if (keywords.includes(keyword)) throw this.error(`repeated modifier '${keyword}'`, token);
        keywords.push(keyword);
        this.advance();
      } else {
        return { keywords, annotations };
      }
    }
  }

  private annotation(): AnnotationNode {
    const at = this.expect('@');
    this.enter();
    try {
      const name = this.qualifiedName();
      const elements: { name: string; value: ElementValueNode }[] = [];
      if (this.accept('(')) {
        if (this.isIdentifier() && this.is('=', 1)) {
          do {
            const elementName = this.identifier().text;
            this.expect('=');
            elements.push({ name: elementName, value: this.elementValue() });
          } while (this.accept(','));
        } else if (!this.is(')')) {
          elements.push({ name: 'value', value: this.elementValue() });
        }
        this.expect(')');
      }
      return { kind: 'Annotation', name, elements, position: positionOf(at) };
    } finally {
      this.leave();
    }
  }

  /** JLS §9.7.1 ElementValue: a conditional expression, an annotation, or `{…}`. */
  private elementValue(): ElementValueNode {
    if (this.is('@')) return this.annotation();
    if (this.is('{')) {
      const open = this.advance();
      this.enter();
      try {
        const values: ElementValueNode[] = [];
        while (!this.is('}')) {
          values.push(this.elementValue());
          if (!this.accept(',')) break;
        }
        this.expect('}');
        return { kind: 'ElementValueArray', values, position: positionOf(open) };
      } finally {
        this.leave();
      }
    }
    return this.lambda() ?? this.conditional();
  }

  private qualifiedName(): string {
    let name = this.identifier().text;
    while (this.is('.') && this.isIdentifier(1)) {
      this.advance();
      name += `.${this.advance().text}`;
    }
    return name;
  }

  /** JLS §8.1.2: `<T extends A & B, U>`. */
  private typeParameters(): TypeParameterNode[] {
    this.expect('<');
    const parameters: TypeParameterNode[] = [];
    do {
      this.typeAnnotations();
      const name = this.identifier();
      const bounds: ClassTypeNode[] = [];
      if (this.accept('extends')) {
        do bounds.push(this.classType(false));
        while (this.accept('&'));
      }
      parameters.push({ kind: 'TypeParameter', name: name.text, bounds, position: positionOf(name) });
    } while (this.accept(','));
    this.closeAngle();
    return parameters;
  }

  /** JLS §8.4.1 formal parameters, the last possibly variable arity. */
  private formalParameters(): ParameterNode[] {
    this.expect('(');
    const parameters: ParameterNode[] = [];
    if (this.accept(')')) return parameters;
    do {
      const start = this.peek();
      const modifiers = this.modifiers(false);
      let type = this.type();
      this.typeAnnotations();
      const varargs = this.accept('...');
      if (this.is('this')) throw this.error('receiver parameters are not supported');
      const name = this.identifier();
      const dims = this.dims();
      if (varargs) {
        if (dims > 0) throw this.error("expected ',' or ')' but found '['", name);
        type = this.arrayOf(type, 1, start);
      } else if (dims > 0) {
        type = this.arrayOf(type, dims, start);
      }
      parameters.push({ kind: 'Parameter', modifiers, type, varargs, name: name.text, position: positionOf(start) });
      if (varargs && this.is(',')) throw this.error('varargs parameter must be the last parameter');
    } while (this.accept(','));
    this.expect(')');
    return parameters;
  }

  private throwsClause(): ClassTypeNode[] {
    const types: ClassTypeNode[] = [];
    if (this.accept('throws')) {
      do types.push(this.classType(false));
      while (this.accept(','));
    }
    return types;
  }

  // ## Types (JLS §4, §8.3)

  /** Type annotations (JLS §9.7.4) are parsed and dropped. */
  private typeAnnotations(): void {
    while (this.is('@') && !this.is('interface', 1)) this.annotation();
  }

  /** `[]` pairs. */
  private dims(): number {
    let dims = 0;
    for (;;) {
      const mark = this.mark();
      this.typeAnnotations();
      if (this.is('[') && this.is(']', 1)) {
        this.advance();
        this.advance();
        dims++;
      } else {
        this.reset(mark);
        return dims;
      }
    }
  }

  private arrayOf(type: TypeNode, dims: number, at: SourcePosition | Token = type.position): TypeNode {
    const position = 'kind' in at ? positionOf(at) : at;
    let result = type;
    for (let i = 0; i < dims; i++) result = { kind: 'ArrayType', elementType: result, position };
    return result;
  }

  /** A primitive, class or array type (not `var`, not `void`). */
  private type(): TypeNode {
    this.enter();
    try {
      this.typeAnnotations();
      const start = this.peek();
      let base: TypeNode;
      if (start.kind === 'keyword' && PRIMITIVE_TYPES.has(start.text)) {
        this.advance();
        base = { kind: 'PrimitiveType', name: start.text as PrimitiveTypeName, position: positionOf(start) };
      } else {
        base = this.classType(false);
      }
      return this.arrayOf(base, this.dims());
    } finally {
      this.leave();
    }
  }

  /** JLS §4.3: `a.b.C<T>.D<U>`; `diamond` allows `<>` (class instance creation, JLS §15.9). */
  private classType(diamond: boolean): ClassTypeNode {
    const start = this.peek();
    const parts: ClassTypePart[] = [];
    for (;;) {
      this.typeAnnotations();
      const name = this.identifier();
      const typeArguments = this.is('<') ? this.typeArguments(diamond) : null;
      parts.push({ name: name.text, typeArguments, position: positionOf(name) });
      if (this.is('.') && (this.isIdentifier(1) || this.is('@', 1))) this.advance();
      else break;
    }
    // JLS §14.4.1, §3.9: `var` is not a type name (let through while speculating, for a precise error).
    if (parts.length === 1 && parts[0]!.name === 'var' && this.speculating === 0) throw this.error("'var' is not allowed here", start);
    return { kind: 'ClassType', parts, name: parts.map((p) => p.name).join('.'), position: positionOf(start) };
  }

  /**
   * A type argument or bound. A primitive type is let through while speculating, so that `List<int> x;`
   * is still seen as a declaration and the error names the `int`.
   */
  private referenceType(): ReferenceTypeNode {
    const start = this.peek();
    const type = this.type();
    if (type.kind === 'ClassType' || type.kind === 'ArrayType') return type;
    if (this.speculating > 0 && type.kind === 'PrimitiveType') return { kind: 'ArrayType', elementType: type, position: type.position };
    return this.fail('a reference type', start);
  }

  /** JLS §4.5.1: `<A, ? extends B, ? super C>`, or `<>` where allowed. */
  private typeArguments(diamond: boolean): TypeArgumentNode[] {
    this.expect('<');
    this.enter();
    try {
      const args: TypeArgumentNode[] = [];
      if (diamond && this.peek().text.startsWith('>')) {
        this.closeAngle();
        return args;
      }
      do {
        this.typeAnnotations();
        if (this.is('?')) {
          const question = this.advance();
          let boundKind: 'extends' | 'super' | null = null;
          if (this.is('extends') || this.is('super')) boundKind = this.advance().text as 'extends' | 'super';
          const bound = boundKind === null ? null : this.referenceType();
          args.push({ kind: 'WildcardType', boundKind, bound, position: positionOf(question) });
        } else {
          args.push(this.referenceType());
        }
      } while (this.accept(','));
      this.closeAngle();
      return args;
    } finally {
      this.leave();
    }
  }

  /** Consumes one `>`, possibly the first of `>>`, `>>>`, `>=`, `>>=`, `>>>=` (JLS §4.5, as javac). */
  private closeAngle(): void {
    const token = this.peek();
    if (token.kind !== 'operator' || !token.text.startsWith('>')) this.fail("'>'");
    if (token.text.length === 1) this.advance();
    else this.split++;
  }

  // ## Statements (JLS §14)

  private block(): BlockNode {
    const open = this.expect('{');
    this.enter();
    try {
      const statements: StatementNode[] = [];
      while (!this.is('}')) {
        if (this.peek().kind === 'eof') this.fail("'}'");
        statements.push(this.blockStatement());
      }
      this.advance();
      return { kind: 'Block', statements, position: positionOf(open) };
    } finally {
      this.leave();
    }
  }

  /** JLS §14.2 BlockStatement: a local variable declaration or a statement (local classes rejected). */
  private blockStatement(): StatementNode {
    this.enter();
    try {
      if (this.startsLocalClass()) return this.localClassDeclaration();
      if (this.startsLocalRecord()) return this.localRecordDeclaration();
      if (this.startsLocalInterfaceOrEnum()) return this.localInterfaceOrEnumDeclaration();
      this.rejectLocalClass();
      if (this.startsLocalVariableDeclaration()) {
        const declaration = this.localVariableDeclaration();
        this.expect(';');
        return declaration;
      }
      return this.statement();
    } finally {
      this.leave();
    }
  }

  /** A local class declaration (JLS §14.3) starts here: `class`, after annotations and final/abstract/strictfp. */
  private startsLocalClass(): boolean {
    return this.lookahead(() => {
      while (this.is('@') && !this.is('interface', 1)) this.annotation();
      while (['final', ...LOCAL_CLASS_MODIFIERS].some((m) => this.is(m))) this.advance();
      return this.is('class');
    });
  }

  /** `class Name [extends S] [implements I, …] { … }` as a block statement (JLS §14.3). */
  private localClassDeclaration(): LocalClassDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(false, LOCAL_CLASS_MODIFIERS);
    this.expect('class');
    const name = this.identifier().text;
    const typeParameters = this.is('<') ? this.typeParameters() : [];
    const superclass = this.accept('extends') ? this.classType(false) : null;
    const interfaces = this.implementsClause();
    const body = this.classBody(name);
    return { kind: 'LocalClass', modifiers, name, typeParameters, components: null, superclass, interfaces, body, position: positionOf(start) };
  }

  /** A local record declaration (JLS §14.3, §8.10) starts here: `record Name(`, after annotations and modifiers. */
  private startsLocalRecord(): boolean {
    return this.lookahead(() => {
      while (this.is('@') && !this.is('interface', 1)) this.annotation();
      while (['final', ...LOCAL_RECORD_MODIFIERS].some((m) => this.is(m))) this.advance();
      const token = this.peek();
      return token.kind === 'identifier' && token.text === 'record' && this.isIdentifier(1) && (this.is('(', 2) || this.is('<', 2));
    });
  }

  /** `record Name(T a, …) [implements I, …] { … }` as a block statement (JLS §14.3, §8.10). */
  private localRecordDeclaration(): LocalClassDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(false, LOCAL_RECORD_MODIFIERS);
    this.advance();
    const name = this.identifier().text;
    const typeParameters = this.is('<') ? this.typeParameters() : [];
    const components = this.formalParameters();
    const interfaces = this.implementsClause();
    const body = this.classBody(name, true);
    return { kind: 'LocalClass', modifiers, name, typeParameters, components, superclass: null, interfaces, body, position: positionOf(start) };
  }

  /** A local interface or enum declaration (JLS §14.3, Java 16) starts here, after annotations and modifiers. */
  private startsLocalInterfaceOrEnum(): boolean {
    return this.lookahead(() => {
      while (this.is('@') && !this.is('interface', 1)) this.annotation();
      while (LOCAL_INTERFACE_MODIFIERS.some((m) => this.is(m))) this.advance();
      return (this.is('interface') || this.is('enum')) && this.isIdentifier(1);
    });
  }

  /**
   * `interface Name [<T>] [extends I, …] { … }` or `enum Name [implements I, …] { A, B(args); … }` as a block
   * statement (JLS §14.3, §9.1, §8.9): implicitly static, like a local record.
   */
  private localInterfaceOrEnumDeclaration(): LocalClassDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(false, LOCAL_INTERFACE_MODIFIERS);
    if (this.accept('interface')) {
      const name = this.identifier().text;
      const typeParameters = this.is('<') ? this.typeParameters() : [];
      const interfaces: ClassTypeNode[] = [];
      if (this.accept('extends')) {
        do interfaces.push(this.classType(false));
        while (this.accept(','));
      }
      const body = this.classBody(name);
      return { kind: 'LocalClass', form: 'interface', modifiers, name, typeParameters, components: null, superclass: null, interfaces, body, position: positionOf(start) };
    }
    this.expect('enum');
    const name = this.identifier().text;
    if (this.is('<')) throw this.error('an enum cannot be generic');
    const interfaces = this.implementsClause();
    this.expect('{');
    // JLS §8.9.1: the constants, separated by commas (a trailing one allowed), then `;` and the members.
    const enumConstants: EnumConstantNode[] = [];
    while (!this.is(';') && !this.is('}')) {
      this.typeAnnotations();
      const constant = this.identifier();
      const args = this.is('(') ? this.arguments() : [];
      // A constant's class body (JLS §8.9.1) is an anonymous class's.
      const constantBody = this.is('{') ? this.classBody() : null;
      enumConstants.push({ kind: 'EnumConstant', name: constant.text, arguments: args, body: constantBody, position: positionOf(constant) });
      if (!this.accept(',')) break;
    }
    const body = this.accept(';') ? this.classBodyMembers(name, false) : (this.expect('}'), []);
    return { kind: 'LocalClass', form: 'enum', modifiers, name, typeParameters: [], components: null, superclass: null, interfaces, enumConstants, body, position: positionOf(start) };
  }

  /** `implements I, J` (JLS §8.1.5), or nothing. */
  private implementsClause(): ClassTypeNode[] {
    const interfaces: ClassTypeNode[] = [];
    if (this.accept('implements')) {
      do interfaces.push(this.classType(false));
      while (this.accept(','));
    }
    return interfaces;
  }

  private rejectLocalClass(): void {
    this.rejectClassDeclaration(false, NOT_SUPPORTED_LOCAL_CLASS);
  }

  /** Member classes of an anonymous or local class: not supported. */
  private rejectMemberClass(): void {
    this.rejectClassDeclaration(true, 'member classes of anonymous and local classes are not supported in snippets');
  }

  /**
   * Throws `message` when a class, interface, enum, annotation or record declaration starts here, after
   * annotations and modifiers (`anyModifier`: every member modifier, else a local class's).
   */
  private rejectClassDeclaration(anyModifier: boolean, message: string): void {
    const mark = this.mark();
    try {
      while (this.is('@') && !this.is('interface', 1)) this.annotation();
      const isModifier = (): boolean => (anyModifier ? this.peek().kind === 'keyword' && MODIFIERS.has(this.peek().text) : ['final', 'abstract', 'static', 'strictfp'].some((m) => this.is(m)));
      while (isModifier()) this.advance();
      const token = this.peek();
      const isClass = this.is('class') || this.is('interface') || this.is('enum') || (this.is('@') && this.is('interface', 1)) ||
        (token.kind === 'identifier' && token.text === 'record' && this.isIdentifier(1) && (this.is('(', 2) || this.is('<', 2)));
      if (isClass) throw this.error(!anyModifier && this.is('class') ? 'a class declaration is not allowed here' : message, token);
    } finally {
      this.reset(mark);
    }
  }

  /** JLS §14.4: modifiers, or a type followed by an identifier (`var x`, `int[] a`, `List<T> l`, `a.B c`). */
  private startsLocalVariableDeclaration(): boolean {
    if (this.is('final') || (this.is('@') && !this.is('interface', 1))) return true;
    const token = this.peek();
    if (token.kind === 'identifier' && token.text === 'var' && this.isIdentifier(1)) return true;
    if (token.kind === 'identifier' && token.text === 'yield' && this.startsYieldStatement()) return false;
    const isPrimitive = token.kind === 'keyword' && PRIMITIVE_TYPES.has(token.text);
    if (token.kind !== 'identifier' && !isPrimitive) return false;
    return this.lookahead(() => {
      this.type();
      // After a primitive type only a class literal `int[].class` makes an expression (then `int goto`
      // is reported as a declaration missing its name).
      return isPrimitive ? !this.is('.') && !this.is('::') : this.isIdentifier();
    });
  }

  private localVariableDeclaration(): LocalVariableDeclarationNode {
    const start = this.peek();
    const modifiers = this.modifiers(false);
    const type = this.localVariableType();
    const declarators = this.variableDeclarators();
    this.checkVar(type, declarators);
    return { kind: 'LocalVariableDeclaration', modifiers, type, declarators, position: positionOf(start) };
  }

  /** A local variable's type: `var` (JLS §14.4.1) when followed by an identifier, else a type. */
  private localVariableType(): TypeNode {
    const token = this.peek();
    if (token.kind === 'identifier' && token.text === 'var' && this.isIdentifier(1)) {
      this.advance();
      return { kind: 'VarType', position: positionOf(token) };
    }
    return this.type();
  }

  /** JLS §14.4.1: `var` declares one variable, with an initializer that is not an array initializer. */
  private checkVar(type: TypeNode, declarators: readonly VariableDeclaratorNode[]): void {
    if (type.kind !== 'VarType') return;
    const first = declarators[0]!;
    if (declarators.length > 1) throw this.error("'var' is not allowed in a compound declaration", declarators[1]!.position);
    if (first.extraDimensions > 0) throw this.error("'var' is not allowed as an element type of an array", first.position);
    if (first.initializer === null) throw this.error(`cannot use 'var' on variable without initializer`, first.position);
    if (first.initializer.kind === 'ArrayInitializer') {
      throw this.error("cannot use 'var' on a variable with an array initializer", first.initializer.position);
    }
  }

  private variableDeclarators(): VariableDeclaratorNode[] {
    const declarators: VariableDeclaratorNode[] = [];
    do declarators.push(this.variableDeclarator(this.identifier()));
    while (this.accept(','));
    return declarators;
  }

  private variableDeclarator(name: Token): VariableDeclaratorNode {
    const extraDimensions = this.dims();
    const initializer = this.accept('=') ? this.variableInitializer() : null;
    return { kind: 'VariableDeclarator', name: name.text, extraDimensions, initializer, position: positionOf(name) };
  }

  private variableInitializer(): VariableInitializerNode {
    return this.is('{') ? this.arrayInitializer() : this.expression();
  }

  /** JLS §10.6: `{a, b, {c},}`. */
  private arrayInitializer(): ArrayInitializerNode {
    const open = this.expect('{');
    this.enter();
    try {
      const elements: VariableInitializerNode[] = [];
      while (!this.is('}')) {
        elements.push(this.variableInitializer());
        if (!this.accept(',')) break;
      }
      this.expect('}');
      return { kind: 'ArrayInitializer', elements, position: positionOf(open) };
    } finally {
      this.leave();
    }
  }

  /** JLS §14.5 Statement. */
  private statement(): StatementNode {
    this.enter();
    try {
      return this.statementUnchecked();
    } finally {
      this.leave();
    }
  }

  private statementUnchecked(): StatementNode {
    const token = this.peek();
    const position = positionOf(token);
    if (token.kind === 'keyword' || token.kind === 'operator') {
      switch (token.text) {
        case '{':
          return this.block();
        case ';':
          this.advance();
          return { kind: 'Empty', position };
        case 'if': {
          this.advance();
          const condition = this.parenthesizedCondition();
          const thenStatement = this.subStatement();
          const elseStatement = this.accept('else') ? this.subStatement() : null;
          return { kind: 'If', condition, thenStatement, elseStatement, position };
        }
        case 'while': {
          this.advance();
          const condition = this.parenthesizedCondition();
          return { kind: 'While', condition, body: this.subStatement(), position };
        }
        case 'do': {
          this.advance();
          const body = this.subStatement();
          this.expect('while');
          const condition = this.parenthesizedCondition();
          this.expect(';');
          return { kind: 'DoWhile', body, condition, position };
        }
        case 'for':
          return this.forStatement();
        case 'try':
          return this.tryStatement();
        case 'switch': {
          this.advance();
          const selector = this.parenthesizedCondition();
          const { arrowForm, cases } = this.switchBody(false);
          return { kind: 'Switch', selector, arrowForm, cases, position };
        }
        case 'return': {
          this.advance();
          const expression = this.is(';') ? null : this.expression();
          this.expect(';');
          return { kind: 'Return', expression, position };
        }
        case 'throw': {
          this.advance();
          const expression = this.expression();
          this.expect(';');
          return { kind: 'Throw', expression, position };
        }
        case 'break':
        case 'continue': {
          this.advance();
          const label = this.isIdentifier() ? this.advance().text : null;
          this.expect(';');
          return { kind: token.text === 'break' ? 'Break' : 'Continue', label, position };
        }
        case 'synchronized': {
          this.advance();
          const lock = this.parenthesizedCondition();
          return { kind: 'Synchronized', lock, body: this.block(), position };
        }
        case 'assert': {
          this.advance();
          const condition = this.expression();
          const message = this.accept(':') ? this.expression() : null;
          this.expect(';');
          return { kind: 'Assert', condition, message, position };
        }
        case 'this':
        case 'super':
          if (this.is('(', 1)) return this.constructorInvocation(null, null);
          break;
        case '<':
          return this.constructorInvocation(null, this.typeArguments(false), position);
        case 'else':
        case 'case':
        case 'default':
        case 'catch':
        case 'finally':
          this.fail('a statement');
          break;
        default:
      }
    }
    if (token.kind === 'identifier') {
      if (token.text === 'yield' && this.startsYieldStatement()) {
        if (this.switchExpressionDepth === 0) throw this.error('yield outside of switch expression', token);
        this.advance();
        const expression = this.expression();
        this.expect(';');
        return { kind: 'Yield', expression, position };
      }
      if (this.is(':', 1)) {
        this.advance();
        this.advance();
        return { kind: 'Labeled', label: token.text, body: this.subStatement(), position };
      }
    }
    const expression = this.expression();
    // `outer.super(…)`: a qualified superclass constructor invocation (JLS §8.8.7.1); the qualifier is a
    // primary (postfix stopped before `.super(`).
    if (this.is('.') && this.is('super', 1) && this.is('(', 2) && isPrimary(expression)) {
      return this.constructorInvocation(expression, null);
    }
    return this.expressionStatement(expression, token);
  }

  /** The body of if/while/for/labeled statements: a statement, not a declaration (JLS §14.5). */
  private subStatement(): StatementNode {
    this.rejectLocalClass();
    if (this.startsLocalVariableDeclaration()) throw this.error('variable declaration not allowed here');
    return this.statement();
  }

  private expressionStatement(expression: ExpressionNode, start: Token): ExpressionStatementNode {
    if (!isStatementExpression(expression)) throw this.error('not a statement', start);
    this.expect(';');
    return { kind: 'ExpressionStatement', expression, position: positionOf(start) };
  }

  /** JLS §14.21, as javac decides: `yield` followed by something that starts an expression. */
  private startsYieldStatement(): boolean {
    const next = this.peek(1);
    switch (next.kind) {
      case 'identifier': case 'int': case 'long': case 'float': case 'double': case 'char': case 'string':
        return true;
      case 'keyword':
        return ['true', 'false', 'null', 'new', 'switch', 'this', 'super'].includes(next.text) || PRIMITIVE_TYPES.has(next.text);
      case 'operator':
        if (['+', '-', '!', '~', '('].includes(next.text)) return true;
        if (next.text === '++' || next.text === '--') return !this.is(';', 2);
        return false;
      default:
        return false;
    }
  }

  /** `this(…)`, `super(…)`, `<T>this(…)`, `outer.super(…)` (JLS §8.8.7.1). */
  private constructorInvocation(
    qualifier: ExpressionNode | null, typeArguments: TypeArgumentNode[] | null, start: SourcePosition | null = null,
  ): StatementNode {
    if (qualifier !== null) this.expect('.');
    const keyword = this.peek();
    if (!this.is('this') && !this.is('super')) this.fail("'this' or 'super'");
    if (qualifier !== null && keyword.text === 'this') this.fail("'super'");
    this.advance();
    const args = this.arguments();
    this.expect(';');
    return {
      kind: 'ExplicitConstructorInvocation', isSuper: keyword.text === 'super', qualifier, typeArguments, arguments: args,
      position: qualifier !== null ? qualifier.position : start ?? positionOf(keyword),
    };
  }

  private parenthesizedCondition(): ExpressionNode {
    this.expect('(');
    const expression = this.expression();
    this.expect(')');
    return expression;
  }

  /** JLS §14.14: the basic `for` and the enhanced `for`. */
  private forStatement(): StatementNode {
    const position = positionOf(this.expect('for'));
    this.expect('(');
    const init: (LocalVariableDeclarationNode | ExpressionStatementNode)[] = [];
    if (!this.is(';')) {
      this.rejectLocalClass();
      if (this.startsLocalVariableDeclaration()) {
        const start = this.peek();
        const modifiers = this.modifiers(false);
        const type = this.localVariableType();
        const name = this.identifier();
        if (this.is(':') || (this.is('[') && this.lookahead(() => this.dims() > 0 && this.is(':')))) {
          const extraDimensions = this.dims();
          this.expect(':');
          const iterable = this.expression();
          this.expect(')');
          return {
            kind: 'ForEach', modifiers, type, name: name.text, extraDimensions, iterable, body: this.subStatement(), position,
          };
        }
        const declarators = [this.variableDeclarator(name)];
        while (this.accept(',')) declarators.push(this.variableDeclarator(this.identifier()));
        this.checkVar(type, declarators);
        init.push({ kind: 'LocalVariableDeclaration', modifiers, type, declarators, position: positionOf(start) });
      } else {
        init.push(...this.statementExpressionList());
      }
    }
    this.expect(';');
    const condition = this.is(';') ? null : this.expression();
    this.expect(';');
    const update = this.is(')') ? [] : this.statementExpressionList();
    this.expect(')');
    return { kind: 'For', init, condition, update, body: this.subStatement(), position };
  }

  private statementExpressionList(): ExpressionStatementNode[] {
    const list: ExpressionStatementNode[] = [];
    do {
      const start = this.peek();
      const expression = this.expression();
      if (!isStatementExpression(expression)) throw this.error('not a statement', start);
      list.push({ kind: 'ExpressionStatement', expression, position: positionOf(start) });
    } while (this.accept(','));
    return list;
  }

  /** JLS §14.20: try-catch-finally and try-with-resources (JLS §14.20.3). */
  private tryStatement(): StatementNode {
    const tryToken = this.expect('try');
    const resources: TryResourceNode[] = [];
    if (this.accept('(')) {
      do {
        if (this.is(')')) break;
        resources.push(this.tryResource());
      } while (this.accept(';'));
      this.expect(')');
    }
    const block = this.block();
    const catches: CatchClauseNode[] = [];
    while (this.is('catch')) {
      const catchToken = this.advance();
      this.expect('(');
      const modifiers = this.modifiers(false);
      const types = [this.classType(false)];
      while (this.accept('|')) types.push(this.classType(false));
      const name = this.identifier().text;
      this.expect(')');
      catches.push({ kind: 'CatchClause', modifiers, types, name, body: this.block(), position: positionOf(catchToken) });
    }
    const finallyBlock = this.accept('finally') ? this.block() : null;
    if (resources.length === 0 && catches.length === 0 && finallyBlock === null) this.fail("'catch' or 'finally'");
    return { kind: 'Try', resources, block, catches, finallyBlock, position: positionOf(tryToken) };
  }

  private tryResource(): TryResourceNode {
    const start = this.peek();
    if (this.startsLocalVariableDeclaration()) {
      const modifiers = this.modifiers(false);
      const type = this.localVariableType();
      const name = this.identifier();
      this.expect('=');
      const initializer = this.expression();
      const declarator: VariableDeclaratorNode = {
        kind: 'VariableDeclarator', name: name.text, extraDimensions: 0, initializer, position: positionOf(name),
      };
      return { kind: 'LocalVariableDeclaration', modifiers, type, declarators: [declarator], position: positionOf(start) };
    }
    const expression = this.expression();
    if (expression.kind !== 'Name' && expression.kind !== 'FieldAccess') {
      throw this.error('the try resource must be a variable declaration or an effectively final variable', start);
    }
    return expression;
  }

  /**
   * JLS §14.11.1 SwitchBlock: statement groups `case A, B: …` (consecutive labels merged) or rules
   * `case A, B -> …`, not mixed. In a switch expression an arrow rule's expression becomes `yield expr;`.
   */
  private switchBody(isExpression: boolean): { arrowForm: boolean; cases: SwitchCaseNode[] } {
    this.expect('{');
    const cases: SwitchCaseNode[] = [];
    let arrowForm: boolean | null = null;
    // `yield` is legal anywhere inside a switch expression's body, nested switch statements included.
    if (isExpression) this.switchExpressionDepth++;
    try {
      while (!this.is('}')) {
        const start = this.peek();
        const labels: ExpressionNode[] = [];
        let isDefault = false;
        let arrow = false;
        for (;;) {
          if (this.accept('default')) {
            isDefault = true;
          } else if (this.accept('case')) {
            // A case constant is a ConditionalExpression (JLS §14.11.1): `case A ->` is no lambda.
            do {
              const label = this.conditional();
              // `case Integer i ->`: a type pattern label (JLS 21 §14.11.1),
              // which javac 17 refuses too (a preview feature there); say so rather than "expected ':'".
              if ((label.kind === 'Name' || label.kind === 'FieldAccess') && this.isIdentifier()) {
                throw this.error(
                  "pattern labels in switch ('case Integer i ->') are Java 21 (a preview feature of Java 17, which javac 17 refuses): test the types with 'if (o instanceof Integer i) … else if …' instead",
                  this.peek(),
                );
              }
              labels.push(label);
            } while (this.accept(','));
          } else {
            this.fail("'case', 'default' or '}'");
          }
          const separator = this.peek();
          if (this.accept('->')) arrow = true;
          else if (!this.accept(':')) this.fail("':' or '->'");
          if (arrowForm !== null && arrowForm !== arrow) throw this.error('different case kinds used in the switch', separator);
          arrowForm = arrow;
          if (arrow || !(this.is('case') || this.is('default'))) break;
        }
        const body: StatementNode[] = [];
        if (arrow) {
          const bodyStart = this.peek();
          if (this.is('{')) body.push(this.block());
          else if (this.is('throw')) body.push(this.statement());
          else {
            const expression = this.expression();
            if (isExpression) {
              this.expect(';');
              body.push({ kind: 'Yield', expression, position: positionOf(bodyStart) });
            } else {
              body.push(this.expressionStatement(expression, bodyStart));
            }
          }
        } else {
          while (!this.is('case') && !this.is('default') && !this.is('}')) {
            if (this.peek().kind === 'eof') this.fail("'}'");
            body.push(this.blockStatement());
          }
        }
        cases.push({ kind: 'SwitchCase', labels, isDefault, body, position: positionOf(start) });
      }
      this.advance();
    } finally {
      if (isExpression) this.switchExpressionDepth--;
    }
    return { arrowForm: arrowForm ?? false, cases };
  }

  // ## Expressions (JLS §15)

  /** JLS §15.27 Expression: an assignment or a conditional expression (lambdas rejected). */
  private expression(): ExpressionNode {
    const lambda = this.lambda();
    if (lambda !== null) return lambda;
    this.enter();
    try {
      const target = this.conditional();
      const token = this.peek();
      if (token.kind === 'operator' && ASSIGNMENT_OPERATORS.has(token.text)) {
        // JLS §15.26: right-associative; the left operand must be a variable.
        if (!isVariable(target)) throw this.error(`the left-hand side of '${token.text}' must be a variable`, token);
        this.advance();
        const value = this.expression();
        return { kind: 'Assign', op: token.text as AssignmentOperator, target, value, position: positionOf(token) };
      }
      return target;
    } finally {
      this.leave();
    }
  }

  /** JLS §15.25: `c ? a : b`, right-associative. */
  private conditional(): ExpressionNode {
    const condition = this.binary(1);
    if (!this.is('?')) return condition;
    const question = this.advance();
    this.enter();
    try {
      const whenTrue = this.expression();
      this.expect(':');
      const whenFalse = this.lambda() ?? this.conditional();
      return { kind: 'Conditional', condition, whenTrue, whenFalse, position: positionOf(question) };
    } finally {
      this.leave();
    }
  }

  /** JLS §15.17 - §15.24 by precedence climbing: all binary operators are left-associative. */
  private binary(minPrecedence: number): ExpressionNode {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const precedence = token.kind === 'operator' || token.kind === 'keyword' ? BINARY_PRECEDENCE.get(token.text) : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.advance();
      if (token.text === 'instanceof') {
        // JLS §15.20.2: `e instanceof T` or a type pattern `e instanceof final T name`.
        const isFinal = this.accept('final');
        const type = this.type();
        let binding: PatternBinding | null = null;
        if (this.isIdentifier()) {
          const name = this.advance();
          binding = { name: name.text, isFinal, position: positionOf(name) };
        } else if (isFinal) {
          this.fail('an identifier');
        }
        left = { kind: 'InstanceOf', expression: left, type, binding, position: positionOf(token) };
        continue;
      }
      const right = this.binary(precedence + 1);
      left = { kind: 'Binary', op: token.text as BinaryOperator, left, right, position: positionOf(token) };
    }
  }

  /** JLS §15.15 unary operators and §15.16 casts. */
  private unary(): ExpressionNode {
    this.enter();
    try {
      const token = this.peek();
      if (token.kind === 'operator') {
        switch (token.text) {
          case '-': {
            // JLS §3.10.1: 2147483648 and 9223372036854775808L only as the operand of unary minus.
            const literal = this.peek(1);
            if ((literal.kind === 'int' || literal.kind === 'long') && literal.minValueOnly) {
              this.advance();
              this.advance();
              return literal.kind === 'int'
                ? { kind: 'IntLiteral', value: literal.value, position: positionOf(token) }
                : { kind: 'LongLiteral', value: literal.value, position: positionOf(token) };
            }
            this.advance();
            return { kind: 'Unary', op: '-', postfix: false, operand: this.unary(), position: positionOf(token) };
          }
          case '+':
          case '!':
          case '~':
            this.advance();
            return { kind: 'Unary', op: token.text as UnaryOperator, postfix: false, operand: this.unary(), position: positionOf(token) };
          case '++':
          case '--': {
            this.advance();
            const operand = this.unary();
            if (!isVariable(operand)) throw this.error(`the operand of '${token.text}' must be a variable`, operand.position);
            return { kind: 'Unary', op: token.text as UnaryOperator, postfix: false, operand, position: positionOf(token) };
          }
          case '(': {
            const cast = this.cast();
            if (cast !== null) return cast;
            break;
          }
          default:
        }
      }
      return this.postfix(this.primary());
    } finally {
      this.leave();
    }
  }

  /**
   * JLS §15.16: `(` Type `)` is a cast when the type is primitive (then any unary expression follows), or
   * when the token after `)` starts a UnaryExpressionNotPlusMinus; else null and nothing is consumed.
   */
  private cast(): ExpressionNode | null {
    if (this.split !== 0) return null;
    const open = this.peek();
    const close = this.matchingParen(this.index);
    if (close < 0 || close === this.index + 1) return null;
    let isPrimitive = false;
    const isType = this.lookahead(() => {
      this.advance();
      const type = this.type();
      let bounds = 0;
      while (this.accept('&')) {
        this.classType(false);
        bounds++;
      }
      isPrimitive = type.kind === 'PrimitiveType' && bounds === 0;
      return this.index === close && this.split === 0;
    });
    // Decided before the type is parsed for real: `(var) + 1` is a parenthesized variable named var.
    if (!isType || (!isPrimitive && !this.startsUnaryNotPlusMinus(this.tokenAt(close + 1)))) return null;
    this.advance();
    const type = this.type();
    const additionalBounds: ClassTypeNode[] = [];
    while (this.accept('&')) additionalBounds.push(this.classType(false));
    this.expect(')');
    const expression = (isPrimitive ? null : this.lambda()) ?? this.unary();
    return { kind: 'Cast', type, additionalBounds, expression, position: positionOf(open) };
  }


  /** The tokens that can start a UnaryExpressionNotPlusMinus (JLS §15.15), deciding casts (JLS §15.16). */
  private startsUnaryNotPlusMinus(token: Token): boolean {
    switch (token.kind) {
      case 'identifier': case 'int': case 'long': case 'float': case 'double': case 'char': case 'string':
        return true;
      case 'keyword':
        return ['this', 'super', 'new', 'true', 'false', 'null', 'switch', 'void'].includes(token.text) ||
          PRIMITIVE_TYPES.has(token.text);
      case 'operator':
        return token.text === '(' || token.text === '!' || token.text === '~';
      default:
        return false;
    }
  }

  private arguments(): ExpressionNode[] {
    this.expect('(');
    const args: ExpressionNode[] = [];
    if (this.accept(')')) return args;
    do args.push(this.expression());
    while (this.accept(','));
    this.expect(')');
    return args;
  }

  /** Whether a dotted name ahead continues with type arguments somewhere (`java.util.ArrayList<String>`). */
  private isParameterizedTypeAhead(): boolean {
    let i = 0;
    while (this.tokenAt(this.index + i).kind === 'identifier' && this.is('.', i + 1)) i += 2;
    return this.tokenAt(this.index + i).kind === 'identifier' && this.is('<', i + 1);
  }

  /** A class type with type arguments (and array dimensions), or null when it has none. */
  private parameterizedReferenceType(): TypeNode | null {
    const type = this.classType(false);
    if (!type.parts.some((part) => part.typeArguments !== null && part.typeArguments.length > 0)) return null;
    const dims = this.is('[') ? this.dims() : 0;
    return dims > 0 ? this.arrayOf(type, dims, type.position) : type;
  }

  /** JLS §15.8 primary expressions (without the postfix parts). */
  private primary(): ExpressionNode {
    const token = this.peek();
    const position = positionOf(token);
    switch (token.kind) {
      case 'int':
      case 'long':
        if (token.minValueOnly) throw this.error('integer number too large', token);
        this.advance();
        return token.kind === 'int'
          ? { kind: 'IntLiteral', value: token.value, position }
          : { kind: 'LongLiteral', value: token.value, position };
      case 'float':
      case 'double':
        this.advance();
        return { kind: 'FloatLiteral', value: token.value, isFloat: token.kind === 'float', position };
      case 'char':
        this.advance();
        return { kind: 'CharLiteral', value: token.value, position };
      case 'string':
        this.advance();
        return { kind: 'StringLiteral', value: token.value, textBlock: token.textBlock, position };
      case 'identifier': {
        // JLS §15.13: a parameterized type before `::` (`ArrayList<String>::new`, `List<String>::size`),
        // told from a comparison (`a < b`) by what follows the type arguments, as javac does.
        if (this.is('<', 1) || (this.is('.', 1) && this.isParameterizedTypeAhead())) {
          if (this.lookahead(() => this.parameterizedReferenceType() !== null && this.is('::'))) {
            const type = this.parameterizedReferenceType()!;
            return this.methodReference({ kind: 'type', type }, position);
          }
        }
        this.advance();
        if (this.is('(')) return { kind: 'MethodCall', target: null, typeArguments: null, name: token.text, arguments: this.arguments(), position };
        return { kind: 'Name', name: token.text, position };
      }
      case 'keyword':
        switch (token.text) {
          case 'true':
          case 'false':
            this.advance();
            return { kind: 'BooleanLiteral', value: token.text === 'true', position };
          case 'null':
            this.advance();
            return { kind: 'NullLiteral', position };
          case 'this':
            this.advance();
            return { kind: 'This', qualifier: null, position };
          case 'super':
            return this.superMember(null);
          case 'new':
            return this.creator(null);
          case 'switch':
            return this.switchExpression();
          case 'void': {
            this.advance();
            if (this.is('::')) throw this.error('void has no members: expected a type or an expression before \'::\'');
            this.expect('.');
            this.expect('class');
            return { kind: 'ClassLiteral', type: { kind: 'VoidType', position }, position };
          }
          default:
            if (PRIMITIVE_TYPES.has(token.text)) {
              // JLS §15.8.2: `int.class`, `int[][].class`.
              const type = this.type();
              if (this.is('::')) return this.methodReference({ kind: 'type', type }, position);
              this.expect('.');
              this.expect('class');
              return { kind: 'ClassLiteral', type, position };
            }
        }
        break;
      case 'operator':
        if (token.text === '(') {
          this.advance();
          this.enter();
          try {
            const expression = this.expression();
            this.expect(')');
            return { kind: 'Parenthesized', expression, position };
          } finally {
            this.leave();
          }
        }
        break;
      default:
    }
    return this.fail('an expression');
  }

  /** `super.name`, `super.m(…)`, `super.<T>m(…)`, and the same after `T.` (JLS §15.11.2, §15.12). */
  private superMember(qualifier: ClassTypeNode | null): ExpressionNode {
    const superToken = this.expect('super');
    if (this.is('::')) {
      if (qualifier !== null) throw this.error('qualified super method references are not supported in snippets');
      return this.methodReference({ kind: 'super' }, positionOf(superToken));
    }
    this.expect('.');
    const typeArguments = this.is('<') ? this.typeArguments(false) : null;
    const name = this.identifier();
    const position = qualifier !== null ? qualifier.position : positionOf(superToken);
    if (typeArguments !== null || this.is('(')) {
      return {
        kind: 'MethodCall', target: { kind: 'Super', qualifier, position }, typeArguments, name: name.text,
        arguments: this.arguments(), position: positionOf(name),
      };
    }
    return { kind: 'SuperFieldAccess', qualifier, name: name.text, position };
  }

  /** A name chain `a.b.C` as the type before `.this`, `.super`, `.class` or `[].class`. */
  private asClassType(expression: ExpressionNode, before: string): ClassTypeNode {
    const parts: ClassTypePart[] = [];
    let e = expression;
    for (;;) {
      if (e.kind === 'Name') {
        parts.unshift({ name: e.name, typeArguments: null, position: e.position });
        break;
      }
      if (e.kind === 'FieldAccess') {
        parts.unshift({ name: e.name, typeArguments: null, position: e.position });
        e = e.target;
        continue;
      }
      throw this.error(`expected a type name before '${before}'`, expression.position);
    }
    return { kind: 'ClassType', parts, name: parts.map((p) => p.name).join('.'), position: parts[0]!.position };
  }

  /** JLS §15.8 - §15.14: member access, calls, array access, postfix `++`/`--`, qualified this/new/class. */
  private postfix(start: ExpressionNode): ExpressionNode {
    let e = start;
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator') return e;
      switch (token.text) {
        case '.': {
          const next = this.peek(1);
          if (next.kind === 'identifier') {
            this.advance();
            this.advance();
            const position = positionOf(next);
            e = this.is('(')
              ? { kind: 'MethodCall', target: e, typeArguments: null, name: next.text, arguments: this.arguments(), position }
              : { kind: 'FieldAccess', target: e, name: next.text, position };
            continue;
          }
          if (next.kind === 'operator' && next.text === '<') {
            this.advance();
            const typeArguments = this.typeArguments(false);
            const name = this.identifier();
            if (!this.is('(')) this.fail("'('");
            e = { kind: 'MethodCall', target: e, typeArguments, name: name.text, arguments: this.arguments(), position: positionOf(name) };
            continue;
          }
          if (next.kind === 'keyword') {
            switch (next.text) {
              case 'this': {
                this.advance();
                this.advance();
                const qualifier = this.asClassType(e, '.this');
                e = { kind: 'This', qualifier, position: qualifier.position };
                continue;
              }
              case 'super':
                if (this.is('(', 2)) return e; // `outer.super(…)`, a statement: see statementUnchecked
                this.advance();
                e = this.superMember(this.asClassType(e, '.super'));
                continue;
              case 'class': {
                this.advance();
                this.advance();
                const type = this.asClassType(e, '.class');
                e = { kind: 'ClassLiteral', type, position: type.position };
                continue;
              }
              case 'new':
                this.advance();
                e = this.creator(e);
                continue;
              default:
            }
          }
          this.advance();
          return this.fail('an identifier');
        }
        case '[': {
          if (this.is(']', 1)) {
            // `T[].class` or `T[]::new`.
            const element = this.asClassType(e, '[]');
            const type = this.arrayOf(element, this.dims());
            if (this.is('::')) return this.methodReference({ kind: 'type', type }, element.position);
            this.expect('.');
            this.expect('class');
            e = { kind: 'ClassLiteral', type, position: element.position };
            continue;
          }
          this.advance();
          const index = this.expression();
          this.expect(']');
          e = { kind: 'ArrayAccess', array: e, index, position: e.position };
          continue;
        }
        case '++':
        case '--':
          if (!isVariable(e)) throw this.error(`the operand of '${token.text}' must be a variable`, e.position);
          this.advance();
          e = { kind: 'Unary', op: token.text as UnaryOperator, postfix: true, operand: e, position: e.position };
          continue;
        case '::':
          // Nothing follows a method reference but the end of its expression.
          return this.methodReference({ kind: 'expression', expression: e }, e.position);
        default:
          return e;
      }
    }
  }

  /** JLS §15.9 class instance creation and §15.10.1 array creation; `outer` for `outer.new Inner()`. */
  private creator(outer: ExpressionNode | null): ExpressionNode {
    const newToken = this.expect('new');
    const position = outer !== null ? outer.position : positionOf(newToken);
    const typeArguments = this.is('<') ? this.typeArguments(false) : null;
    this.typeAnnotations();
    const typeStart = this.peek();
    let elementType: PrimitiveTypeNode | ClassTypeNode;
    if (typeStart.kind === 'keyword' && PRIMITIVE_TYPES.has(typeStart.text)) {
      this.advance();
      elementType = { kind: 'PrimitiveType', name: typeStart.text as PrimitiveTypeName, position: positionOf(typeStart) };
      if (!this.is('[')) this.fail("'['");
    } else {
      elementType = this.classType(true);
    }
    if (this.is('[') && outer === null && typeArguments === null) return this.arrayCreation(elementType, position);
    if (elementType.kind !== 'ClassType') return this.fail("'('");
    const args = this.arguments();
    if (this.is('{')) return { kind: 'New', outer, typeArguments, type: elementType, arguments: args, body: this.classBody(), position };
    return { kind: 'New', outer, typeArguments, type: elementType, arguments: args, position };
  }

  private arrayCreation(elementType: PrimitiveTypeNode | ClassTypeNode, position: SourcePosition): NewArrayNode {
    const dimensions: ExpressionNode[] = [];
    if (this.is('[') && this.is(']', 1)) {
      const extraDimensions = this.dims();
      if (!this.is('{')) throw this.error('array dimension missing');
      const initializer = this.arrayInitializer();
      return { kind: 'NewArray', elementType, dimensions, extraDimensions, initializer, position };
    }
    while (this.is('[') && !this.is(']', 1)) {
      this.advance();
      dimensions.push(this.expression());
      this.expect(']');
    }
    const extraDimensions = this.dims();
    if (this.is('{')) throw this.error('array creation with both dimension expression and initialization is illegal');
    return { kind: 'NewArray', elementType, dimensions, extraDimensions, initializer: null, position };
  }

  /** JLS §15.28 switch expressions. */
  private switchExpression(): ExpressionNode {
    const position = positionOf(this.expect('switch'));
    const selector = this.parenthesizedCondition();
    this.enter();
    try {
      const { arrowForm, cases } = this.switchBody(true);
      return { kind: 'SwitchExpression', selector, arrowForm, cases, position };
    } finally {
      this.leave();
    }
  }
}

// ## Public entry points

/**
 * A Javassist snippet: a block `{ … }`, or a sequence of block statements without braces (a single
 * statement included). Always returns a Block: the one written, or one wrapping the statements (positioned
 * at the first token). Every statement needs its `;`.
 */
export function parseSnippet(source: string): BlockNode {
  // A transform inserts the same snippet into many methods: it is parsed once. The tree is
  // immutable (ast.ts), and the code generator keeps what it learns of nodes per compilation.
  let block = parsedSnippets.get(source);
  if (block === undefined) {
    const parser = new Parser(source);
    block = parser.run(() => parser.snippet());
    if (parsedSnippets.size >= PARSED_SNIPPETS_KEPT) parsedSnippets.delete(parsedSnippets.keys().next().value!);
    parsedSnippets.set(source, block);
  }
  return block;
}

/** The snippets parsed last, by source (the oldest dropped first past PARSED_SNIPPETS_KEPT). */
const parsedSnippets = new Map<string, BlockNode>();
const PARSED_SNIPPETS_KEPT = 256;

/** One expression, the whole source. */
export function parseExpression(source: string): ExpressionNode {
  const parser = new Parser(source);
  return parser.run(() => parser.wholeExpression());
}

/** A method declaration as CtNewMethod.make takes it: `public int f(int a) throws E { … }` or `…;`. */
export function parseMethodDeclaration(source: string): MethodDeclarationNode {
  const parser = new Parser(source);
  return parser.run(() => parser.methodDeclaration());
}

/** A constructor declaration as CtNewConstructor.make takes it: `public Point(int x) { … }`. */
export function parseConstructorDeclaration(source: string): ConstructorDeclarationNode {
  const parser = new Parser(source);
  return parser.run(() => parser.constructorDeclaration());
}

/** A field declaration as CtField.make takes it: `private int x = 1, y[];`. */
export function parseFieldDeclaration(source: string): FieldDeclarationNode {
  const parser = new Parser(source);
  return parser.run(() => parser.fieldDeclaration());
}
