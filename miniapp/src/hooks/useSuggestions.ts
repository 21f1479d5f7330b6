import { useEffect, useState } from "react";
import { suggestList } from "@/services/list";

/**
 * Type-ahead suggestions for the list search, fetched a moment after typing stops.
 * Failures simply show no suggestions: typing and searching still work.
 * @param text what is typed.
 * @param active only fetch while the search box is in use.
 * @returns the suggestions for the current text.
 */
export function useSuggestions(text: string, active: boolean): string[] {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (!active || !q) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      suggestList(q).then(
        (items) => current && setSuggestions(items.filter((s) => s !== q).slice(0, 6)),
        () => current && setSuggestions([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, active]);
  return suggestions;
}
