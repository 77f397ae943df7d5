// The snippet front end (src/source/compiler/: lexer, AST, parser): every construct as a compact
// S-expression of its tree, literal values at their edges, precedence, Javassist's special identifiers,
// declarations for CtNewMethod/CtNewConstructor/CtField, errors with their exact message and position, and,
// as an oracle for "the accepted language is Java", a few hundred lines of method bodies that the real javac
// compiles and that the parser must accept.

import { describe, expect, it } from 'vitest';
import type {
  ClassTypeNode, ElementValueNode, ExpressionNode, ModifiersNode, ParameterNode, StatementNode, SwitchCaseNode,
  TypeArgumentNode, TypeNode, TypeParameterNode, VariableDeclaratorNode, VariableInitializerNode, VoidTypeNode,
} from '../src/source/compiler/ast.js';
import { JavaSyntaxError } from '../src/source/compiler/java-syntax-error.js';
import { tokenize } from '../src/source/compiler/lexer.js';
import {
  parseConstructorDeclaration, parseExpression, parseFieldDeclaration, parseMethodDeclaration, parseSnippet,
} from '../src/source/compiler/parser.js';
import { compileJava } from './support/javac.js';

// ## A compact printer: `(+ a (* b c))`

function typeText(t: TypeNode | VoidTypeNode | TypeArgumentNode): string {
  switch (t.kind) {
    case 'PrimitiveType': return t.name;
    case 'ClassType': return classTypeText(t);
    case 'ArrayType': return `${typeText(t.elementType)}[]`;
    case 'VarType': return 'var';
    case 'VoidType': return 'void';
    case 'WildcardType': return t.bound === null ? '?' : `? ${t.boundKind} ${typeText(t.bound)}`;
  }
}

function classTypeText(t: ClassTypeNode): string {
  return t.parts.map((p) => p.typeArguments === null ? p.name : `${p.name}<${p.typeArguments.map(typeText).join(',')}>`).join('.');
}

function modifiersText(m: ModifiersNode): string {
  return [...m.annotations.map((a) => `@${a.name}${a.elements.length === 0 ? '' : `(${a.elements.map((e) => `${e.name}=${elementValueText(e.value)}`).join(' ')})`}`), ...m.keywords]
    .map((s) => `${s} `).join('');
}

function elementValueText(v: ElementValueNode): string {
  if (v.kind === 'ElementValueArray') return `{${v.values.map(elementValueText).join(' ')}}`;
  if (v.kind === 'Annotation') return `@${v.name}`;
  return show(v);
}

function initText(i: VariableInitializerNode): string {
  return i.kind === 'ArrayInitializer' ? `{${i.elements.map(initText).join(' ')}}` : show(i);
}

function declaratorText(d: VariableDeclaratorNode): string {
  return `${d.name}${'[]'.repeat(d.extraDimensions)}${d.initializer === null ? '' : `=${initText(d.initializer)}`}`;
}

function list(items: readonly (ExpressionNode | StatementNode)[]): string {
  return items.map((i) => ` ${show(i)}`).join('');
}

function caseText(c: SwitchCaseNode): string {
  const labels = [...c.labels.map(show), ...(c.isDefault ? ['default'] : [])].join(',');
  return ` (case ${labels}${list(c.body)})`;
}

function show(n: ExpressionNode | StatementNode): string {
  switch (n.kind) {
    case 'IntLiteral': return String(n.value);
    case 'LongLiteral': return `${n.value}L`;
    case 'FloatLiteral': return `${n.value}${n.isFloat ? 'f' : 'd'}`;
    case 'CharLiteral': return `c${n.value}`;
    case 'StringLiteral': return JSON.stringify(n.value);
    case 'BooleanLiteral': return String(n.value);
    case 'NullLiteral': return 'null';
    case 'Name': return n.name;
    case 'FieldAccess': return `(. ${show(n.target)} ${n.name})`;
    case 'SuperFieldAccess': return `(. ${n.qualifier === null ? '' : `${classTypeText(n.qualifier)}.`}super ${n.name})`;
    case 'MethodCall': {
      const target = n.target === null ? '-' : n.target.kind === 'Super'
        ? `${n.target.qualifier === null ? '' : `${classTypeText(n.target.qualifier)}.`}super` : show(n.target);
      const typeArgs = n.typeArguments === null ? '' : `<${n.typeArguments.map(typeText).join(',')}>`;
      return `(call ${target} ${typeArgs}${n.name}${list(n.arguments)})`;
    }
    case 'New': return `(new ${n.outer === null ? '' : `${show(n.outer)} `}${classTypeText(n.type)}${list(n.arguments)})`;
    case 'NewArray': return `(new-array ${typeText(n.elementType)} [${n.dimensions.map(show).join(' ')}] ${n.extraDimensions}${n.initializer === null ? '' : ` ${initText(n.initializer)}`})`;
    case 'ArrayAccess': return `([] ${show(n.array)} ${show(n.index)})`;
    case 'Unary': return n.postfix ? `(post${n.op} ${show(n.operand)})` : `(${n.op} ${show(n.operand)})`;
    case 'Binary': return `(${n.op} ${show(n.left)} ${show(n.right)})`;
    case 'Assign': return `(${n.op} ${show(n.target)} ${show(n.value)})`;
    case 'Conditional': return `(? ${show(n.condition)} ${show(n.whenTrue)} ${show(n.whenFalse)})`;
    case 'Cast': return `(cast ${[n.type, ...n.additionalBounds].map(typeText).join('&')} ${show(n.expression)})`;
    case 'InstanceOf': return `(instanceof ${show(n.expression)} ${typeText(n.type)}${n.binding === null ? '' : ` ${n.binding.isFinal ? 'final ' : ''}${n.binding.name}`})`;
    case 'ClassLiteral': return `(class ${typeText(n.type)})`;
    case 'This': return n.qualifier === null ? 'this' : `${classTypeText(n.qualifier)}.this`;
    case 'Parenthesized': return `(paren ${show(n.expression)})`;
    case 'SwitchExpression': return `(switch-expr${n.arrowForm ? '->' : ':'} ${show(n.selector)}${n.cases.map(caseText).join('')})`;
    case 'Lambda': return `(lambda (${n.parameters.map((p) => (p.type === null ? p.name : `${typeText(p.type)} ${p.name}`)).join(' ')}) ${show(n.body)})`;
    case 'MethodReference': {
      const target = n.target.kind === 'super' ? 'super' : n.target.kind === 'type' ? typeText(n.target.type) : show(n.target.expression);
      return `(:: ${target} ${n.name})`;
    }
    case 'Block': return `{${n.statements.map(show).join(' ')}}`;
    case 'LocalVariableDeclaration': return `(local ${modifiersText(n.modifiers)}${typeText(n.type)} ${n.declarators.map(declaratorText).join(' ')})`;
    case 'ExpressionStatement': return `${show(n.expression)};`;
    case 'If': return `(if ${show(n.condition)} ${show(n.thenStatement)}${n.elseStatement === null ? '' : ` ${show(n.elseStatement)}`})`;
    case 'While': return `(while ${show(n.condition)} ${show(n.body)})`;
    case 'DoWhile': return `(do ${show(n.body)} ${show(n.condition)})`;
    case 'For': return `(for (${n.init.map(show).join(' ')}) ${n.condition === null ? '-' : show(n.condition)} (${n.update.map(show).join(' ')}) ${show(n.body)})`;
    case 'ForEach': return `(foreach ${modifiersText(n.modifiers)}${typeText(n.type)} ${n.name}${'[]'.repeat(n.extraDimensions)} ${show(n.iterable)} ${show(n.body)})`;
    case 'Return': return n.expression === null ? '(return)' : `(return ${show(n.expression)})`;
    case 'Throw': return `(throw ${show(n.expression)})`;
    case 'Break': return n.label === null ? '(break)' : `(break ${n.label})`;
    case 'Continue': return n.label === null ? '(continue)' : `(continue ${n.label})`;
    case 'Labeled': return `(label ${n.label} ${show(n.body)})`;
    case 'Switch': return `(switch${n.arrowForm ? '->' : ':'} ${show(n.selector)}${n.cases.map(caseText).join('')})`;
    case 'Try': {
      const resources = n.resources.length === 0 ? '' : ` (${n.resources.map(show).join(' ')})`;
      const catches = n.catches.map((c) => ` (catch ${modifiersText(c.modifiers)}${c.types.map(classTypeText).join('|')} ${c.name} ${show(c.body)})`).join('');
      return `(try${resources} ${show(n.block)}${catches}${n.finallyBlock === null ? '' : ` (finally ${show(n.finallyBlock)})`})`;
    }
    case 'Synchronized': return `(synchronized ${show(n.lock)} ${show(n.body)})`;
    case 'Empty': return ';';
    case 'Assert': return `(assert ${show(n.condition)}${n.message === null ? '' : ` ${show(n.message)}`})`;
    case 'Yield': return `(yield ${show(n.expression)})`;
    case 'ExplicitConstructorInvocation':
      return `(${n.qualifier === null ? '' : `${show(n.qualifier)}.`}${n.isSuper ? 'super' : 'this'}${n.typeArguments === null ? '' : `<${n.typeArguments.map(typeText).join(',')}>`}${list(n.arguments)})`;
    case 'LocalClass':
      return `(class ${n.name}${n.superclass === null ? '' : ` extends ${classTypeText(n.superclass)}`} ${n.body.length} members)`;
  }
}

