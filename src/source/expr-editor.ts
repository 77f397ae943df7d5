// # ExprEditor: edit the expressions of method bodies (Javassist's ExprEditor)
//
// `ctClass.instrument(editor)` (or a CtBehavior's) walks every body and calls, for each
// expression of a kind, the matching method: Java's overloaded `edit(X)` becomes one method per
// kind (DESIGN.md contract 2). Subclass it and override the ones you need, or pass an object with
// some of these methods. In a method, `expr.replace("{ … }")` compiles Java source in place of
// the expression, with Javassist's `$` variables ($0 the target, $1… the arguments, $_ the
// result, $proceed the original operation).

import type { Cast, ConstructorCall, FieldAccess, Handler, Instanceof, MethodCall, NewArray, NewExpr } from './expr.js';

export class ExprEditor {
  editMethodCall(_call: MethodCall): void {}
  editConstructorCall(_call: ConstructorCall): void {}
  editFieldAccess(_access: FieldAccess): void {}
  editNewExpr(_expression: NewExpr): void {}
  editNewArray(_expression: NewArray): void {}
  editCast(_cast: Cast): void {}
  editInstanceof(_test: Instanceof): void {}
  editHandler(_handler: Handler): void {}
}

/** What instrument accepts: an ExprEditor or any object with some of its methods. */
export type ExprEditorLike = Partial<ExprEditor>;
