// The browser's RE2 engine (see regex-engine.ts): re2js is fetched once the page's load event has
// fired (and again at the next call after a failed fetch). Until then regexEngine() is
// null and the callers say so (the form waits for the verdict; the API judges every save anyway).
import type { Re2 } from "./regex-engine";

let engine: Re2 | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load(): Promise<void> {
  loading ??= import("re2js").then(
    (m) => {
      engine = m;
      for (const l of listeners) l();
    },
    () => {
      loading = null; // a failed chunk (offline, a new deploy): the next call tries again
    },
  );
  return loading;
}

if (typeof window !== "undefined") {
  if (document.readyState === "complete") void load();
  else window.addEventListener("load", () => void load(), { once: true });
}

export function regexEngine(): Re2 | null {
  // After the load event (a failed fetch is tried again); never during the first render.
  if (!engine && document.readyState === "complete") void load();
  return engine;
}

export function onRegexEngine(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
