import { Remapper } from './remapper.js';

/**
 * A Remapper driven by a table, with ASM's key conventions:
 * - `owner.name descriptor` (no space: `pkg/A.run(I)V`) → new method name;
 * - `.name descriptor` (`.apply()Ljava/util/function/Function;`) → new invokedynamic or dynamic
 *   constant name;
 * - `owner.name` (`pkg/A.count`) → new field name;
 * - `descriptor.name` (`Lpkg/Note;.value`) → new annotation element name;
 * - an internal name (`pkg/A`) → its new internal name.
 *
 * The table is a Map or a plain object (own properties only); it is kept by reference, so later
 * changes to it are seen, as with ASM. `new SimpleRemapper(oldName, newName)` maps one key.
 * ASM's `api` constructor argument is accepted and ignored (the 9.4 Remapper has no api).
 */
export class SimpleRemapper extends Remapper {
  private readonly mapping: ReadonlyMap<string, string> | Readonly<Record<string, string>>;

  constructor(mapping: ReadonlyMap<string, string> | Readonly<Record<string, string>>);
  constructor(oldName: string, newName: string);
  constructor(api: number, mapping: ReadonlyMap<string, string> | Readonly<Record<string, string>>);
  constructor(api: number, oldName: string, newName: string);
  constructor(
    first: number | string | ReadonlyMap<string, string> | Readonly<Record<string, string>>,
    second?: string | ReadonlyMap<string, string> | Readonly<Record<string, string>>,
    third?: string,
  ) {
    super();
    const rest = typeof first === 'number' ? [second, third] : [first, second];
    const [mappingOrOldName, newName] = rest;
    if (typeof mappingOrOldName === 'string') {
      this.mapping = new Map([[mappingOrOldName, newName as string]]);
    } else {
      this.mapping = mappingOrOldName as ReadonlyMap<string, string> | Readonly<Record<string, string>>;
    }
  }

  override mapMethodName(owner: string, name: string, descriptor: string): string {
    return this.map(owner + '.' + name + descriptor) ?? name;
  }

  override mapInvokeDynamicMethodName(name: string, descriptor: string): string {
    return this.map('.' + name + descriptor) ?? name;
  }

  override mapAnnotationAttributeName(descriptor: string, name: string): string {
    return this.map(descriptor + '.' + name) ?? name;
  }

  override mapFieldName(owner: string, name: string, descriptor: string): string {
    void descriptor;
    return this.map(owner + '.' + name) ?? name;
  }

  /** The table's entry for `key`, or null. */
  override map(key: string): string | null {
    const mapping = this.mapping;
    if (mapping instanceof Map) {
      return mapping.get(key) ?? null;
    }
    const record = mapping as Readonly<Record<string, string>>;
    return Object.prototype.hasOwnProperty.call(record, key) ? record[key]! : null;
  }
}
