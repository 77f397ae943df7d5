// Method timing with Byte Buddy-style advice written in Java (advice/example/advice/TimingAdvice.java):
// classforge's Advice copies its @Advice.OnMethodEnter and @Advice.OnMethodExit methods into every
// selected method, as Byte Buddy's Advice.to(TimingAdvice.class).on(…) would, without Byte Buddy.
//
//   javac -cp /usr/share/java/byte-buddy.jar -d /tmp/advice examples/advice-timing/advice/example/advice/TimingAdvice.java
//   classforge transform app.jar -o timed.jar -t examples/advice-timing/transform.ts \
//     --options '{"advice": "/tmp/advice/example/advice/TimingAdvice.class", "methods": "^com\\.acme\\."}'
//
// This module shows Advice used from a transform of your own (with its own way of choosing methods). Given
// as is, the compiled class needs no module at all: `-t /tmp/advice/example/advice/TimingAdvice.class
// --include 'com.acme.**'` (see the README's "Advice written in Java").

import { readFileSync } from 'node:fs';
import { Advice, defineTransform } from 'classforge';

interface AdviceTimingOptions {
  /** The compiled advice class file. */
  advice: string;
  /** A regular expression matched against `pkg.Class.method`; only matching methods are timed. */
  methods: string;
}

// Read once per run (the advice and its class file bytes), not once per class.
const loaded = new Map<string, { bytes: Uint8Array; advice: Advice }>();
function adviceAt(path: string): { bytes: Uint8Array; advice: Advice } {
  let entry = loaded.get(path);
  if (entry === undefined) {
    const bytes = new Uint8Array(readFileSync(path));
    entry = { bytes, advice: Advice.to(bytes) };
    loaded.set(path, entry);
  }
  return entry;
}

export default defineTransform<AdviceTimingOptions>({
  name: 'advice-timing',
  description: 'Times the selected methods with an advice class written in Java',
  options: {
    type: 'object',
    properties: {
      advice: { type: 'string', description: 'the compiled advice class file (TimingAdvice.class)' },
      methods: { type: 'string', default: '', description: 'regular expression on pkg.Class.method (default: every method)' },
    },
    required: ['advice'],
    additionalProperties: false,
  },
  // The inlined exit advice calls TimingAdvice.report: the advice class goes wherever the timed classes go.
  helperClasses: (ctx) => [adviceAt(ctx.options.advice).bytes],
  visitor: (next, ctx) => {
    const methods = new RegExp(ctx.options.methods);
    const dotted = ctx.className;
    // Constructors are left out: Byte Buddy (and so Advice) cannot catch exceptions around super(...).
    return adviceAt(ctx.options.advice)
      .advice.on((method) => method.name !== '<init>' && method.name !== '<clinit>' && methods.test(`${dotted}.${method.name}`))
      .wrap(next);
  },
});
