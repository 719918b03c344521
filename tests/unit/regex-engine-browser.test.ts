// The browser's RE2 engine (lib/schemas/regex-engine.browser.ts): absent during the first render,
// fetched once the page's load event fires, then announced to the subscribers; the server's module
// has it from the start.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("#regex-engine", () => {
  it("in the browser: null until the load event, then loaded and announced", async () => {
    let onLoad: (() => void) | undefined;
    const doc = { readyState: "loading" };
    vi.stubGlobal("document", doc);
    vi.stubGlobal("window", { addEventListener: (type: string, f: () => void) => type === "load" && (onLoad = f) });
    const m = await import("@/lib/schemas/regex-engine.browser");
    const heard = vi.fn();
    m.onRegexEngine(heard);
    expect(m.regexEngine()).toBeNull();
    expect(onLoad).toBeTypeOf("function");
    doc.readyState = "complete";
    onLoad!();
    await vi.waitFor(() => expect(m.regexEngine()).not.toBeNull());
    expect(heard).toHaveBeenCalledTimes(1);
    expect(m.regexEngine()!.RE2JS.compile("a+").matcher("aaa").matches()).toBe(true);
  });

  it("on the server: there from the start, and the verdicts with it", async () => {
    const { regexEngine } = await import("@/lib/schemas/regex-engine");
    const { promRegexProblem } = await import("@/lib/schemas/regex");
    expect(regexEngine()).not.toBeNull();
    expect(promRegexProblem("(?=x)")).toMatch(/lookahead/);
  });
});
