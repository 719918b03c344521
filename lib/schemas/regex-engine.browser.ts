// The browser's RE2 engine (see regex-engine.ts): re2js is fetched once the page's load event has
// fired (and again at the next call after a failed fetch). Until then regexEngine() is
// null and the callers say so (the form waits for the verdict; the API judges every save anyway).
import { lazyModule } from "@/lib/lazy";
import type { Re2 } from "./regex-engine";

const engine = lazyModule<Re2>(() => import("re2js"));
if (typeof window !== "undefined") engine.preload();

export function regexEngine(): Re2 | null {
  // After the load event (a failed fetch is tried again); never during the first render.
  if (!engine.peek() && document.readyState === "complete") void engine.get().catch(() => {});
  return engine.peek();
}

export const onRegexEngine = (listener: () => void): (() => void) => engine.subscribe(listener);
