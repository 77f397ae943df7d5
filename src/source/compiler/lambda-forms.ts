// # What a lambda's form says (JLS §15.27, §15.13)
//
// The parts of lambda and method reference compilation that need no code generator: whether a
// lambda can be void- or value-compatible by its form (overload resolution asks before its body is
// compiled), which expressions may stand as statements, the bootstrap methods of the call site, and
// the name expression of a type (a method reference's `Type::m` becomes the call `Type.m(…)`).

import { Handle } from '../../asm/handle.js';
import { Opcodes } from '../../asm/opcodes.js';
import type * as Ast from './ast.js';

/** The bootstrap method of lambdas and method references (JLS §15.27.4). */
export const METAFACTORY = new Handle(
  Opcodes.H_INVOKESTATIC,
  'java/lang/invoke/LambdaMetafactory',
  'metafactory',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;',
  false,
);

/**
 * The bootstrap method javac uses instead where the lambda's class must do more than implement its
 * interface: be serializable, implement marker interfaces of an intersection cast, or bridge other
 * erasures of its method. Its arguments: the three of METAFACTORY, then an int of ALT_* flags, then
 * (FLAG_MARKERS) a count and the marker interfaces, then (FLAG_BRIDGES) a count and the bridges'
 * method types.
 */
export const ALT_METAFACTORY = new Handle(
  Opcodes.H_INVOKESTATIC,
  'java/lang/invoke/LambdaMetafactory',
  'altMetafactory',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;',
  false,
);

/** LambdaMetafactory.FLAG_SERIALIZABLE, FLAG_MARKERS, FLAG_BRIDGES. */
export const ALT_FLAG_SERIALIZABLE = 1;
export const ALT_FLAG_MARKERS = 2;
export const ALT_FLAG_BRIDGES = 4;

/** JLS §14.8: the expressions that may stand as statements (and as a void lambda's body). */
export function isStatementExpression(node: Ast.ExpressionNode): boolean {
  switch (node.kind) {
    case 'Assign':
    case 'MethodCall':
    case 'New':
      return true;
    case 'Unary':
      return node.op === '++' || node.op === '--';
    default:
      return false;
  }
}

/**
 * What a lambda can be converted to, by its form alone (JLS §15.27.2): its arity; void-compatible
 * when its block returns no value (or its expression is a statement expression); value-compatible
 * when its block returns a value (or its body is an expression other than a call, which may be void).
 */
export function lambdaShape(node: Ast.LambdaNode): { arity: number; voidCompatible: boolean; valueCompatible: boolean } {
  const arity = node.parameters.length;
  if (node.body.kind !== 'Block') {
    return { arity, voidCompatible: isStatementExpression(node.body), valueCompatible: true };
  }
  const returnsValue = containsValueReturn(node.body);
  return { arity, voidCompatible: !returnsValue, valueCompatible: returnsValue || !canCompleteNormally(node.body) };
}

/** Whether a `return expr;` occurs in `node`, outside nested lambdas. */
function containsValueReturn(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(containsValueReturn);
  const record = node as { kind?: string; expression?: unknown };
  // A nested lambda's returns, or an anonymous class's methods' (JLS §15.9.5), are their own.
  if (record.kind === 'Lambda' || record.kind === 'MethodDeclaration' || record.kind === 'Initializer' || record.kind === 'FieldDeclaration') return false;
  if (record.kind === 'Return') return record.expression != null;
  return Object.values(record).some(containsValueReturn);
}

/** A rough JLS §14.22 for lambda shapes: a block whose last statement is a throw cannot complete normally. */
function canCompleteNormally(block: Ast.BlockNode): boolean {
  const last = block.statements[block.statements.length - 1];
  return last === undefined || last.kind !== 'Throw';
}

/** A class type node as the dotted name expression that names it in a method call (`java.util.Objects`). */
export function dottedName(type: Ast.ClassTypeNode): Ast.ExpressionNode {
  let expression: Ast.ExpressionNode = { kind: 'Name', name: type.parts[0]!.name, position: type.position };
  for (const part of type.parts.slice(1)) expression = { kind: 'FieldAccess', target: expression, name: part.name, position: type.position };
  return expression;
}
