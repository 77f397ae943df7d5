// # Javassist's control-flow counters: CtBehavior.useCflow(name) and `$cflow(name)` in snippets
//
// Javassist's tutorial (§4.1): `fact.useCflow("fact")`, then
// `fact.insertBefore("if ($cflow(fact) == 0) System.out.println(\"fact \" + $1);")` prints only the
// outermost call of a recursion. useCflow adds a static field `_cflow$N` to the method's class,
// counts the depth on entry (insertBefore) and counts down on every exit (insertAfter as finally);
// `$cflow(name)` is that depth on the current thread. Javassist's field is a javassist.runtime.Cflow
// (a ThreadLocal), which the program then needs at run time; here it is a plain
// java.lang.ThreadLocal holding an int[1], so the class needs nothing but the JDK. The depth is
// read through the source rewrite below: `$cflow(fact)` becomes
// `(C._cflow$0.get() == null ? 0 : ((int[]) C._cflow$0.get())[0])`.

import { tokenize } from './compiler/lexer.js';
import { CannotCompileException } from './cannot-compile-exception.js';
import type { ClassPool } from './class-pool.js';
import type { CtBehavior } from './ct-behavior.js';
import { CtField } from './ct-field.js';
import { Modifier } from './modifier.js';

export function useCflow(behavior: CtBehavior, name: string): void {
  const declaring = behavior.getDeclaringClass();
  const taken = new Set(declaring.getDeclaredFields().map((f) => f.getName()));
  let fieldName: string;
  let i = 0;
  do fieldName = `_cflow$${i++}`;
  while (taken.has(fieldName));
  const pool = declaring.getClassPool();
  const field = new CtField(pool.get('java.lang.ThreadLocal'), fieldName, declaring);
  field.setModifiers(Modifier.PUBLIC | Modifier.STATIC);
  declaring.addField(field, 'new java.lang.ThreadLocal()');
  pool.recordCflow(name, declaring.getName(), fieldName);
  behavior.insertBefore(
    `{ int[] _cflow$depth = (int[]) ${fieldName}.get(); if (_cflow$depth == null) { _cflow$depth = new int[1]; ${fieldName}.set(_cflow$depth); } _cflow$depth[0]++; }`,
  );
  behavior.insertAfter(`((int[]) ${fieldName}.get())[0]--;`, true);
}

/** `source` with every `$cflow(name)` replaced by the depth of the control flow `name` recorded in `pool`. */
export function expandCflow(source: string, pool: ClassPool): string {
  if (!source.includes('$cflow')) return source;
  let tokens;
  try {
    tokens = tokenize(source);
  } catch {
    return source; // a lexical error: the compiler reports it on the source as written
  }
  let result = '';
  let copied = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'identifier' || token.text !== '$cflow') continue;
    // $cflow ( name [. name]* )
    let j = i + 1;
    if (tokens[j]?.text !== '(') throw new CannotCompileException(`$cflow must be followed by (name) (line ${token.line}, column ${token.column})`);
    let name = '';
    for (j++; tokens[j] !== undefined && tokens[j]!.text !== ')'; j++) name += tokens[j]!.text;
    const close = tokens[j];
    if (close === undefined || name === '') throw new CannotCompileException(`$cflow(name): no name (line ${token.line}, column ${token.column})`);
    const recorded = pool.lookupCflow(name);
    if (recorded === null) throw new CannotCompileException(`no such control flow: ${name} (call useCflow("${name}") on a method first)`);
    const field = `${recorded[0]}.${recorded[1]}`;
    result += source.slice(copied, token.offset) + `(${field}.get() == null ? 0 : ((int[]) ${field}.get())[0])`;
    copied = close.end;
    i = j;
  }
  return result + source.slice(copied);
}
