import { Frame } from './frame.js';
import type { Label } from './label.js';
import type { Symbol } from './symbol.js';
import type { SymbolTable } from './symbol-table.js';

/**
 * The frame at the current instruction, for COMPUTE_INSERTED_FRAMES: after each simulated
 * instruction the output frame is folded back into the input frame, so that the input frame is
 * always the concrete frame before the next instruction. This works without any type hierarchy
 * because it starts from an existing F_NEW frame and never merges two paths.
 *
 * @internal
 */
export class CurrentFrame extends Frame {
  constructor(owner: Label) {
    super(owner);
  }

  override execute(opcode: number, arg: number, argSymbol: Symbol | null, symbolTable: SymbolTable | null): void {
    super.execute(opcode, arg, argSymbol, symbolTable);
    const successor = new Frame(null);
    this.merge(symbolTable as SymbolTable, successor, 0);
    this.copyFrom(successor);
  }
}