function typeParametersText(ps: readonly TypeParameterNode[]): string {
  if (ps.length === 0) return '';
  return `<${ps.map((p) => p.bounds.length === 0 ? p.name : `${p.name} extends ${p.bounds.map(classTypeText).join('&')}`).join(',')}> `;
}

function parametersText(ps: readonly ParameterNode[]): string {
  return `(${ps.map((p) => `${modifiersText(p.modifiers)}${typeText(p.type)}${p.varargs ? '...' : ''} ${p.name}`).join(', ')})`;
}

/** The snippet's statements, each printed, space separated (the outer block's braces dropped). */
function snippet(source: string): string {
  return parseSnippet(source).statements.map(show).join(' ');
}

const expr = (source: string): string => show(parseExpression(source));

function syntaxError(parse: () => unknown): string {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(JavaSyntaxError);
    const error = e as JavaSyntaxError;
    expect(error.message).toBe(`line ${error.line}, column ${error.column}: ${error.detail}`);
    return error.message;
  }
  throw new Error('expected a JavaSyntaxError');
}

// ## Lexer

describe('lexer', () => {
  it('tokens carry kind, text, line, column and offset', () => {
    const tokens = tokenize('int x =\n  0x1F; // c\n/* d */ a >>>= b');
    expect(tokens.map((t) => `${t.kind}:${t.text}@${t.line}:${t.column}/${t.offset}`)).toEqual([
      'keyword:int@1:1/0', 'identifier:x@1:5/4', 'operator:=@1:7/6', 'int:0x1F@2:3/10', 'operator:;@2:7/14',
      'identifier:a@3:9/29', 'operator:>>>=@3:11/31', 'identifier:b@3:16/36', 'eof:@3:17/37',
    ]);
  });

  it('every operator and separator, longest match first', () => {
    const ops = '( ) { } [ ] ; , . ... @ :: = > < ! ~ ? : -> == >= <= != && || ++ -- + - * / & | ^ % << >> >>> += -= *= /= &= |= ^= %= <<= >>= >>>=';
    expect(tokenize(ops).filter((t) => t.kind === 'operator').map((t) => t.text).join(' ')).toBe(ops);
    expect(tokenize('a..b').map((t) => t.text)).toEqual(['a', '.', '.', 'b', '']);
    expect(tokenize('x--->y').map((t) => t.text)).toEqual(['x', '--', '->', 'y', '']);
  });

  it('identifiers: Unicode letters, $ and _, Javassist specials; keywords; contextual keywords are identifiers', () => {
    const tokens = tokenize('$0 $1 $args $$ $_ $r $w $sig $type $class $proceed $e $cflow π_1 café _x var yield record goto _ true null');
    expect(tokens.map((t) => `${t.kind[0]}:${t.text}`).join(' ')).toBe(
      'i:$0 i:$1 i:$args i:$$ i:$_ i:$r i:$w i:$sig i:$type i:$class i:$proceed i:$e i:$cflow i:π_1 i:café i:_x ' +
      'i:var i:yield i:record k:goto k:_ k:true k:null e:');
  });

  it('comments of every kind, CRLF and CR line ends', () => {
    const tokens = tokenize('/** doc */ a // x\r\n/* multi\r line */ b\rc');
    expect(tokens.map((t) => `${t.text}@${t.line}:${t.column}`)).toEqual(['a@1:12', 'b@3:10', 'c@4:1', '@4:2']);
  });

  it('unicode escapes are translated first (JLS §3.3), positions stay in the source as written', () => {
    const tokens = tokenize('\\u0069nt \\u0078 = \\u0022hi\\u0022;');
    expect(tokens.map((t) => `${t.kind}:${t.text}@${t.column}`)).toEqual([
      'keyword:int@1', 'identifier:x@10', 'operator:=@17', 'string:"hi"@19', 'operator:;@33', 'eof:@34',
    ]);
    // An escaped backslash is not eligible: `\\u0041` is 7 characters of a string.
    const [escaped] = tokenize('"\\\\u0041"');
    expect(escaped).toMatchObject({ kind: 'string', value: '\\u0041' });
    // Several u's; an escape producing a backslash starts an escape sequence in a literal.
    expect(tokenize("'\\uuu0041'")[0]).toMatchObject({ kind: 'char', value: 65 });
    expect(tokenize('"\\u005c\\u005c"')[0]).toMatchObject({ kind: 'string', value: '\\' });
    expect(tokenize('"\\u005cn"')[0]).toMatchObject({ kind: 'string', value: '\n' });
  });

  it('integer literals: decimal, hex, octal, binary, underscores, L, two\'s complement', () => {
    const values = tokenize('0 7 1_000_000 0x7fff_ffff 0xFFFFFFFF 0x80000000 037777777777 0_17 00 0b1010 0B1111_1111_1111_1111_1111_1111_1111_1111 2147483647')
      .filter((t) => t.kind === 'int').map((t) => t.kind === 'int' ? t.value : null);
    expect(values).toEqual([0, 7, 1000000, 2147483647, -1, -2147483648, -1, 15, 0, 10, -1, 2147483647]);
    const longs = tokenize('0L 9223372036854775807L 0x8000000000000000L 0xFFFF_FFFF_FFFF_FFFFl 01777777777777777777777L 0b1L 4294967296L')
      .map((t) => t.kind === 'long' ? t.value : null).slice(0, -1);
    expect(longs).toEqual([0n, 9223372036854775807n, -9223372036854775808n, -1n, -1n, 1n, 4294967296n]);
    expect(tokenize('2147483648')[0]).toMatchObject({ kind: 'int', value: -2147483648, minValueOnly: true });
    expect(tokenize('9223372036854775808L')[0]).toMatchObject({ kind: 'long', value: -9223372036854775808n, minValueOnly: true });
  });

  it('floating-point literals: decimal and hex, suffixes, exact rounding to float32 and float64', () => {
    const value = (source: string): [string, number] => {
      const t = tokenize(source)[0]!;
      if (t.kind !== 'float' && t.kind !== 'double') throw new Error(`not floating: ${source}`);
      return [t.kind, t.value];
    };
    expect(value('1.5')).toEqual(['double', 1.5]);
    expect(value('1.')).toEqual(['double', 1]);
    expect(value('.25')).toEqual(['double', 0.25]);
    expect(value('1e3')).toEqual(['double', 1000]);
    expect(value('1E+3d')).toEqual(['double', 1000]);
    expect(value('2f')).toEqual(['float', 2]);
    expect(value('09f')).toEqual(['float', 9]);
    expect(value('09.5')).toEqual(['double', 9.5]);
    expect(value('1_0.2_5e1_0')).toEqual(['double', 10.25e10]);
    expect(value('0.1f')).toEqual(['float', Math.fround(0.1)]);
    expect(value('3.4028235e38f')).toEqual(['float', 3.4028234663852886e38]);
    expect(value('1.7976931348623157e308')).toEqual(['double', Number.MAX_VALUE]);
    expect(value('4.9e-324')).toEqual(['double', Number.MIN_VALUE]);
    expect(value('2.4703282292062328e-324')).toEqual(['double', Number.MIN_VALUE]); // just above half: rounds up
    // Float.MIN_VALUE and the rounding of values near it.
    expect(value('1e-45f')).toEqual(['float', 2 ** -149]);
    expect(value('1.4e-45f')).toEqual(['float', 2 ** -149]);
    expect(value('0.71e-45f')).toEqual(['float', 2 ** -149]);
    // 1 + 2^-24 + tiny: one rounding gives 1 + 2^-23; rounding through a double first would tie to 1.0.
    expect(value('1.0000000596046447753906251f')).toEqual(['float', 1 + 2 ** -23]);
    expect(value('1.000000059604644775390625f')).toEqual(['float', 1]); // the exact tie: to even
    // Hexadecimal floating point (JLS §3.10.2).
    expect(value('0x1p3')).toEqual(['double', 8]);
    expect(value('0x1.8p1')).toEqual(['double', 3]);
    expect(value('0X.8P0f')).toEqual(['float', 0.5]);
    expect(value('0x1.fffffeP+127f')).toEqual(['float', 3.4028234663852886e38]);
    expect(value('0x1.0p-149f')).toEqual(['float', 2 ** -149]);
    expect(value('0x1.fffffffffffffP+1023')).toEqual(['double', Number.MAX_VALUE]);
    expect(value('0x1p-1074')).toEqual(['double', Number.MIN_VALUE]);
    expect(value('0x1.8p-1075')).toEqual(['double', Number.MIN_VALUE]);
    expect(value('0x1_0p-4d')).toEqual(['double', 1]);
    expect(value('0.0f')).toEqual(['float', 0]);
    expect(value('0e999999999999')).toEqual(['double', 0]);
    expect(value('0x0p99999')).toEqual(['double', 0]);
  });

  it('decimal doubles agree with JavaScript\'s correctly rounded Number() on random literals', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const digits = Array.from({ length: 1 + random(25) }, () => String(random(10))).join('');
      const point = random(digits.length + 1);
      const literal = `${digits.slice(0, point)}.${digits.slice(point)}e${random(600) - 300}`;
      const expected = Number(literal);
      if (expected === Infinity || (expected === 0 && /[1-9]/.test(digits))) continue;
      const token = tokenize(literal.startsWith('.') ? `0${literal}` : literal)[0]!;
      expect(token.kind === 'double' ? token.value : NaN, literal).toBe(expected);
    }
  });

  it('char literals and every escape (JLS §3.10.7)', () => {
    const chars = tokenize("'a' '\\b' '\\s' '\\t' '\\n' '\\f' '\\r' '\\\"' '\\'' '\\\\' '\\0' '\\7' '\\77' '\\377' 'é' '\\u00e9'");
    expect(chars.filter((t) => t.kind === 'char').map((t) => t.kind === 'char' ? t.value : -1))
      .toEqual([97, 8, 32, 9, 10, 12, 13, 34, 39, 92, 0, 7, 63, 255, 233, 233]);
  });

  it('string literals with escapes', () => {
    expect(tokenize('"a\\tb\\n\\"q\\" \\\\ \\101\\1010 \\s"')[0]).toMatchObject({ kind: 'string', value: 'a\tb\n"q" \\ AA0  ', textBlock: false });
    expect(tokenize('""')[0]).toMatchObject({ kind: 'string', value: '' });
  });

  it('text blocks: incidental white space, trailing spaces, escapes, closing delimiter position (JLS §3.10.6)', () => {
    const block = (source: string): string => {
      const t = tokenize(source)[0]!;
      if (t.kind !== 'string' || !t.textBlock) throw new Error('not a text block');
      return t.value;
    };
    expect(block('"""\n    Hello\n      World\n    """')).toBe('Hello\n  World\n');
    expect(block('"""\n    Hello\n      World"""')).toBe('Hello\n  World');
    expect(block('"""\n    Hello\n  """')).toBe('  Hello\n');
    expect(block('"""\n    Hello\n"""')).toBe('    Hello\n');
    expect(block('"""   \n  a   \n  b\\s\n  """')).toBe('a\nb \n');
    expect(block('"""\n  one \\\n  two\n  """')).toBe('one two\n');
    expect(block('"""\n  \\t tab\\n\n  \\"""quoted\\"""\n  """')).toBe('\t tab\n\n"""quoted"""\n');
    expect(block('"""\r\n  crlf\r\n  """')).toBe('crlf\n');
    expect(block('"""\n  a\n\n  b\n  """')).toBe('a\n\nb\n');
    expect(block('"""\n"""')).toBe('');
  });

  it('lexical errors: message and position', () => {
    const cases: [string, string][] = [
      ['"abc', 'line 1, column 1: unclosed string literal'],
      ['x = "ab\ncd";', 'line 1, column 5: unclosed string literal'],
      ['a /* never', 'line 1, column 3: unclosed comment'],
      ["''", 'line 1, column 1: empty character literal'],
      ["'ab'", 'line 1, column 1: unclosed character literal'],
      ["'\\400'", 'line 1, column 1: unclosed character literal'], // \40 then 0: octal escapes stop at \377
      ['"\\q"', 'line 1, column 2: illegal escape character'],
      ['"\\u00g1"', 'line 1, column 2: illegal unicode escape'],
      ['a # b', "line 1, column 3: illegal character: '#'"],
      ['\\', "line 1, column 1: illegal character: '\\'"],
      ['"""abc"""', 'line 1, column 1: illegal text block open delimiter sequence, missing line terminator'],
      ['"""\nabc', 'line 1, column 1: unclosed text block'],
      ['"""\n \\q"""', 'line 2, column 2: illegal escape character'],
      ['2147483649', 'line 1, column 1: integer number too large'],
      ['9223372036854775809L', 'line 1, column 1: integer number too large'],
      ['0x1_0000_0000', 'line 1, column 1: integer number too large'],
      ['0x1_0000_0000_0000_0000L', 'line 1, column 1: integer number too large'],
      ['09', "line 1, column 1: illegal digit '9' in an octal literal"],
      ['0x', 'line 1, column 1: hexadecimal numbers must contain at least one hexadecimal digit'],
      ['0b', 'line 1, column 1: binary numbers must contain at least one binary digit'],
      ['1_', 'line 1, column 2: illegal underscore'],
      ['0x_1', 'line 1, column 3: illegal underscore'],
      ['1._5', 'line 1, column 3: illegal underscore'],
      ['1e', 'line 1, column 1: malformed floating-point literal'],
      ['0x1.0', 'line 1, column 1: malformed floating-point literal'],
      ['1e400', 'line 1, column 1: floating-point number too large'],
      ['3.5e38f', 'line 1, column 1: floating-point number too large'],
      ['1e-50f', 'line 1, column 1: floating-point number too small'],
      ['0.7e-45f', 'line 1, column 1: floating-point number too small'],
      ['1e-400', 'line 1, column 1: floating-point number too small'],
      ['0x1p-1075', 'line 1, column 1: floating-point number too small'],
      ['  x\n  \\u0022abc', 'line 2, column 3: unclosed string literal'],
    ];
    for (const [source, message] of cases) expect(syntaxError(() => tokenize(source)), source).toBe(message);
  });
});

