// lib/env.ts: the one zod-checked view of process.env.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, getEnv } from "@/lib/env";

describe("getEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = getEnv({ DATABASE_URL: "", SIGHTLINE_PG_PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SIGHTLINE_PG_PORT).toBe(54329);
    expect(env.SIGHTLINE_DATA_DIR).toBe(path.resolve(".data"));
    expect(env.SIGHTLINE_SECRET_KEY).toBeUndefined();
    expect(env.SIGHTLINE_REQUEST_DEADLINE_MS).toBe(20_000);
    expect(env.SIGHTLINE_MAX_ANSWER_BYTES).toBe(16 * 1024 * 1024);
  });

  it("reads the alerting targets; the ruler namespace defaults to sightline", () => {
    expect(getEnv({}).SIGHTLINE_RULER_NAMESPACE).toBe("sightline");
    expect(getEnv({}).SIGHTLINE_PUBLIC_URL).toBeUndefined();
    const env = getEnv({ SIGHTLINE_PUBLIC_URL: "https://sightline.example.com/", SIGHTLINE_RULES_DIR: "/etc/prometheus/rules", SIGHTLINE_RULER_URL: "http://mimir:8080" });
    expect([env.SIGHTLINE_PUBLIC_URL, env.SIGHTLINE_RULES_DIR, env.SIGHTLINE_RULER_URL]).toEqual(["https://sightline.example.com/", "/etc/prometheus/rules", "http://mimir:8080"]);
  });

  it("refuses proxy mode without the shared secret: an address list alone cannot be checked (docs/auth.md)", () => {
    expect(() => getEnv({ SIGHTLINE_AUTH: "proxy", SIGHTLINE_PROXY_TRUSTED: "10.0.0.0/8" })).toThrow(/SIGHTLINE_PROXY_SECRET: SIGHTLINE_AUTH=proxy needs SIGHTLINE_PROXY_SECRET/);
    expect(getEnv({ SIGHTLINE_AUTH: "proxy", SIGHTLINE_PROXY_SECRET: "a-long-shared-secret" }).SIGHTLINE_AUTH).toBe("proxy");
  });

  it("decodes the secret key from base64 or hex", () => {
    const bytes = Buffer.alloc(32, 7);
    expect(getEnv({ SIGHTLINE_SECRET_KEY: bytes.toString("base64") }).SIGHTLINE_SECRET_KEY).toEqual(bytes);
    expect(getEnv({ SIGHTLINE_SECRET_KEY: bytes.toString("hex") }).SIGHTLINE_SECRET_KEY).toEqual(bytes);
  });

  it.each([
    [{ SIGHTLINE_SECRET_KEY: Buffer.alloc(16).toString("base64") }, "SIGHTLINE_SECRET_KEY"],
    [{ SIGHTLINE_PG_PORT: "70000" }, "SIGHTLINE_PG_PORT"],
    [{ SIGHTLINE_PG_PORT: "abc" }, "SIGHTLINE_PG_PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SIGHTLINE_REQUEST_DEADLINE_MS: "50" }, "SIGHTLINE_REQUEST_DEADLINE_MS"],
    [{ SIGHTLINE_MAX_ANSWER_BYTES: "16MiB" }, "SIGHTLINE_MAX_ANSWER_BYTES"],
    [{ SIGHTLINE_PUBLIC_URL: "sightline.example.com" }, "SIGHTLINE_PUBLIC_URL"],
    [{ SIGHTLINE_RULES_RELOAD_URL: "ftp://prom/-/reload" }, "SIGHTLINE_RULES_RELOAD_URL"],
    [{ SIGHTLINE_RULER_URL: "not a url" }, "SIGHTLINE_RULER_URL"],
    [{ SIGHTLINE_RULER_NAMESPACE: "a/b" }, "SIGHTLINE_RULER_NAMESPACE"],
  ])("refuses %j naming the variable, never its value", (source, name) => {
    let err: unknown;
    try {
      getEnv(source);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    expect((err as Error).message).toContain(name);
    for (const value of Object.values(source)) expect((err as Error).message).not.toContain(value);
  });

  it("answers process.env from its last parse until one of its variables or the working directory changes", () => {
    const name = "SIGHTLINE_REQUEST_DEADLINE_MS";
    const before = process.env[name];
    try {
      process.env[name] = "1234";
      const a = getEnv();
      expect(a[name]).toBe(1234);
      expect(getEnv()).toBe(a);
      expect(Object.isFrozen(a)).toBe(true);
      process.env[name] = "4321";
      expect(getEnv()[name]).toBe(4321);
      delete process.env[name];
      expect(getEnv()[name]).toBe(20_000);
      // A variable the schema does not read changes nothing.
      const c = getEnv();
      process.env.SIGHTLINE_NOT_A_SETTING = "x";
      expect(getEnv()).toBe(c);
      delete process.env.SIGHTLINE_NOT_A_SETTING;
      process.env[name] = "not a number";
      expect(() => getEnv()).toThrow(EnvError);
    } finally {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  });
});
