// Modules the browser fetches after the page has loaded (or at the first call that needs them):
// the form validators, which bring zod and the schemas (~60 kB compressed) that a page's first
// render does not need. A component that will need one calls `useLazyModule` (it starts the fetch
// once the page's load event has fired, and gives the module once there: null in the server render
// and in hydration, so both render the same); event handlers `await get()`.
import { useEffect, useSyncExternalStore } from "react";

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

export function useLazyModule<T>(m: LazyModule<T>): T | null {
  useEffect(() => m.preload(), [m]);
  return useSyncExternalStore(m.subscribe, m.peek, () => null);
}

/** The SLO form's validator (lib/client/slo-form-validate.ts). */
export const sloValidation = lazyModule(() => import("./slo-form-validate"));

/** The datasource form's validators (lib/client/datasource-form-validate.ts). */
export const datasourceValidation = lazyModule(() => import("./datasource-form-validate"));
