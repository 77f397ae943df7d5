// # Javassist's CodeConverter: redirecting calls, `new` and field accesses in method bodies
//
// `const conv = new CodeConverter(); conv.redirectMethodCall(oldM, newM); cc.instrument(conv);` —
// the older, declarative sibling of ExprEditor, still found in real code. Here it is an ExprEditor
// whose edits are compiled snippets (source-compiler.ts), so the code it writes is verified like any
// replacement. Each expression gets the most recently registered conversion that matches it (Javassist
// chains them, each seeing the previous one's output; one conversion per expression is what real code
// registers). Matching follows Javassist's: a method by name and descriptor, called on its declaring
// class or a subclass; a field by name on its declaring class or a subclass; `new` by class.

import type { MethodInsnNode } from '../tree/method-insn-node.js';
import type { TypeInsnNode } from '../tree/type-insn-node.js';
import type { CtClass } from './ct-class.js';
import type { CtField } from './ct-field.js';
import type { CtMethod } from './ct-method.js';
import { ExprEditor } from './expr-editor.js';
import type { FieldAccess, MethodCall, NewExpr } from './expr.js';
import { Modifier } from './modifier.js';

type CallConversion = { matches: (call: MethodCall) => boolean; source: (call: MethodCall) => string };
/** A snippet replacing the `new`, or (replaceNew(old, new)) the class the NEW and its constructor call name instead. */
type NewConversion = { matches: (expr: NewExpr) => boolean; source: string } | { matches: (expr: NewExpr) => boolean; retarget: CtClass };
type FieldConversion = { matches: (access: FieldAccess) => boolean; source: (access: FieldAccess) => string | null };

/** Whether the class named `className` is `declaring` or a subtype of it. */
function onClassOrSubclass(declaring: CtClass, className: string): boolean {
  if (className === declaring.getName()) return true;
  const owner = declaring.getClassPool().getOrNull(className);
  return owner !== null && !owner.isArray() && owner.subtypeOf(declaring);
}

function callOf(method: CtMethod): (call: MethodCall) => boolean {
  const declaring = method.getDeclaringClass();
  return (call) => call.getMethodName() === method.getName() && call.getSignature() === method.getSignature() && onClassOrSubclass(declaring, call.getClassName());
}

function fieldOf(field: CtField): (access: FieldAccess) => boolean {
  const declaring = field.getDeclaringClass();
  return (access) => access.getFieldName() === field.getName() && onClassOrSubclass(declaring, access.getClassName());
}

/** `$_ = expr;`, or just `expr;` when the expression's value is void. */
const assignResult = (isVoid: boolean, expr: string): string => (isVoid ? `{ ${expr}; }` : `{ $_ = ($r) ${expr}; }`);

export class CodeConverter extends ExprEditor {
  private readonly calls: CallConversion[] = [];
  private readonly news: NewConversion[] = [];
  private readonly fields: FieldConversion[] = [];

  /**
   * Calls of `origMethod` call `substMethod` instead: the same descriptor, both static or both not.
   * Given a name instead, as Javassist's: calls of the method of that name and of `substMethod`'s
   * descriptor in `substMethod`'s class (or a subclass) call `substMethod` (only the name changes).
   */
  redirectMethodCall(origMethod: CtMethod | string, substMethod: CtMethod): void {
    const substDeclaring = substMethod.getDeclaringClass();
    const matches: (call: MethodCall) => boolean =
      typeof origMethod === 'string'
        ? (call) => call.getMethodName() === origMethod && call.getSignature() === substMethod.getSignature() && onClassOrSubclass(substDeclaring, call.getClassName())
        : callOf(origMethod);
    const isStatic = Modifier.isStatic(substMethod.getModifiers());
    const isVoid = substMethod.getReturnType().getName() === 'void';
    const substClass = substMethod.getDeclaringClass().getName();
    // Javassist rewrites the method reference; here the target is cast when it names another class.
    const target = (call: MethodCall): string => (isStatic ? substClass : call.getClassName() === substClass ? '$0' : `((${substClass}) $0)`);
    this.calls.unshift({ matches, source: (call) => assignResult(isVoid, `${target(call)}.${substMethod.getName()}($$)`) });
  }

  /** Calls of the instance method `origMethod` call the static `staticMethod(target, args…)` instead. */
  redirectMethodCallToStatic(origMethod: CtMethod, staticMethod: CtMethod): void {
    const isVoid = staticMethod.getReturnType().getName() === 'void';
    const callee = `${staticMethod.getDeclaringClass().getName()}.${staticMethod.getName()}`;
    this.calls.unshift({ matches: callOf(origMethod), source: (call) => assignResult(isVoid, `${callee}($0${call.getSignature().startsWith('()') ? '' : ', $$'})`) });
  }

