// # StringWriter: a PrintWriter sink that collects the printed text in memory

import type { PrintWriter } from './printer.js';

/**
 * Collects what a Printer or TraceClassVisitor prints, like Java's
 * `new PrintWriter(new StringWriter())`: `new TraceClassVisitor(sw)`, then `sw.toString()`.
 */
export class StringWriter implements PrintWriter {
  private readonly parts: string[] = [];

  write(text: string): void {
    this.parts.push(text);
  }

  flush(): void {
    // Nothing is buffered outside `parts`.
  }

  toString(): string {
    return this.parts.join('');
  }
}
