// A source-style transform (classforge/source) that counts calls of the selected methods in a map
// added to each transformed class, and prints the counts when the JVM exits. The Java snippets use
// what Javassist's compiler lacks: generic types (Map<String, LongAdder>.computeIfAbsent returns a
// LongAdder), a lambda and a method reference.
//
//   classforge transform app.jar -o counted.jar -t examples/call-counter/transform.ts --options '{"methods": "^(add|remove)$"}'
//   classforge run -t examples/call-counter/transform.ts -- java -cp app example.counter.Cart

import { defineTransform } from 'classforge';
import { CtField, Modifier, type CtClass } from 'classforge/source';

interface CallCounterOptions {
  /** A regular expression matched against method names. */
  methods: string;
}

const COUNTS = '$callCounts';

// No `include`: every class of the input offline, the application's classes inside a JVM (classforge run), as
// method-timing; narrow it with the `methods` option.
export default defineTransform({
  name: 'call-counter',
  options: {
    type: 'object',
    properties: { methods: { type: 'string', default: '.*' } },
    additionalProperties: false,
  },
  source: (ctClass: CtClass, ctx) => {
    // Interfaces take no static field; the snippets' lambdas need a class of version 52 (Java 8) or later.
    if (ctClass.isInterface() || ctClass.getClassFile().getMajorVersion() < 52) return;
    const { methods } = ctx.options as CallCounterOptions;
    const withBody = (modifiers: number) => !Modifier.isAbstract(modifiers) && !Modifier.isNative(modifiers);
    const selected = ctClass.getDeclaredMethods().filter((m) => new RegExp(methods).test(m.getName()) && withBody(m.getModifiers()));
    if (selected.length === 0) return;
    // A field with a generic type and an initializer, compiled into the static initializer.
    ctClass.addField(
      CtField.make(`private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> ${COUNTS} = new java.util.concurrent.ConcurrentSkipListMap<>();`, ctClass),
    );
    // At exit, one line per method: a lambda (the hook's Runnable) and a method reference.
    const className = ctClass.getName();
    ctClass.makeClassInitializer().insertAfter(
      `Runtime.getRuntime().addShutdownHook(new Thread(() -> ${COUNTS}.forEach((method, count) -> System.err.println("${className}." + method + ": " + count.sum() + " calls"))));`,
    );
    for (const method of selected) {
      method.insertBefore(`${COUNTS}.computeIfAbsent("${method.getName()}", name -> new java.util.concurrent.atomic.LongAdder()).increment();`);
    }
    ctx.log(`counting calls of ${selected.map((m) => m.getName()).join(', ')} in ${className}`);
  },
});
