// # The V8 flags of classforge's own processes
//
// Set by the processes classforge starts itself (the CLI, the agent's transform host, the benchmark's
// classforge side), before any class is read. A library does not change its host process's V8 flags:
// a program that runs the API over many classes can pass the same flags to node (`node --no-use-osr
// --max-inlined-bytecode-size-cumulative=1840 app.js`) or call `v8.setFlagsFromString` with them
// before its first class.
//
// ## --no-use-osr: no on-stack replacement
// V8 11 (Node 20) sometimes leaves ClassReader.readCode without its optimized code for the rest of
// the process: readCode is optimized, deoptimizes at the first instruction of a kind it had not
// seen yet (the first invokedynamic, say), and when an on-stack replacement of a long-running call
// was being compiled at that moment, only that OSR code is installed; later calls start in baseline
// code and wait for a loop to jump into it. A process that falls into this runs its reading
// workloads 35–75% slower to the end (java.base: a full rewrite 790 ms instead of 590 ms in 2 of 8
// processes, `read` 390 ms instead of 225 ms in 1 of 6; seen with `--trace-opt --trace-deopt`).
// Without OSR a deoptimized function is simply optimized again: 0 slow processes in 34 tried (6 in 26 without), and
// the same speed otherwise (OSR only helps a function called once that loops for long, which
// classforge's per-class work is not).
//
// ## --max-inlined-bytecode-size-cumulative=1840: twice V8's inlining budget
// TurboFan inlines small functions into the one it optimizes until their bytecode adds up to 920
// bytes (V8 11's default). The reader's, the transcoder's and the symbol table's hot functions
// (readMethod, transcodeDirect, addConstantMemberReference, BytecodeFrames.execute…) call many small
// helpers, and reach that budget: `--trace-turbo-inlining` lists 300 more inlinings with twice the
// budget (ByteVector's puts, the dictionary's hints, the Utf8 decoding, the type table). Paired A/B
// on java.base (`node bench/ab.mjs`, same build, session 34): compute-frames 0.963, full-rewrite 0.959,
// read 0.952, compute-maxs 0.971, copy 0.979, tree-parse 0.987, adapter-frames 0.997 of the time with
// the default; 1.5 and 3 times the budget gave the same as twice.

import { setFlagsFromString } from 'node:v8';

export function setClassforgeV8Flags(): void {
  setFlagsFromString('--no-use-osr');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=1840');
}
