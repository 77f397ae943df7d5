// # What each instruction does to the operand stack's depth (JVMS §6.5), as Javassist counts it
//
// Opcode.STACK_GROW for the instructions whose effect the opcode fixes; field and method
// instructions take theirs from a descriptor (Descriptor.dataSize): Bytecode's depth tracking and
// CodeAttribute.computeMaxStack (max-stack.ts) use both.

/** How many stack slots each opcode adds (negative: removes), Javassist's Opcode.STACK_GROW; 0 where it depends on an operand (field and method instructions, multianewarray). */
export const STACK_GROW: readonly number[] = (() => {
  const g = new Array<number>(202).fill(0);
  const set = (value: number, from: number, to = from): void => {
    for (let op = from; op <= to; op++) g[op] = value;
  };
  set(1, 1, 8); // aconst_null, iconst_*
  set(2, 9, 10); // lconst
  set(1, 11, 13); // fconst
  set(2, 14, 15); // dconst
  set(1, 16, 19); // bipush, sipush, ldc, ldc_w
  set(2, 20); // ldc2_w
  [1, 2, 1, 2, 1].forEach((v, k) => set(v, 21 + k)); // iload lload fload dload aload
  [1, 2, 1, 2, 1].forEach((v, k) => set(v, 26 + 4 * k, 29 + 4 * k)); // *load_<n>
  [-1, 0, -1, 0, -1, -1, -1, -1].forEach((v, k) => set(v, 46 + k)); // *aload
  [-1, -2, -1, -2, -1].forEach((v, k) => set(v, 54 + k)); // *store
  [-1, -2, -1, -2, -1].forEach((v, k) => set(v, 59 + 4 * k, 62 + 4 * k)); // *store_<n>
  [-3, -4, -3, -4, -3, -3, -3, -3].forEach((v, k) => set(v, 79 + k)); // *astore
  [-1, -2, 1, 1, 1, 2, 2, 2, 0].forEach((v, k) => set(v, 87 + k)); // pop … swap
  for (let k = 0; k < 5; k++) [-1, -2, -1, -2].forEach((v, t) => set(v, 96 + 4 * k + t)); // add sub mul div rem
  set(0, 116, 119); // neg
  set(-1, 120, 125); // shifts (the count is an int)
  [-1, -2, -1, -2, -1, -2].forEach((v, k) => set(v, 126 + k)); // and or xor
  [1, 0, 1, -1, -1, 0, 0, 1, 1, -1, 0, -1, 0, 0, 0].forEach((v, k) => set(v, 133 + k)); // conversions
  [-3, -1, -1, -3, -3].forEach((v, k) => set(v, 148 + k)); // lcmp fcmpl fcmpg dcmpl dcmpg
  set(-1, 153, 158); // if<cond>
  set(-2, 159, 166); // if_icmp<cond>, if_acmp<cond>
  set(1, 168); // jsr
  set(-1, 170, 171); // switches
  [-1, -2, -1, -2, -1, 0].forEach((v, k) => set(v, 172 + k)); // returns
  set(1, 187); // new
  set(-1, 191); // athrow
  set(-1, 194, 195); // monitorenter, monitorexit
  set(-1, 198, 199); // ifnull, ifnonnull
  set(1, 201); // jsr_w
  return g;
})();

/** Stack slots of a type descriptor: 2 for long and double, 0 for void. */
export function slots(descriptor: string): number {
  return descriptor === 'J' || descriptor === 'D' ? 2 : descriptor === 'V' ? 0 : 1;
}

/** The return value's slots less the arguments' (Javassist's Descriptor.dataSize). */
export function dataSize(methodDescriptor: string): number {
  let size = 0;
  const end = methodDescriptor.indexOf(')');
  for (let i = 1; i < end; i++) {
    const array = methodDescriptor[i] === '[';
    while (methodDescriptor[i] === '[') i++;
    if (methodDescriptor[i] === 'L') i = methodDescriptor.indexOf(';', i);
    size -= !array && (methodDescriptor[i] === 'J' || methodDescriptor[i] === 'D') ? 2 : 1;
  }
  return size + slots(methodDescriptor.slice(end + 1));
}

