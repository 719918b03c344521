// Modules the browser fetches after the page has loaded (or at the first call that needs them):
// the form validators, which bring zod and the schemas (~60 kB compressed) that a page's first
// render does not need. A component that will need one calls `useLazyModule` (it starts the fetch
// once the page's load event has fired, and gives the module once there: null in the server render
// and in hydration, so both render the same); event handlers `await get()`.
import { useEffect, useSyncExternalStore } from "react";
import { lazyModule, type LazyModule } from "@/lib/lazy";

export { lazyModule, type LazyModule };

export function useLazyModule<T>(m: LazyModule<T>): T | null {
  useEffect(() => m.preload(), [m]);
  return useSyncExternalStore(m.subscribe, m.peek, () => null);
}

/** The SLO form's validator (lib/client/slo-form-validate.ts). */
export const sloValidation = lazyModule(() => import("./slo-form-validate"));

/** The datasource form's validators (lib/client/datasource-form-validate.ts). */
export const datasourceValidation = lazyModule(() => import("./datasource-form-validate"));
