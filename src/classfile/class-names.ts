// Java's two spellings of a class name: the internal form of class files (`java/util/Map$Entry`,
// JVMS §4.2.1) and the dotted binary name of Java source and reflection (`java.util.Map$Entry`).

/** `java/util/Map$Entry` → `java.util.Map$Entry`. */
export function toDottedName(internalName: string): string {
  return internalName.replaceAll('/', '.');
}

/** `java.util.Map$Entry` → `java/util/Map$Entry`. */
export function toInternalName(dottedName: string): string {
  return dottedName.replaceAll('.', '/');
}

/** The package of an internal name: `java/util` for `java/util/Map$Entry`, '' for the unnamed package. */
export function packageOf(internalName: string): string {
  const slash = internalName.lastIndexOf('/');
  return slash < 0 ? '' : internalName.slice(0, slash);
}

/**
 * Whether `name` is a class name in internal form (JVMS §4.2.1): identifiers separated by '/',
 * each an unqualified name (§4.2.2), non-empty and without '.', ';', '[' or '/'. Such a name is
 * also a safe relative path: no empty, '.' or '..' segment.
 */
export function isLegalInternalName(name: string): boolean {
  return name.split('/').every((part) => part.length > 0 && !/[.;[]/.test(part));
}