// ## Parser: expressions

describe('expressions', () => {
  const table: [string, string][] = [
    // Literals and names
    ['42', '42'],
    ['42L', '42L'],
    ['1.5f', '1.5f'],
    ['1.5', '1.5d'],
    ["'x'", 'c120'],
    ['"s"', '"s"'],
    ['true', 'true'],
    ['null', 'null'],
    ['-2147483648', '-2147483648'],
    ['-9223372036854775808L', '-9223372036854775808L'],
    ['- 2147483647', '(- 2147483647)'],
    ['java.lang.System.out', '(. (. (. java lang) System) out)'],
    // Precedence and associativity (JLS §15.7 - §15.26)
    ['a + b * c', '(+ a (* b c))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a * b / c % d', '(% (/ (* a b) c) d)'],
    ['a = b = c', '(= a (= b c))'],
    ['a += b -= c', '(+= a (-= b c))'],
    ['x >>>= 2', '(>>>= x 2)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ? b ? c : d : e', '(? a (? b c d) e)'],
    ['a || b && c | d ^ e & f == g < h << i + j * k', '(|| a (&& b (| c (^ d (& e (== f (< g (<< h (+ i (* j k))))))))))'],
    ['a << b >> c >>> d', '(>>> (>> (<< a b) c) d)'],
    ['a < b == c > d', '(== (< a b) (> c d))'],
    ['a <= b != c >= d', '(!= (<= a b) (>= c d))'],
    ['x instanceof String s && s.isEmpty()', '(&& (instanceof x String s) (call s isEmpty))'],
    ['x instanceof final String s', '(instanceof x String final s)'],
    ['o instanceof java.util.List<?> && b', '(&& (instanceof o java.util.List<?>) b)'],
    ['a + b instanceof String', '(instanceof (+ a b) String)'],
    ['!a && ~b == -c', '(&& (! a) (== (~ b) (- c)))'],
    ['- -x', '(- (- x))'],
    ['a - -b', '(- a (- b))'],
    ['i++ + ++i', '(+ (post++ i) (++ i))'],
    ['a-- - --b', '(- (post-- a) (-- b))'],
    ['x = y += z', '(= x (+= y z))'],
    ['(a) = 1', '(= (paren a) 1)'],
    ['a[i] = b.c[j][k]', '(= ([] a i) ([] ([] (. b c) j) k))'],
    ['c ? x = 1 : (y = 2)', '(? c (= x 1) (paren (= y 2)))'],
    // Casts (JLS §15.16)
    ['(int) -x', '(cast int (- x))'],
    ['(int) +x', '(cast int (+ x))'],
    ['(a) - b', '(- (paren a) b)'],
    ['(a) + b', '(+ (paren a) b)'],
    ['(a)(b)', '(cast a (paren b))'],
    ['(String) o', '(cast String o)'],
    ['(String) "s"', '(cast String "s")'],
    ['(Object) !b', '(cast Object (! b))'],
    ['(Object) ~i', '(cast Object (~ i))'],
    ['(a.b.C) this', '(cast a.b.C this)'],
    ['(List<String>) new ArrayList<>()', '(cast List<String> (new ArrayList<>))'],
    ['(Map<String, List<Integer>>) m', '(cast Map<String,List<Integer>> m)'],
    ['(int[]) o', '(cast int[] o)'],
    ['(String[][]) o', '(cast String[][] o)'],
    ['(Comparable<?> & java.io.Serializable) o', '(cast Comparable<?>&java.io.Serializable o)'],
    ['(long) (int) x', '(cast long (cast int x))'],
    ['(int) x.y[0]', '(cast int ([] (. x y) 0))'],
    ['(int) x + 1', '(+ (cast int x) 1)'],
    ['(Integer) i++', '(cast Integer (post++ i))'],
    ['(a)++', '(post++ (paren a))'],
    ['(a) < b', '(< (paren a) b)'],
    ['(a < b)', '(paren (< a b))'],
    ['(a < b >> c)', '(paren (< a (>> b c)))'],
    ['(a & b) + c', '(+ (paren (& a b)) c)'],
    ['(a[0])', '(paren ([] a 0))'],
    ['(Object) int.class', '(cast Object (class int))'],
    ['(var) + 1', '(+ (paren var) 1)'],
    ['(yield) - (record)', '(- (paren yield) (paren record))'],
    // Javassist's specials
    ['$_ = ($r) $proceed($$)', '(= $_ (cast $r (call - $proceed $$)))'],
    ['$1.length()', '(call $1 length)'],
    ['($w) $2', '(cast $w $2)'],
    ['($w) 5', '(cast $w 5)'],
    ['$args[0]', '([] $args 0)'],
    ['$cflow(fact)', '(call - $cflow fact)'],
    ['$sig.length + $type.getName().length() + $class.hashCode()', '(+ (+ (. $sig length) (call (call $type getName) length)) (call $class hashCode))'],
    ['$0.x = $e', '(= (. $0 x) $e)'],
    // Member access, calls, creation
    ['a.b(c, d).e', '(. (call a b c d) e)'],
    ['f()', '(call - f)'],
    ['Collections.<String>emptyList()', '(call Collections <String>emptyList)'],
    ['this.<T, U>m(x)', '(call this <T,U>m x)'],
    ['super.toString()', '(call super toString)'],
    ['super.<T>m()', '(call super <T>m)'],
    ['super.x', '(. super x)'],
    ['Outer.super.m()', '(call Outer.super m)'],
    ['Outer.super.x', '(. Outer.super x)'],
    ['Outer.this', 'Outer.this'],
    ['a.b.Outer.this.x', '(. a.b.Outer.this x)'],
    ['this.x', '(. this x)'],
    ['String.class', '(class String)'],
    ['java.lang.String[][].class', '(class java.lang.String[][])'],
    ['int.class', '(class int)'],
    ['int[].class', '(class int[])'],
    ['void.class', '(class void)'],
    ['new Object()', '(new Object)'],
    ['new java.util.HashMap<String, Integer>(16)', '(new java.util.HashMap<String,Integer> 16)'],
    ['new Outer.Inner<>()', '(new Outer.Inner<>)'],
    ['outer.new Inner(1)', '(new outer Inner 1)'],
    ['new <T>Foo()', '(new Foo)'],
    ['new int[3]', '(new-array int [3] 0)'],
    ['new int[a][b][]', '(new-array int [a b] 1)'],
    ['new String[][]{{"a"}, {}, null}', '(new-array String [] 2 {{"a"} {} null})'],
    ['new int[]{1, 2,}', '(new-array int [] 1 {1 2})'],
    ['new int[3].length', '(. (new-array int [3] 0) length)'],
    ['new Foo().bar()', '(call (new Foo) bar)'],
    ['a[b[c]]', '([] a ([] b c))'],
    ['"a" + 1 + \'c\'', '(+ (+ "a" 1) c99)'],
    ['switch (x) { case 1, 2 -> "a"; case 3 -> { yield "b"; } default -> throw new E(); }',
      '(switch-expr-> x (case 1,2 (yield "a")) (case 3 {(yield "b")}) (case default (throw (new E))))'],
    ['switch (x) { case 1: yield 2; default: { int y = 3; yield y; } }',
      '(switch-expr: x (case 1 (yield 2)) (case default {(local int y=3) (yield y)}))'],
    ['1 + switch (k) { default -> 0; }', '(+ 1 (switch-expr-> k (case default (yield 0))))'],
  ];
  for (const [source, expected] of table) {
    it(source, () => expect(expr(source)).toBe(expected));
  }

  it('lambdas (JLS §15.27) and method references (JLS §15.13) where an expression starts', () => {
    expect(expr('x -> x + 1')).toBe('(lambda (x) (+ x 1))');
    expect(expr('() -> {}')).toBe('(lambda () {})');
    expect(expr('(a, b) -> { return a; }')).toBe('(lambda (a b) {(return a)})');
    expect(expr('(final int a, String[] b, java.util.List<String> c) -> a')).toBe('(lambda (int a String[] b java.util.List<String> c) a)');
    expect(expr('(var a, var b) -> a')).toBe('(lambda (a b) a)');
    expect(expr('f(x -> y -> x, (a) -> b)')).toBe('(call - f (lambda (x) (lambda (y) x)) (lambda (a) b))');
    expect(expr('c ? a : b -> b')).toBe('(? c a (lambda (b) b))');
    expect(expr('(Runnable) () -> {}')).toBe('(cast Runnable (lambda () {}))');
    expect(expr('(a) + b')).toBe('(+ (paren a) b)');
    expect(expr('String::valueOf')).toBe('(:: String valueOf)');
    expect(expr('java.util.Objects::isNull')).toBe('(:: (. (. java util) Objects) isNull)');
    expect(expr('this::run')).toBe('(:: this run)');
    expect(expr('super::toString')).toBe('(:: super toString)');
    expect(expr('a.b()::c')).toBe('(:: (call a b) c)');
    expect(expr('int[]::new')).toBe('(:: int[] new)');
    expect(expr('String[][]::clone')).toBe('(:: String[][] clone)');
    expect(expr('java.util.ArrayList::<String>new')).toBe('(:: (. (. java util) ArrayList) new)');
  });

  it('positions: first token, or the operator, or the member name', () => {
    const e = parseExpression('a +\n  b.c(d)');
    expect(e.kind === 'Binary' && [e.position, e.left.position, e.right.position]).toEqual([
      { line: 1, column: 3, offset: 2 }, { line: 1, column: 1, offset: 0 }, { line: 2, column: 5, offset: 8 },
    ]);
  });
});

