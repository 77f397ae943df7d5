// # Arrays of object slots made in their final elements kind
//
// `new Array(n)` starts as HOLEY_SMI_ELEMENTS in V8 and becomes HOLEY_ELEMENTS at the first object
// stored in it. A per-class cache (ClassReader.constantUtf8Values, the code transcoder's symbols by
// pool index…) is read both before its first store and after, so each of its keyed load and store
// sites sees two array maps and stays polymorphic for good (`--log-ic`: 1->P at readRequiredUtf8,
// readRequiredClass, addConstantUtf8Reference…). A slice of a template of holes that is already
// HOLEY_ELEMENTS starts in the final kind: one map at every site. Reading a hole gives `undefined`,
// as for `new Array(n)`.

const TEMPLATE_LENGTH = 4096;
const HOLES: unknown[] = new Array<unknown>(TEMPLATE_LENGTH);
// An object stored then deleted: the kind becomes HOLEY_ELEMENTS, every slot a hole again.
HOLES[0] = null;
delete HOLES[0];

/** An array of `length` holes (each reads `undefined`) in V8's HOLEY_ELEMENTS kind. */
export function holeyArray<T>(length: number): (T | undefined)[] {
  if (length <= TEMPLATE_LENGTH) {
    return HOLES.slice(0, length) as (T | undefined)[];
  }
  const array = new Array<T | undefined>(length);
  (array as unknown[])[0] = null;
  delete array[0];
  return array;
}
