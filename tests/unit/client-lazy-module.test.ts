// lib/client/lazy-module.ts: a module fetched once, after the page's load event (or at the first
// get()), announced to subscribers, and fetched again after a failure.
import { afterEach, describe, expect, it, vi } from "vitest";
import { lazyModule } from "@/lib/client/lazy-module";

afterEach(() => vi.unstubAllGlobals());

describe("lazyModule", () => {
  it("preload waits for the load event, then fetches once and announces it", async () => {
    let onLoad: (() => void) | undefined;
    vi.stubGlobal("document", { readyState: "loading" });
    vi.stubGlobal("window", { addEventListener: (type: string, f: () => void) => type === "load" && (onLoad = f) });
    const load = vi.fn().mockResolvedValue({ answer: 42 });
    const m = lazyModule(load);
    const heard = vi.fn();
    m.subscribe(heard);
    m.preload();
    expect(load).not.toHaveBeenCalled();
    expect(m.peek()).toBeNull();
    onLoad!();
    await vi.waitFor(() => expect(m.peek()).toEqual({ answer: 42 }));
    expect(heard).toHaveBeenCalledTimes(1);
    m.preload();
    await m.get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("get() before the load event fetches at once; a failed fetch is tried again", async () => {
    vi.stubGlobal("document", { readyState: "complete" });
    const load = vi.fn().mockRejectedValueOnce(new Error("chunk failed")).mockResolvedValue("ok");
    const m = lazyModule(load);
    await expect(m.get()).rejects.toThrow("chunk failed");
    expect(m.peek()).toBeNull();
    await expect(m.get()).resolves.toBe("ok");
    expect(m.peek()).toBe("ok");
  });
});
