// The RE2 engine behind every regex verdict (lib/schemas/regex.ts, lib/client/wizard-regex.ts),
// loaded with the module: on the server, in scripts and in tests the verdict is always there.
// Browser bundles resolve `#regex-engine` to regex-engine.browser.ts instead (package.json
// "imports", "browser" condition), which loads re2js (~45 kB compressed) after the page has loaded,
// so the form pages do not carry it in their first load. Both files export the same two functions.
import * as re2js from "re2js";

export type Re2 = typeof re2js;

/** The engine, or null while the browser has not loaded it yet (never null here). */
export function regexEngine(): Re2 | null {
  return re2js;
}

/** Calls `listener` once the engine is there (it already is here: never called). */
export function onRegexEngine(listener: () => void): () => void {
  void listener;
  return () => {};
}
