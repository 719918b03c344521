// A module (or any value) loaded once on first use, announced to subscribers, and loaded again
// after a failed attempt (a chunk that did not arrive: offline, a new deploy). The browser's late
// loads all go through it: the form validators (lib/client/lazy-module.ts), the API answers'
// schemas (lib/client/http.ts `lazySchema`) and the RE2 engine (lib/schemas/regex-engine.browser.ts).
// No React, no I/O of its own.

export interface LazyModule<T> {
  get(): Promise<T>;
  /** Fetches once the page's load event has fired (at once when it has). */
  preload(): void;
  peek(): T | null;
  subscribe(listener: () => void): () => void;
}

export function lazyModule<T>(load: () => Promise<T>): LazyModule<T> {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const get = () =>
    (loading ??= load().then(
      (m) => {
        value = m;
        for (const l of listeners) l();
        return m;
      },
      (e: unknown) => {
        loading = null; // a failed chunk (offline, a new deploy): the next call tries again
        throw e;
      },
    ));
  const fetchQuietly = () => void get().catch(() => {});
  return {
    get,
    preload: () => {
      if (value || loading) return;
      if (document.readyState === "complete") fetchQuietly();
      else window.addEventListener("load", fetchQuietly, { once: true });
    },
    peek: () => value,
    subscribe: (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}
