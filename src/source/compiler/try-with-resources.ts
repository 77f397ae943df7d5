// # try-with-resources, rewritten into the try statements it stands for
//
// The code generator compiles `try (R r = …) { … }` by compiling this rewrite (an AST to AST step,
// JLS §14.20.3), so that the closing, suppression and finally paths are the ones plain try/catch/finally
// already gets right. The synthesized names start with `$twr$`, which no snippet can spell.

import type * as Ast from './ast.js';

/**
 * try-with-resources as JLS §14.20.3 defines it: each resource, first outermost, becomes
 *   { final R r = init; Throwable #p = null;
 *     try { <rest> } catch (Throwable #t) { #p = #t; throw #t; }
 *     finally { if (r != null) { if (#p != null) { try { r.close(); } catch (Throwable #s) { #p.addSuppressed(#s); } } else { r.close(); } } } }
 * and the statement's own catch and finally clauses wrap the whole (§14.20.3.2). `uniqueId` (the caller's
 * next free local slot) keeps the names of nested rewrites apart; resource i takes uniqueId + i.
 */
export function desugarTryWithResources(node: Ast.TryNode, uniqueId: number): Ast.StatementNode {
  const at = node.position;
  const name = (text: string): Ast.NameNode => ({ kind: 'Name', name: text, position: at });
  const classType = (dotted: string): Ast.ClassTypeNode => ({
    kind: 'ClassType',
    parts: dotted.split('.').map((part) => ({ name: part, typeArguments: null, position: at })),
    name: dotted,
    position: at,
  });
  const noModifiers: Ast.ModifiersNode = { keywords: [], annotations: [] };
  const block = (statements: Ast.StatementNode[]): Ast.BlockNode => ({ kind: 'Block', statements, position: at });
  const call = (target: string, method: string, args: Ast.ExpressionNode[]): Ast.StatementNode => ({
    kind: 'ExpressionStatement',
    expression: { kind: 'MethodCall', target: name(target), typeArguments: null, name: method, arguments: args, position: at },
    position: at,
  });
  const notNull = (variable: string): Ast.ExpressionNode => ({ kind: 'Binary', op: '!=', left: name(variable), right: { kind: 'NullLiteral', position: at }, position: at });
  let body: Ast.BlockNode = node.block;
  for (let i = node.resources.length - 1; i >= 0; i--) {
    const resource = node.resources[i]!;
    const id = uniqueId + i;
    const primary = `$twr$primary${id}`;
    const thrown = `$twr$thrown${id}`;
    const suppressed = `$twr$suppressed${id}`;
    let declaration: Ast.LocalVariableDeclarationNode;
    let variable: string;
    if (resource.kind === 'LocalVariableDeclaration') {
      declaration = resource;
      variable = resource.declarators[0]!.name;
    } else {
      // Java 9: an effectively final variable (or field) as the resource.
      variable = `$twr$resource${id}`;
      declaration = {
        kind: 'LocalVariableDeclaration',
        modifiers: noModifiers,
        type: { kind: 'VarType', position: at },
        declarators: [{ kind: 'VariableDeclarator', name: variable, extraDimensions: 0, initializer: resource, position: at }],
        position: at,
      };
    }
    const close: Ast.StatementNode = {
      kind: 'If',
      condition: notNull(variable),
      thenStatement: block([
        {
          kind: 'If',
          condition: notNull(primary),
          thenStatement: block([
            {
              kind: 'Try',
              resources: [],
              block: block([call(variable, 'close', [])]),
              catches: [{ kind: 'CatchClause', modifiers: noModifiers, types: [classType('java.lang.Throwable')], name: suppressed, body: block([call(primary, 'addSuppressed', [name(suppressed)])]), position: at }],
              finallyBlock: null,
              position: at,
            },
          ]),
          elseStatement: block([call(variable, 'close', [])]),
          position: at,
        },
      ]),
      elseStatement: null,
      position: at,
    };
    body = block([
      declaration,
      {
        kind: 'LocalVariableDeclaration',
        modifiers: noModifiers,
        type: classType('java.lang.Throwable'),
        declarators: [{ kind: 'VariableDeclarator', name: primary, extraDimensions: 0, initializer: { kind: 'NullLiteral', position: at }, position: at }],
        position: at,
      },
      {
        kind: 'Try',
        resources: [],
        block: body,
        catches: [
          {
            kind: 'CatchClause',
            modifiers: noModifiers,
            types: [classType('java.lang.Throwable')],
            name: thrown,
            body: block([
              { kind: 'ExpressionStatement', expression: { kind: 'Assign', op: '=', target: name(primary), value: name(thrown), position: at }, position: at },
              { kind: 'Throw', expression: name(thrown), position: at },
            ]),
            position: at,
          },
        ],
        finallyBlock: block([close]),
        position: at,
      },
    ]);
  }
  if (node.catches.length === 0 && node.finallyBlock === null) return body;
  return { kind: 'Try', resources: [], block: body, catches: node.catches, finallyBlock: node.finallyBlock, position: at };
}
