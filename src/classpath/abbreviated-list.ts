/**
 * `items` joined with ", ", the first `shown` only when there are more than `shown + 1`, then
 * "… and N more": an error naming a class path of hundreds of jars (a build tool's `--cp`) stays a
 * line or two, and still says where the search started and how much it covered.
 */
export function abbreviatedList(items: readonly string[], shown = 8): string {
  if (items.length <= shown + 1) return items.join(', ');
  return `${items.slice(0, shown).join(', ')}, … and ${items.length - shown} more`;
}