// ## Parser: statements and snippet forms

describe('statements', () => {
  const table: [string, string][] = [
    // Snippet forms: a block, statements without braces, a single statement
    ['{ a(); b(); }', '(call - a); (call - b);'],
    ['a(); b();', '(call - a); (call - b);'],
    ['{ a(); } { b(); }', '{(call - a);} {(call - b);}'],
    ['', ''],
    ['System.out.println($1);', '(call (. System out) println $1);'],
    ['{ System.out.println("x=" + $1); }', '(call (. System out) println (+ "x=" $1));'],
    ['$_ = ($r) $proceed($$);', '(= $_ (cast $r (call - $proceed $$)));'],
    // Local variable declarations (JLS §14.4)
    ['int a;', '(local int a)'],
    ['int a = 1, b[] = {1, 2}, c;', '(local int a=1 b[]={1 2} c)'],
    ['final String s = "x";', '(local final String s="x")'],
    ['@SuppressWarnings("unchecked") final List<String> l = (List<String>) o;', '(local @SuppressWarnings(value="unchecked") final List<String> l=(cast List<String> o))'],
    ['List<List<String>> l = new ArrayList<>();', '(local List<List<String>> l=(new ArrayList<>))'],
    ['Map<String, List<Map<Integer, String>>> m;', '(local Map<String,List<Map<Integer,String>>> m)'],
    ['Map.Entry<K, V>[] es;', '(local Map.Entry<K,V>[] es)'],
    ['java.util.List<? extends Number> l;', '(local java.util.List<? extends Number> l)'],
    ['Class<? super T>[] cs;', '(local Class<? super T>[] cs)'],
    ['Outer<A>.Inner<B> x;', '(local Outer<A>.Inner<B> x)'],
    ['int[][] m = new int[2][];', '(local int[][] m=(new-array int [2] 1))'],
    ['String[] a[];', '(local String[] a[])'],
    ['var x = 1;', '(local var x=1)'],
    ['final var it = list.iterator();', '(local final var it=(call list iterator))'],
    ['var var = 1;', '(local var var=1)'],
    ['var.x = 1;', '(= (. var x) 1);'],
    ['yield = 1;', '(= yield 1);'],
    ['record r = null;', '(local record r=null)'],
    ['x = a < b;', '(= x (< a b));'],
    ['int.class.getName();', '(call (class int) getName);'],
    ['a.b.c();', '(call (. a b) c);'],
    ['a.b.C d;', '(local a.b.C d)'],
    // Statement expressions (JLS §14.8)
    ['i++;', '(post++ i);'],
    ['--i;', '(-- i);'],
    ['new Foo();', '(new Foo);'],
    ['x = 1;', '(= x 1);'],
    // Control flow
    ['if (a) b(); else if (c) d(); else { e(); }', '(if a (call - b); (if c (call - d); {(call - e);}))'],
    ['if (a) if (b) c(); else d();', '(if a (if b (call - c); (call - d);))'],
    ['while (i < n) i++;', '(while (< i n) (post++ i);)'],
    ['do { i--; } while (i > 0);', '(do {(post-- i);} (> i 0))'],
    ['for (int i = 0, j = n; i < j; i++, j--) ;', '(for ((local int i=0 j=n)) (< i j) ((post++ i); (post-- j);) ;)'],
    ['for (i = 0, j = 1; ; ) {}', '(for ((= i 0); (= j 1);) - () {})'],
    ['for (;;) break;', '(for () - () (break))'],
    ['for (String s : list) use(s);', '(foreach String s list (call - use s);)'],
    ['for (final var e : map.entrySet()) {}', '(foreach final var e (call map entrySet) {})'],
    ['for (int row[] : matrix) {}', '(foreach int row[] matrix {})'],
    ['for (Map.Entry<K, V> e : m.entrySet()) {}', '(foreach Map.Entry<K,V> e (call m entrySet) {})'],
    ['return;', '(return)'],
    ['return a + b;', '(return (+ a b))'],
    ['throw new RuntimeException("x");', '(throw (new RuntimeException "x"))'],
    ['outer: for (;;) { inner: while (true) { if (a) break outer; continue inner; } }',
      '(label outer (for () - () {(label inner (while true {(if a (break outer)) (continue inner)}))}))'],
    ['break;', '(break)'],
    ['continue;', '(continue)'],
    [';', ';'],
    ['synchronized (this) { x++; }', '(synchronized this {(post++ x);})'],
    ['assert x > 0;', '(assert (> x 0))'],
    ['assert x > 0 : "x=" + x;', '(assert (> x 0) (+ "x=" x))'],
    // Switch statements (JLS §14.11)
    ['switch (x) { case 1: case 2: a(); break; case 3, 4: b(); default: c(); }',
      '(switch: x (case 1,2 (call - a); (break)) (case 3,4 (call - b);) (case default (call - c);))'],
    ['switch (x) { }', '(switch: x)'],
    ['switch (x) { case 1: }', '(switch: x (case 1))'],
    ['switch (s) { case "a" -> f(); case "b", "c" -> { g(); } default -> throw new E(); }',
      '(switch-> s (case "a" (call - f);) (case "b","c" {(call - g);}) (case default (throw (new E))))'],
    ['switch (e) { case RED: int y = 1; break; }', '(switch: e (case RED (local int y=1) (break)))'],
    ['switch (k) { case A + 1 -> x = 1; }', '(switch-> k (case (+ A 1) (= x 1);))'],
    ['int v = switch (k) { case 1 -> { switch (j) { default: yield 5; } } default -> 0; };',
      '(local int v=(switch-expr-> k (case 1 {(switch: j (case default (yield 5)))}) (case default (yield 0))))'],
    // Try (JLS §14.20)
    ['try { a(); } catch (IOException | RuntimeException e) { b(); } finally { c(); }',
      '(try {(call - a);} (catch IOException|RuntimeException e {(call - b);}) (finally {(call - c);}))'],
    ['try { } catch (final Exception e) { }', '(try {} (catch final Exception e {}))'],
    ['try { } finally { }', '(try {} (finally {}))'],
    ['try (InputStream in = open(); var out = new X()) { }', '(try ((local InputStream in=(call - open)) (local var out=(new X))) {})'],
    ['try (in; this.out;) { }', '(try (in (. this out)) {})'],
    // Explicit constructor invocations (JLS §8.8.7.1)
    ['super();', '(super)'],
    ['this(1, "a");', '(this 1 "a")'],
    ['outer.super(x);', '(outer.super x)'],
    ['<String>this(s);', '(this<String> s)'],
    ['super.m();', '(call super m);'],
    // Comments and unicode escapes in statements
    ['/* c */ a(); // d', '(call - a);'],
    ['\\u0061\\u0028\\u0029;', '(call - a);'],
  ];
  for (const [source, expected] of table) {
    it(source, () => expect(snippet(source)).toBe(expected));
  }

  it('statement positions are their first token', () => {
    const statements = parseSnippet('<T>this(t);\n  outer.super();\n  x++;').statements;
    expect(statements.map((s) => `${s.kind}@${s.position.line}:${s.position.column}`))
      .toEqual(['ExplicitConstructorInvocation@1:1', 'ExplicitConstructorInvocation@2:3', 'ExpressionStatement@3:3']);
  });

  it('a single block statement is the returned block itself; several are wrapped', () => {
    expect(parseSnippet('  { a(); }').position).toEqual({ line: 1, column: 3, offset: 2 });
    const wrapped = parseSnippet('\n  a(); b();');
    expect(wrapped.position).toEqual({ line: 2, column: 3, offset: 3 });
    expect(wrapped.statements.map((s) => s.position.line)).toEqual([2, 2]);
    expect(parseSnippet('').position).toEqual({ line: 1, column: 1, offset: 0 });
  });
});

