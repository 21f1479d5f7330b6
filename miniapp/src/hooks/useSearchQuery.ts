import { useCallback, useState } from "react";
import type { SearchBarProps } from "@/components/search-bar";

export interface SearchQuery {
  /** What is typed in the box. */
  text: string;
  setText: (text: string) => void;
  /** The confirmed, trimmed search ("" for none): what the list is filtered by. */
  query: string;
  /** Sets both the box and the search (e.g. a “did you mean” word). */
  search: (query: string) => void;
  /** Empties both the box and the search. */
  clear: () => void;
  /** The controlled SearchBar props: typing, confirming (trimmed) and clearing. */
  bind: Pick<SearchBarProps, "value" | "onChange" | "onConfirm" | "onClear">;
}

/**
 * The text/query pair behind a list page's SearchBar: typing changes only the box, confirming
 * filters by the trimmed text, clearing empties both.
 * @param initial the starting search (e.g. from the page link).
 * @returns the state and the SearchBar props.
 */
export function useSearchQuery(initial = ""): SearchQuery {
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial);
  const clear = useCallback(() => {
    setText("");
    setQuery("");
  }, []);
  const search = useCallback((next: string) => {
    setText(next);
    setQuery(next);
  }, []);
  const confirm = useCallback((value: string) => setQuery(value.trim()), []);
  return {
    text,
    setText,
    query,
    search,
    clear,
    bind: { value: text, onChange: setText, onConfirm: confirm, onClear: clear },
  };
}
