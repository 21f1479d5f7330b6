/**
 * Joins class names, skipping falsy entries.
 * @param names class names or conditions.
 * @returns the class attribute value.
 */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
