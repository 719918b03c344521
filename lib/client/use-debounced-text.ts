"use client";
// A text input bound to a value that lives elsewhere (the URL): typing is local and instant,
// the value is committed after a pause, and outside changes (back button, "clear filters")
// flow back in without clobbering what the user is typing.
import { useEffect, useRef, useState } from "react";

export function useDebouncedText(value: string, commit: (v: string) => void, delayMs = 300) {
  const [text, setText] = useState(value);
  const pushed = useRef(value);
  // The latest `commit`, without restarting the debounce timer whenever the caller re-renders.
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });

  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text.trim() === pushed.current) return;
    const t = setTimeout(() => {
      pushed.current = text.trim();
      commitRef.current(text.trim());
    }, delayMs);
    return () => clearTimeout(t);
  }, [text, delayMs]);

  return [text, setText] as const;
}