// ## Parser: declarations for CtNewMethod.make, CtNewConstructor.make, CtField.make

describe('declarations', () => {
  it('methods: modifiers, annotations, type parameters, varargs, array dims, throws, body or ;', () => {
    const m = parseMethodDeclaration(
      '@Override @Deprecated(since = "9", forRemoval = true) public static final <T extends Comparable<T> & java.io.Serializable, U> ' +
      'java.util.List<T> pick(final int n, String[] a, long b[], @A U... rest) throws java.io.IOException, E { return null; }');
    expect([
      modifiersText(m.modifiers), typeParametersText(m.typeParameters), typeText(m.returnType), m.name,
      parametersText(m.parameters), m.throws.map(classTypeText).join(','), m.body === null ? ';' : show(m.body),
    ]).toEqual([
      '@Override @Deprecated(since="9" forRemoval=true) public static final ',
      '<T extends Comparable<T>&java.io.Serializable,U> ', 'java.util.List<T>', 'pick',
      '(final int n, String[] a, long[] b, @A U[]... rest)', 'java.io.IOException,E', '{(return null)}',
    ]);
    expect(m.parameters.map((p) => p.varargs)).toEqual([false, false, false, true]);
  });

  it('methods: void, abstract, native, int m()[], annotation element arrays', () => {
    const abstractMethod = parseMethodDeclaration('abstract void run();');
    expect([typeText(abstractMethod.returnType), abstractMethod.body, abstractMethod.parameters.length]).toEqual(['void', null, 0]);
    expect(typeText(parseMethodDeclaration('int m()[] { return null; }').returnType)).toBe('int[]');
    const annotated = parseMethodDeclaration('@A({1, 2}) @B(@C) @D(x = {}) public native int hash(Object o);');
    expect(modifiersText(annotated.modifiers)).toBe('@A(value={1 2}) @B(value=@C) @D(x={}) public native ');
    const m = parseMethodDeclaration('public int add(int a, int b) { int c = a + b; return c; }');
    expect(show(m.body!)).toBe('{(local int c=(+ a b)) (return c)}');
    expect(m.position).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('constructors: the name as written, body with this(...) / super(...)', () => {
    const c = parseConstructorDeclaration('public Point(int x, int y) throws E { super(); this.x = x; }');
    expect([modifiersText(c.modifiers), c.name, parametersText(c.parameters), c.throws.map(classTypeText).join(), show(c.body)])
      .toEqual(['public ', 'Point', '(int x, int y)', 'E', '{(super) (= (. this x) x);}']);
    expect(parseConstructorDeclaration('<T> Box(T t) { this(t, 0); }').typeParameters.map((p) => p.name)).toEqual(['T']);
  });

  it('fields: modifiers, declarators, initializers', () => {
    const f = parseFieldDeclaration('private static final int[] X = {1, 2}, Y[] = {{3}}, Z;');
    expect([modifiersText(f.modifiers), typeText(f.type), f.declarators.map(declaratorText).join(' ')])
      .toEqual(['private static final ', 'int[]', 'X={1 2} Y[]={{3}} Z']);
    const g = parseFieldDeclaration('@Inject transient volatile java.util.Map<String, Integer> cache = new java.util.HashMap<>();');
    expect([modifiersText(g.modifiers), typeText(g.type), declaratorText(g.declarators[0]!)])
      .toEqual(['@Inject transient volatile ', 'java.util.Map<String,Integer>', 'cache=(new java.util.HashMap<>)']);
  });
});

// ## Errors: exact message and position

describe('syntax errors', () => {
  const table: [string, string][] = [
    ['a()', "line 1, column 4: expected ';' at end of input"],
    ['$_ = 1', "line 1, column 7: expected ';' at end of input"],
    ['a() b();', "line 1, column 5: expected ';' but found 'b'"],
    ['a();\n  b()\n  c();', "line 3, column 3: expected ';' but found 'c'"],
    ['{ a();', "line 1, column 7: expected '}' at end of input"],
    ['a(); }', "line 1, column 6: expected a statement but found '}'"],
    ['{ a(); }}', "line 1, column 9: expected a statement but found '}'"],
    ['if (a { }', "line 1, column 7: expected ')' but found '{'"],
    ['int x = 2147483648;', 'line 1, column 9: integer number too large'],
    ['x = -(2147483648);', 'line 1, column 7: integer number too large'],
    ['x = a -2147483648;', 'line 1, column 8: integer number too large'],
    ['long y = 9223372036854775808L;', 'line 1, column 10: integer number too large'],
    ['s = "\\q";', 'line 1, column 6: illegal escape character'],
    ['s = "abc;', 'line 1, column 5: unclosed string literal'],
    ['a(); /* never closed', 'line 1, column 6: unclosed comment'],
    ['f((String... a) -> a);', 'line 1, column 10: variable arity lambda parameters are not supported in snippets'],
    ['f(void::x);', "line 1, column 7: void has no members: expected a type or an expression before '::'"],
    ['f(a -> );', "line 1, column 8: expected an expression but found ')'"],
    ['f(String::);', "line 1, column 11: expected an identifier but found ')'"],
    ['Object o = new Object() { Foo() {} };', 'line 1, column 27: invalid method declaration; return type required (an anonymous class cannot declare a constructor)'],
    ['Object o = new Object() { class X {} };', 'line 1, column 27: member classes of anonymous and local classes are not supported in snippets'],
    ['Object o = new Object() { static static int n; };', "line 1, column 34: repeated modifier 'static'"],
    ['Object o = new Object() { void f() {} ', "line 1, column 39: expected '}' at end of input"],
    ['class A<T extends> {}', "line 1, column 18: expected an identifier but found '>'"],
    ['final class A { B() {} }', "line 1, column 17: invalid method declaration; return type required"],
    ['if (x) class A {}', 'line 1, column 8: a class declaration is not allowed here'],
    ['@interface I {}', 'line 1, column 1: an annotation interface cannot be local (JLS §14.3)'],
    ['record R<T, T(T x) {}', "line 1, column 14: expected '>' but found '('"],
    ['enum E<T> { A }', 'line 1, column 7: an enum cannot be generic'],
    ['enum E { A { B() {} } }', 'line 1, column 14: invalid method declaration; return type required (an anonymous class cannot declare a constructor)'],
    ['yield 1;', 'line 1, column 1: yield outside of switch expression'],
    ['switch (k) { default: yield 1; }', 'line 1, column 23: yield outside of switch expression'],
    ['1 + 2;', 'line 1, column 1: not a statement'],
    ['(a = 1);', 'line 1, column 1: not a statement'],
    ['a < b;', 'line 1, column 1: not a statement'],
    ['for (i < n; ;) {}', 'line 1, column 6: not a statement'],
    ['switch (k) { case 1 -> 2; }', 'line 1, column 24: not a statement'],
    ['1 = 2;', "line 1, column 3: the left-hand side of '=' must be a variable"],
    ['f() += 2;', "line 1, column 5: the left-hand side of '+=' must be a variable"],
    ['f()++;', "line 1, column 1: the operand of '++' must be a variable"],
    ['--1;', "line 1, column 3: the operand of '--' must be a variable"],
    ['int[] a = new int[];', 'line 1, column 20: array dimension missing'],
    ['int[] a = new int[2]{1};', 'line 1, column 21: array creation with both dimension expression and initialization is illegal'],
    ['new int;', "line 1, column 8: expected '[' but found ';'"],
    ['var a = 1, b = 2;', "line 1, column 12: 'var' is not allowed in a compound declaration"],
    ['var a;', "line 1, column 5: cannot use 'var' on variable without initializer"],
    ['var a[] = {1};', "line 1, column 5: 'var' is not allowed as an element type of an array"],
    ['var a = {1};', "line 1, column 9: cannot use 'var' on a variable with an array initializer"],
    ['var[] a = null;', "line 1, column 1: 'var' is not allowed here"],
    ['List<int> l;', "line 1, column 6: expected a reference type but found 'int'"],
    ['x = (List<int>) o;', "line 1, column 11: expected a reference type but found 'int'"],
    ['x = (var) o;', "line 1, column 6: 'var' is not allowed here"],
    ['switch (x) { case 1: a(); case 2 -> b(); }', 'line 1, column 34: different case kinds used in the switch'],
    ['switch (x) { a(); }', "line 1, column 14: expected 'case', 'default' or '}' but found 'a'"],
    ['if (a) int x = 1;', 'line 1, column 8: variable declaration not allowed here'],
    ['try { }', "line 1, column 8: expected 'catch' or 'finally' at end of input"],
    ['try (f()) { }', 'line 1, column 6: the try resource must be a variable declaration or an effectively final variable'],
    ['x = 1 +;', "line 1, column 8: expected an expression but found ';'"],
    ['x = 1 ? 2;', "line 1, column 10: expected ':' but found ';'"],
    ['m(x, );', "line 1, column 6: expected an expression but found ')'"],
    ['String s = "a" "b";', "line 1, column 16: expected ';' but found a string literal"],
    ['else x();', "line 1, column 1: expected a statement but found 'else'"],
    ['x = a.;', "line 1, column 7: expected an identifier but found ';'"],
    ['x = a.1;', "line 1, column 6: expected ';' but found '.1'"],
    ['x = f(a).class;', "line 1, column 5: expected a type name before '.class'"],
    ['int goto = 1;', "line 1, column 5: expected an identifier but found 'goto'"],
    ['int _ = 1;', "line 1, column 5: expected an identifier but found '_'"],
    ['x = 09;', "line 1, column 5: illegal digit '9' in an octal literal"],
    ['x = 1e-50f;', 'line 1, column 5: floating-point number too small'],
    ['x = y #', "line 1, column 7: illegal character: '#'"],
    ['x = "\\u00zz";', 'line 1, column 6: illegal unicode escape'],
    ['\n\n   x = 1', "line 3, column 9: expected ';' at end of input"],
    ['x = ' + '('.repeat(10_000) + 'a' + ')'.repeat(10_000) + ';', 'line 1, column 337: too deeply nested'],
  ];
  for (const [source, message] of table) {
    it(source.length > 60 ? `${source.slice(0, 60)}…` : source, () => expect(syntaxError(() => parseSnippet(source))).toBe(message));
  }

  it('declarations and expressions', () => {
    expect(syntaxError(() => parseExpression('a b'))).toBe("line 1, column 3: expected end of input but found 'b'");
    expect(syntaxError(() => parseExpression(''))).toBe('line 1, column 1: expected an expression at end of input');
    expect(syntaxError(() => parseExpression('a;'))).toBe("line 1, column 2: expected end of input but found ';'");
    expect(syntaxError(() => parseMethodDeclaration('void f(int... a, int b) {}'))).toBe('line 1, column 16: varargs parameter must be the last parameter');
    expect(syntaxError(() => parseMethodDeclaration('void f() '))).toBe("line 1, column 10: expected '{' at end of input");
    expect(syntaxError(() => parseMethodDeclaration('public public void f() {}'))).toBe("line 1, column 8: repeated modifier 'public'");
    expect(syntaxError(() => parseMethodDeclaration('void f() {} x'))).toBe("line 1, column 13: expected end of input but found 'x'");
    expect(syntaxError(() => parseMethodDeclaration('void f(Foo this) {}'))).toBe('line 1, column 12: receiver parameters are not supported');
    expect(syntaxError(() => parseConstructorDeclaration('public A();'))).toBe("line 1, column 11: expected '{' but found ';'");
    expect(syntaxError(() => parseFieldDeclaration('int x'))).toBe("line 1, column 6: expected ';' at end of input");
    expect(syntaxError(() => parseFieldDeclaration('int x = 1; int y;'))).toBe("line 1, column 12: expected end of input but found 'int'");
  });

  it('deep nesting of every kind is a syntax error, never a stack overflow or a hang', () => {
    const n = 10_000;
    const deep = [
      'x = ' + '('.repeat(n) + 'a;',
      '{'.repeat(n) + '}'.repeat(n),
      'x = ' + '- '.repeat(n) + 'a;',
      'x = ' + '!'.repeat(n) + 'a;',
      'x = ' + 'a['.repeat(n) + '0' + ']'.repeat(n) + ';',
      'x = ' + 'f('.repeat(n) + ')'.repeat(n) + ';',
      'x = ' + '(int)'.repeat(n) + 'a;',
      'x = ' + '(T)'.repeat(n) + 'a;',
      'if (a) '.repeat(n) + 'b();',
      'if (a) b(); ' + 'else if (a) b(); '.repeat(n),
      'x = ' + 'a ? b : '.repeat(n) + 'c;',
      'x = ' + 'a ? '.repeat(n) + 'b' + ' : c'.repeat(n) + ';',
      'a = '.repeat(n) + 'b;',
      'List' + '<List'.repeat(n) + '>'.repeat(n) + ' x;',
      'int x = ' + '{'.repeat(n) + '}'.repeat(n) + ';',
      'x = ' + 'new int['.repeat(n) + '1' + ']'.repeat(n) + ';',
      'x = ' + '('.repeat(n) + ') -> 1;',
      '@A('.repeat(n) + ')'.repeat(n) + ' int x;',
      'x = ' + 'switch (a) { default -> '.repeat(n) + '1' + '; }'.repeat(n) + ';',
      'a: '.repeat(n) + ';',
    ];
    for (const source of deep) expect(syntaxError(() => parseSnippet(source))).toMatch(/too deeply nested$/);
    // Long flat chains are fine.
    expect(parseSnippet(`x = a${' + a'.repeat(100_000)};`).statements).toHaveLength(1);
    expect(parseSnippet(`x = a${'.b'.repeat(100_000)};`).statements).toHaveLength(1);
    // Moderate nesting is accepted.
    expect(snippet(`x = ${'('.repeat(300)}a${')'.repeat(300)};`)).toMatch(/^\(= x \(paren /);
    expect(parseSnippet(`${'{'.repeat(300)}${'}'.repeat(300)}`).kind).toBe('Block');
  });
});

// ## Oracle: the real javac compiles these method bodies; the parser must accept every one

/**
 * A class whose methods cover the statement and expression forms of Java 17 that snippets may use (no
 * lambdas, no local or anonymous classes). Methods are separated by `// ---` lines; the part before the
 * first separator declares what they use.
 */
const ORACLE = String.raw`import java.io.*;
import java.util.*;

@SuppressWarnings({"unchecked", "rawtypes", "unused"})
public class Oracle<T extends Comparable<T>> {
  int x, y[] = {1, 2};
  static final long BIG = 0x7fff_ffff_ffffL;
  String name = "oracle";
  List<String> names = new ArrayList<>();
  Map<String, List<Integer>> index = new HashMap<>();
  class Inner { int v = x; Inner(int v) { this.v = v; } Inner() { this(0); } }
  static class Nested<E> { E e; <F> F pick(F f) { return f; } }
  interface Shape { default int sides() { return 0; } }
  enum Color { RED, GREEN, BLUE }
  static class Res implements AutoCloseable { public void close() {} }
  static class Base { int b; int m() { return 1; } Base(int b) { this.b = b; } Base() {} }
  int f(int a) { return a; }
  static int g(Object... os) { return os.length; }
  <U> U id(U u) { return u; }

  // ---
  int literals() {
    int a = 0, b = 0x1F, c = 017, d = 0b1010, e = 1_000_000, f = -2147483648, g = 2147483647, h = 0xFFFFFFFF;
    long l = -9223372036854775808L, m = 0x8000000000000000L, n = 0777L, o = 0b1L;
    float p = 1.5f, q = 1e-45f, r = 0x1.fffffeP+127f, s = 3.4028235e38f, t = .5f, u = 1f, v = 09f;
    double w = 1.0, z = 1e308, aa = 4.9e-324, ab = 0x1p-1074, ac = 1., ad = 1D, ae = 0x.8p1;
    char ca = 'a', cb = '\n', cc = '\'', cd = '\\', ce = '\0', cf = '\377', cg = '\u0041', ch = '\s';
    String sa = "tab\there \"quoted\" \101 \u00e9", sb = "", sc = "\\u0041";
    boolean ba = true, bb = false;
    Object nul = null;
    return a + b + c + d + e + f + g + h + (int) l + (int) m + (int) n + (int) o;
  }
  // ---
  String textBlocks() {
    String a = """
        Hello
          World
        """;
    String b = """
        one \
        two\s
        "quoted" \"""
        """;
    String c = """
        no trailing newline""";
    return a + b + c;
  }
  // ---
  int precedence(int a, int b, int c, boolean p, boolean q) {
    int r = a + b * c - a / b % c;
    r = a << 2 >> 1 >>> 3;
    r = a & b | c ^ a;
    boolean s = a < b == b > c && !p || q ^ p;
    s = a <= b != b >= c;
    r = p ? a : q ? b : c;
    r = p ? q ? a : b : c;
    r = -a - -b + +c - ~a;
    r = a++ + ++b - c-- - --a;
    r = a = b = c;
    r += a -= b *= c /= 1;
    r %= 7; r &= 3; r |= 4; r ^= 5; r <<= 1; r >>= 1; r >>>= 1;
    r = (a) - b;
    r = (a) + b;
    r = (int) -a;
    r = (int) +a;
    r = (int) (long) a;
    r = (int) 1.5 * 2;
    r = -2147483648;
    long l = -9223372036854775808L;
    Object o = name;
    s = o instanceof String str && str.isEmpty();
    s = o instanceof final String str2 && !str2.isEmpty();
    s = o instanceof List<?> && p;
    s = o + "" instanceof String;
    return r;
  }
  // ---
  Object casts(Object o, Object[] arr) {
    String s = (String) o;
    s = (String) "x";
    Object p = (Object) !true;
    p = (Object) ~1;
    List<String> l = (List<String>) o;
    Map<String, List<Integer>> m = (Map<String, List<Integer>>) o;
    int[] ia = (int[]) o;
    String[][] sa = (String[][]) o;
    Comparable<?> c = (Comparable<?> & Serializable) o;
    p = (java.lang.Object) this;
    p = (Object) int.class;
    p = (Object) new int[0];
    p = (Object) (o);
    Integer i = (Integer) o;
    int j = (int) (Integer) o;
    p = (Object) null;
    p = (T) o;
    p = (Object) switch (1) { default -> 2; };
    return (Object[]) arr;
  }
  // ---
  void declarations() {
    int a;
    int b = 1, c[] = {1, 2}, d[][] = {{1}, {2, 3}};
    final String s = "x";
    @SuppressWarnings("unused") final int e = 2;
    List<List<String>> l = new ArrayList<>();
    Map<String, List<Map<Integer, String>>> m = null;
    Map.Entry<String, Integer>[] es = null;
    List<? extends Number> ln = null;
    Class<? super Integer>[] cs = null;
    Oracle<T>.Inner in = new Inner();
    int[][] mat = new int[2][];
    String[] arr[] = new String[1][2];
    var v = 1;
    final var it = names.iterator();
    var var = 2;
    int yield = 3;
    yield = 4;
    int record = 5;
    java.util.List<java.lang.String> ql = java.util.Collections.emptyList();
    Nested<String> n = new Nested<>();
    Oracle.Nested<Integer> on = new Oracle.Nested<Integer>();
  }
  // ---
  void control(int n, List<String> list, int[][] matrix) throws Exception {
    if (n > 0) f(1); else if (n < 0) f(2); else { f(3); }
    if (n > 0) if (n > 1) f(4); else f(5);
    while (n < 10) n++;
    do { n--; } while (n > 0);
    for (int i = 0, j = n; i < j; i++, j--) ;
    int i, j;
    for (i = 0, j = 1; ; ) { break; }
    for (;;) break;
    for (String s : list) f(s.length());
    for (final var e : index.entrySet()) { }
    for (int row[] : matrix) { }
    for (Map.Entry<String, List<Integer>> e : index.entrySet()) { }
    outer:
    for (;;) {
      inner:
      while (true) {
        if (n > 5) break outer;
        n++;
        continue inner;
      }
    }
    synchronized (this) { x++; }
    assert n > 0;
    assert n > 0 : "n=" + n;
    ;
    { { } }
    label: { break label; }
    if (n == 3) return;
    throw new Exception("x");
  }
  // ---
  int switches(int k, String s, Color c) {
    int r = 0;
    switch (k) {
      case 1:
      case 2:
        r = 1;
        break;
      case 3, 4:
        r = 2;
      default:
        r = 3;
    }
    switch (s) {
      case "a" -> r = 4;
      case "b", "c" -> { r = 5; }
      default -> throw new IllegalStateException();
    }
    switch (c) { case RED: int y = 1; r = y; break; case GREEN: break; }
    switch (k) { }
    switch (k) { case 1: }
    r = switch (k) { case 1, 2 -> 3; case 3 -> { yield 4; } default -> throw new RuntimeException(); };
    r = switch (k) { case 1: yield 2; default: { int z = 3; yield z; } };
    r = 1 + switch (k) { default -> 0; };
    r = switch (k) {
      case 1 -> {
        switch (s) { default: yield 5; }
      }
      default -> 0;
    };
    final int K = 7;
    switch (k) { case K + 1 -> r = 1; default -> {} }
    return r;
  }
  // ---
  void tries() throws Exception {
    try { f(1); } catch (IllegalStateException | IllegalArgumentException e) { f(2); } finally { f(3); }
    try { } catch (final Exception e) { }
    try { } finally { }
    try (Res r = new Res(); var r2 = new Res()) { }
    Res r3 = new Res();
    final Res r4 = new Res();
    try (r3; r4;) { }
    try (Res r5 = new Res()) { } catch (RuntimeException e) { throw e; }
  }
  // ---
  void members(Oracle<T> other, Object o) {
    System.out.println(name);
    java.lang.System.out.println(java.lang.Math.max(1, 2));
    int l = this.name.length();
    List<String> e = Collections.<String>emptyList();
    String s = this.<String>id("a");
    s = super.toString();
    s = Oracle.super.toString();
    Inner in = this.new Inner(1);
    Inner in2 = other.new Inner();
    Class<?> c1 = String.class, c2 = int.class, c3 = int[].class, c4 = void.class, c5 = java.lang.String[][].class;
    int[] a = new int[3];
    int[][][] b = new int[2][3][];
    String[][] ss = new String[][]{{"a"}, {}, null};
    int[] init = new int[]{1, 2,};
    int len = new int[3].length;
    String t = new StringBuilder().append(1).toString();
    int v = a[b[0][1][2]];
    s = "a" + 1 + 'c' + 1.5 + true + null;
    g(1, "x", null);
    g();
    x = Oracle.this.x;
    Object arr = new Object[0];
    Nested<String> n = new Nested<>();
    int p = n.<Integer>pick(3);
    names.add("x");
    index.put("k", new ArrayList<>());
    names.get(0).chars();
  }
  // ---
  void unicode() {
    int \u0061bc = 1;
    String s = \u0022hi\u0022;
    char c = '\u005c\u005c';
    char d = '\u005c'';
    abc++;
    /* comment \u002a/
    int café = 2, π = 3, _under = 4, $dollar = 5;
  }
  // ---
  static <A extends Comparable<A> & Serializable, B> List<A> generic(final A first, B[] rest, long arr[], String... more) throws IOException, RuntimeException { return null; }
  // ---
  @Deprecated(since = "9", forRemoval = false) public final synchronized int annotated(@SuppressWarnings("x") int a) { return a; }
  // ---
  int oldArray()[] { return null; }
  // ---
  void nestedExpressions(int a, int b) {
    int r = ((((a + b) * (a - b)) / ((a) + (b))) % 7);
    boolean z = !(a > b) && (a < b || !(a == b));
    r = (a > b ? a : b) > 0 ? (a) : (b);
    r = f(f(f(f(a))));
    r = a > 0 ? -1 : a < 0 ? +1 : 0;
    Object o = a > 0 ? "pos" : (Object) null;
    long m = (long) a << 32 | b & 0xFFFFFFFFL;
    double d = (double) a / b * 100.0;
    r = (int) Math.round(d);
    char ch = (char) ('a' + a);
    r = ch - '0';
    r = (byte) 0xFF;
    short sh = (short) -1;
    float f = (float) d;
    r = ~(a ^ b);
    r = a > b ? a : b;
    r = (a < b) ? 1 : 2;
    z = a < b;
    z = (a) < b;
    boolean w = a < b == b < a;
  }
}
`;

const ORACLE_METHODS = ORACLE.split('  // ---\n').slice(1).map((text, i, all) => (i === all.length - 1 ? text.replace(/}\s*$/, '') : text));

/** Members of the oracle class's first part, as CtField.make / CtNewConstructor.make / CtNewMethod.make take them. */
const ORACLE_MEMBERS: [kind: 'field' | 'constructor' | 'method', text: string][] = [
  ['field', 'int x, y[] = {1, 2};'],
  ['field', 'static final long BIG = 0x7fff_ffff_ffffL;'],
  ['field', 'Map<String, List<Integer>> index = new HashMap<>();'],
  ['constructor', 'Inner(int v) { this.v = v; }'],
  ['constructor', 'Inner() { this(0); }'],
  ['constructor', 'Base(int b) { this.b = b; }'],
  ['method', 'default int sides() { return 0; }'],
  ['method', '<F> F pick(F f) { return f; }'],
  ['method', 'static int g(Object... os) { return os.length; }'],
];

describe('javac oracle: the accepted language is Java', () => {
  it('javac compiles the oracle class', async () => {
    const { classes } = await compileJava({ 'Oracle.java': ORACLE });
    expect(classes.map((c) => c.name)).toContain('Oracle');
    expect(ORACLE.split('\n').length).toBeGreaterThan(250);
    for (const [, text] of ORACLE_MEMBERS) expect(ORACLE).toContain(text);
  }, 120_000);

  for (const method of ORACLE_METHODS) {
    const name = /(?<!@)\b([A-Za-z]\w*)\s*\(/.exec(method)![1]!;
    it(`parses method ${name}, and its body as a snippet`, () => {
      const declaration = parseMethodDeclaration(method);
      expect(declaration.name).toBe(name);
      const body = parseSnippet(method.slice(declaration.body!.position.offset).trimEnd());
      expect(show(body)).toBe(show(declaration.body!));
    });
  }

  it('parses the members of the first part', () => {
    for (const [kind, text] of ORACLE_MEMBERS) {
      const parse = kind === 'field' ? parseFieldDeclaration : kind === 'constructor' ? parseConstructorDeclaration : parseMethodDeclaration;
      expect(parse(text).kind, text).toBe(kind === 'field' ? 'FieldDeclaration' : kind === 'constructor' ? 'ConstructorDeclaration' : 'MethodDeclaration');
    }
  });

  it('a few of its values, as javac computes them', () => {
    const literals = ORACLE_METHODS.find((m) => m.includes('int literals()'))!;
    const body = parseMethodDeclaration(literals).body!;
    const initializers = new Map<string, string>();
    for (const statement of body.statements) {
      if (statement.kind !== 'LocalVariableDeclaration') continue;
      for (const d of statement.declarators) if (d.initializer !== null) initializers.set(d.name, initText(d.initializer));
    }
    expect(Object.fromEntries(['f', 'h', 'l', 'm', 'q', 'r', 'v', 'ab', 'ae', 'cf', 'cg', 'ch', 'sc'].map((k) => [k, initializers.get(k)]))).toEqual({
      f: '-2147483648', h: '-1', l: '-9223372036854775808L', m: '-9223372036854775808L', q: `${2 ** -149}f`,
      r: '3.4028234663852886e+38f', v: '9f', ab: '5e-324d', ae: '1d', cf: 'c255', cg: 'c65', ch: 'c32', sc: '"\\\\u0041"',
    });
    const unicode = parseMethodDeclaration(ORACLE_METHODS.find((m) => m.includes('void unicode()'))!).body!;
    expect(show(unicode)).toBe('{(local int abc=1) (local String s="hi") (local char c=c92) (local char d=c39) (post++ abc); (local int café=2 π=3 _under=4 $dollar=5)}');
  });
});

// ## Robustness: mangled input gives a JavaSyntaxError, nothing else

describe('mangled input', () => {
  it('the oracle methods truncated, with characters deleted or inserted, and random strings: only JavaSyntaxError', () => {
    let seed = 987654321;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = '(){}[]<>;,.=+-*/%!~?:&|^@"\'\\ \n\tabc$_019xLfe"""u';
    const entries = [parseSnippet, parseExpression, parseMethodDeclaration, parseConstructorDeclaration, parseFieldDeclaration];
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      const base = ORACLE_METHODS[random(ORACLE_METHODS.length)]!;
      const at = random(base.length);
      let source: string;
      switch (random(4)) {
        case 0: source = base.slice(0, at); break;
        case 1: source = base.slice(0, at) + base.slice(at + 1 + random(5)); break;
        case 2: source = base.slice(0, at) + alphabet[random(alphabet.length)] + base.slice(at); break;
        default: source = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      }
      for (const parse of entries) {
        try {
          parse(source);
        } catch (e) {
          if (!(e instanceof JavaSyntaxError)) throw new Error(`${String(e)} for ${JSON.stringify(source)}`);
          errors++;
        }
      }
    }
    expect(errors).toBeGreaterThan(3000);
  });
});
