// Whether the RE2 engine (#regex-engine) is there, as React state: false in the server render and
// in hydration (so both render the same "checking" state), true once the browser has loaded it.
import { useSyncExternalStore } from "react";
import { onRegexEngine, regexEngine } from "#regex-engine";

export function useRegexEngineReady(): boolean {
  return useSyncExternalStore(onRegexEngine, () => regexEngine() !== null, () => false);
}
