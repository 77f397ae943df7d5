// # Repeatable options (`--class a --class b`): commander's collector, shared by every command

/** Commander's collector for repeatable options: the values in the order given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return previous === undefined ? [value] : [...previous, value];
}