  /** Before each call of `origMethod`, the static `beforeMethod(target, args…)` is called. */
  insertBeforeMethod(origMethod: CtMethod, beforeMethod: CtMethod): void {
    const callee = `${beforeMethod.getDeclaringClass().getName()}.${beforeMethod.getName()}`;
    this.calls.unshift({
      matches: callOf(origMethod),
      source: (call) => {
        const args = `$0${call.getSignature().startsWith('()') ? '' : ', $$'}`;
        return call.getSignature().endsWith(')V') ? `{ ${callee}(${args}); $proceed($$); }` : `{ ${callee}(${args}); $_ = $proceed($$); }`;
      },
    });
  }

  /** After each call of `origMethod`, the static `afterMethod(target, args…)` is called. */
  insertAfterMethod(origMethod: CtMethod, afterMethod: CtMethod): void {
    const callee = `${afterMethod.getDeclaringClass().getName()}.${afterMethod.getName()}`;
    this.calls.unshift({
      matches: callOf(origMethod),
      source: (call) => {
        const args = `$0${call.getSignature().startsWith('()') ? '' : ', $$'}`;
        return call.getSignature().endsWith(')V') ? `{ $proceed($$); ${callee}(${args}); }` : `{ $_ = $proceed($$); ${callee}(${args}); }`;
      },
    });
  }

  /**
   * `new oldClass(args)` becomes `new newClass(args)` (a constructor of the same parameters); or,
   * given a class and a static method name (Javassist's replaceNew(newClass, calledClass,
   * calledMethod)), `new newClass(args)` becomes `calledClass.calledMethod(args)`.
   */
  replaceNew(oldClass: CtClass, newClass: CtClass, calledMethod?: string): void {
    const created = oldClass.getName();
    const matches = (expr: NewExpr): boolean => expr.getClassName() === created;
    // The class swap is done on the instructions, as Javassist's: the object made is a newClass where
    // the code expected an oldClass (a snippet would have to cast it).
    if (calledMethod === undefined) this.news.unshift({ matches, retarget: newClass });
    else this.news.unshift({ matches, source: `{ $_ = ($r) ${newClass.getName()}.${calledMethod}($$); }` });
  }

  /** Accesses to `field` access the field `newFieldname` of `newClass` instead (static if `field` is). */
  redirectFieldAccess(field: CtField, newClass: CtClass, newFieldname: string): void {
    const isStatic = Modifier.isStatic(field.getModifiers());
    const target = isStatic ? newClass.getName() : `((${newClass.getName()}) $0)`;
    this.fields.unshift({ matches: fieldOf(field), source: (access) => (access.isReader() ? `{ $_ = ${target}.${newFieldname}; }` : `{ ${target}.${newFieldname} = $1; }`) });
  }

  /** Reads of `field` call the static `calledClass.calledMethod(Object target)` instead (null target for a static field). */
  replaceFieldRead(field: CtField, calledClass: CtClass, calledMethod: string): void {
    this.fields.unshift({ matches: fieldOf(field), source: (access) => (access.isReader() ? `{ $_ = ${calledClass.getName()}.${calledMethod}($0); }` : null) });
  }

  /** Writes of `field` call the static `calledClass.calledMethod(Object target, value)` instead. */
  replaceFieldWrite(field: CtField, calledClass: CtClass, calledMethod: string): void {
    this.fields.unshift({ matches: fieldOf(field), source: (access) => (access.isWriter() ? `{ ${calledClass.getName()}.${calledMethod}($0, $1); }` : null) });
  }

  override editMethodCall(call: MethodCall): void {
    const conversion = this.calls.find((c) => c.matches(call));
    if (conversion !== undefined) call.replace(conversion.source(call));
  }

  override editNewExpr(expr: NewExpr): void {
    const conversion = this.news.find((c) => c.matches(expr));
    if (conversion === undefined) return;
    if ('source' in conversion) {
      expr.replace(conversion.source);
      return;
    }
    const target = conversion.retarget;
    // The same constructor must exist there (Javassist does not check: its class fails with NoSuchMethodError).
    target.getConstructor(expr.getSignature());
    const behavior = expr.where();
    behavior.getDeclaringClass().checkModify(behavior.methodNode());
    (expr.newInsn as TypeInsnNode).desc = target.getInternalName();
    (expr.insn as MethodInsnNode).owner = target.getInternalName();
  }

  override editFieldAccess(access: FieldAccess): void {
    for (const conversion of this.fields) {
      if (!conversion.matches(access)) continue;
      const source = conversion.source(access);
      if (source !== null) {
        access.replace(source);
        return;
      }
    }
  }
}
