import { useEffect, useRef } from 'react';

/** Moves the focus to an element when `value` changes (not on mount), e.g. to a table after paging. */
export function useFocusOnChange(value: unknown, elementId: string): void {
  const previous = useRef(value);
  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    document.getElementById(elementId)?.focus();
  }, [value, elementId]);
}
