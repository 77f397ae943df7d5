// # `$proceed` in CtNewMethod.make(src, declaring, delegateObj, delegateMethod)
//
// Javassist's tutorial (§4.3): `CtNewMethod.make("public int ymove(int dy) { $proceed(0, dy); }",
// point, "this", "move")` — in such a method body `$proceed` stands for `delegateObj.delegateMethod`,
// a call compiled as the source `delegateObj.delegateMethod(args)` would be (Javassist's
// Javac.recordProceed builds exactly that expression). The body is rewritten token by token, so a
// `$proceed` inside a string literal or a comment stays as written.

import { tokenize } from './compiler/lexer.js';

export function withProceedDelegate(source: string, delegateObj: string, delegateMethod: string): string {
  const replacement = `${delegateObj}.${delegateMethod}`;
  let result = '';
  let copied = 0;
  let tokens;
  try {
    tokens = tokenize(source);
  } catch {
    return source; // a lexical error: the compiler reports it on the source as written
  }
  for (const token of tokens) {
    if (token.kind !== 'identifier' || token.text !== '$proceed') continue;
    result += source.slice(copied, token.offset) + replacement;
    copied = token.end;
  }
  return result + source.slice(copied);
}
