// The sign-in return path (lib/auth/next-path.ts): only a path on this site, never a host.
import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT, safeNextPath, signInHref } from "@/lib/auth/next-path";

describe("safeNextPath", () => {
  it.each([
    ["/slos/checkout-latency", "/slos/checkout-latency"],
    ["/dashboard?team=payments&at=1700000000", "/dashboard?team=payments&at=1700000000"],
    ["/traces/4bf9?datasource=prod#span", "/traces/4bf9?datasource=prod#span"],
    ["/slos/../settings", "/settings"],
  ])("keeps the same-site path %j", (raw, want) => expect(safeNextPath(raw)).toBe(want));

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/%0d%0aSet-Cookie:x",
    "/slos\r\nLocation: //evil.example",
    "/\t/evil.example",
    "/sign-in?next=/slos",
    "/api/users",
    "",
    "/" + "x".repeat(3000),
  ])("falls back for %s", (raw) => {
    const got = safeNextPath(raw);
    // A percent-encoded CR/LF stays encoded inside a path: harmless, so it may be kept as is.
    if (raw.startsWith("/%0d")) expect(got).toBe(raw);
    else expect(got).toBe(DEFAULT_NEXT);
  });

  it("takes the first of repeated values and nothing from absent ones", () => {
    expect(safeNextPath(["/reports", "//evil.example"])).toBe("/reports");
    expect(safeNextPath(undefined)).toBe(DEFAULT_NEXT);
    expect(safeNextPath(null)).toBe(DEFAULT_NEXT);
  });

  it("builds the sign-in address", () => {
    expect(signInHref("/slos")).toBe("/sign-in");
    expect(signInHref("/dashboard?team=a+b&at=1")).toBe("/sign-in?next=%2Fdashboard%3Fteam%3Da%2Bb%26at%3D1");
    expect(signInHref("//evil.example")).toBe("/sign-in");
  });
});
