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
