import { useState, type Dispatch, type SetStateAction } from "react";

/** One message per form field that needs correcting. */
export type FieldErrors<D> = Partial<Record<keyof D, string>>;

export interface DraftForm<D extends object | null> {
  draft: D;
  setDraft: Dispatch<SetStateAction<D>>;
  errors: FieldErrors<NonNullable<D>>;
  setErrors: Dispatch<SetStateAction<FieldErrors<NonNullable<D>>>>;
  /** A field's change handler: sets the value and clears that field's error. */
  set: <K extends keyof NonNullable<D>>(field: K) => (value: NonNullable<D>[K]) => void;
  /** A field's input props: its value, change handler and error (only while the draft is loaded). */
  field: <K extends keyof NonNullable<D>>(
    field: K,
  ) => { value: NonNullable<D>[K]; onChange: (value: NonNullable<D>[K]) => void; error?: string };
}

/**
 * A form's draft and its per-field errors, where editing a field clears its error.
 * @param initial the starting draft (null while it is still loading; `set` then does nothing).
 * @returns the draft, the errors and the field change handlers.
 */
export function useDraftForm<D extends object | null>(initial: D | (() => D)): DraftForm<D> {
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<FieldErrors<NonNullable<D>>>({});
  const set =
    <K extends keyof NonNullable<D>>(field: K) =>
    (value: NonNullable<D>[K]) => {
      setDraft((d) => (d ? ({ ...d, [field]: value } as D) : d));
      setErrors((e) => ({ ...e, [field]: undefined }));
    };
  const field = <K extends keyof NonNullable<D>>(name: K) => ({
    value: (draft as NonNullable<D>)[name],
    onChange: set(name),
    error: errors[name],
  });
  return { draft, setDraft, errors, setErrors, set, field };
}
