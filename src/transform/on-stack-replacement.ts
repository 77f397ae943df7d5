// # Turning V8's on-stack replacement off in classforge's own processes
//
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
// Set by the processes classforge starts itself (the CLI, the agent's transform host, the
// benchmark's classforge side), before any class is read. A library does not change its host
// process's V8 flags: programs that use the API on many classes can pass `--no-use-osr` to node.

import { setFlagsFromString } from 'node:v8';

export function disableOnStackReplacement(): void {
  setFlagsFromString('--no-use-osr');
}
