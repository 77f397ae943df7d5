// A source-style transform (classforge/source, Javassist's API): every selected method logs its call,
// with its arguments, and its result, on standard error. Java snippets with Javassist's $ variables:
// $args (the arguments as Object[]), $_ (the result), ($w) (boxes a primitive).
//
//   classforge transform app.jar -o audited.jar -t examples/source-audit/transform.ts --options '{"methods": "^(deposit|withdraw)$"}'
//   classforge run -t examples/source-audit/transform.ts -- java -cp app example.audit.Account

import { defineTransform } from 'classforge';
import { CtClass, Modifier } from 'classforge/source';

interface AuditOptions {
  /** A regular expression matched against method names. */
  methods: string;
}

// No `include`: every class of the input offline, the application's classes inside a JVM (classforge run), as
// method-timing; narrow it with the `methods` option.
export default defineTransform<AuditOptions>({
  name: 'source-audit',
  options: { type: 'object', properties: { methods: { type: 'string', default: '.*' } }, additionalProperties: false },
  source(ctClass, ctx) {
    const pattern = new RegExp(ctx.options.methods);
    for (const method of ctClass.getDeclaredMethods()) {
      const modifiers = method.getModifiers();
      if (Modifier.isAbstract(modifiers) || Modifier.isNative(modifiers) || !pattern.test(method.getName())) continue;
      const label = `${ctClass.getSimpleName()}.${method.getName()}`;
      method.insertBefore(`System.err.println("call ${label}" + java.util.Arrays.toString($args));`);
      if (method.getReturnType() !== CtClass.voidType) method.insertAfter(`System.err.println("return ${label} = " + ($w) $_);`);
      ctx.log(`audited ${method.getName()}`);
    }
  },
});
