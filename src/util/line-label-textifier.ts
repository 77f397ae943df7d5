// # A Textifier whose labels are named by source line, for diffs
//
// Textifier names labels L0, L1… in order of appearance, so code inserted at a method's start
// renumbers every label after it, and a diff of the listings shows each jump and line number as
// changed. Named by the source line their place falls in (`L12`, then `L12_1`, `L12_2` for the next
// labels of line 12), labels keep their names wherever the code around them did not change.
//
// A label's place is the index of the instruction it precedes, which does not depend on what the
// reader skips (debug information, frames), so the lines are taken from a first reading with
// everything, even when the listing leaves LINENUMBER out. A method without a LineNumberTable keeps
// ASM's names. Used by `classforge diff` and diffClasses; `classforge print` prints ASM's text.

import { ClassReader } from '../asm/class-reader.js';
import type { Label } from '../asm/label.js';
import { Opcodes } from '../asm/opcodes.js';
import { ClassNode } from '../tree/class-node.js';
import { LabelNode } from '../tree/label-node.js';
import { LineNumberNode } from '../tree/line-number-node.js';
import type { MethodNode } from '../tree/method-node.js';
import { StringWriter } from './string-writer.js';
import { Textifier } from './textifier.js';
import { TraceClassVisitor } from './trace-class-visitor.js';

/** For each label of `method`, the number of real instructions (opcode ≥ 0) before it: its place in the code. */
function labelPlaces(method: MethodNode): Map<LabelNode, number> {
  const places = new Map<LabelNode, number>();
  let index = 0;
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn instanceof LabelNode) places.set(insn, index);
    else if (insn.getOpcode() >= 0) index++;
  }
  return places;
}

/**
 * The name of each label place of `method` (read with its line numbers), or null without any:
 * `L<line>` for the first label of a line, `L<line>_<k>` for the k-th after it, `L_<k>` before the first line.
 */
function namesByPlace(method: MethodNode): Map<number, string> | null {
  const places = labelPlaces(method);
  const lineStarts = new Map<number, number>();
  for (let insn = method.instructions.getFirst(); insn !== null; insn = insn.getNext()) {
    if (insn instanceof LineNumberNode) {
      const place = places.get(insn.start);
      // The first entry for a place, as the JVM's line tables read.
      if (place !== undefined && !lineStarts.has(place)) lineStarts.set(place, insn.line);
    }
  }
  if (lineStarts.size === 0) return null;
  const starts = [...lineStarts.keys()].sort((a, b) => a - b);
  const names = new Map<number, string>();
  const counts = new Map<string, number>();
  let next = 0;
  for (const place of [...new Set(places.values())].sort((a, b) => a - b)) {
    while (next < starts.length && starts[next]! <= place) next++;
    const base = next === 0 ? 'L_' : `L${lineStarts.get(starts[next - 1]!)!}`;
    const count = counts.get(base) ?? 0;
    counts.set(base, count + 1);
    names.set(place, next === 0 ? `${base}${count}` : count === 0 ? base : `${base}_${count}`);
  }
  return names;
}

/** A Textifier naming labels from `names` (by identity), and the others as ASM does. */
class LineLabelTextifier extends Textifier {
  constructor(private readonly names: ReadonlyMap<Label, string>) {
    super(Opcodes.ASM9);
  }

  protected override createTextifier(): Textifier {
    return new LineLabelTextifier(this.names);
  }

  protected override appendLabel(label: Label): void {
    const name = this.names.get(label);
    if (name === undefined) super.appendLabel(label);
    else this.stringBuilder.append(name);
  }
}

/** The Textifier listing of a class (as textifyClass), its labels named by source line where the class has line numbers. */
export function textifyClassWithLineLabels(bytes: Uint8Array, parsingOptions = 0): string {
  const full = new ClassNode(Opcodes.ASM9);
  new ClassReader(bytes).accept(full, 0);
  // The listing's reading is the same one unless it skips something.
  let listed = full;
  if (parsingOptions !== 0) {
    listed = new ClassNode(Opcodes.ASM9);
    new ClassReader(bytes).accept(listed, parsingOptions);
  }
  const names = new Map<Label, string>();
  // Both readings hold the same methods in the same order; a label's place is the same in both.
  listed.methods.forEach((method, i) => {
    const byPlace = namesByPlace(full.methods[i]!);
    if (byPlace === null) return;
    for (const [labelNode, place] of labelPlaces(method)) {
      const name = byPlace.get(place);
      if (name !== undefined) names.set(labelNode.getLabel(), name);
    }
  });
  const writer = new StringWriter();
  listed.accept(new TraceClassVisitor(null, new LineLabelTextifier(names), writer));
  return writer.toString();
}
