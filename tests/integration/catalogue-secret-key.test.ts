// Without SIGHTLINE_SECRET_KEY the key is generated once into <data dir>/secret.key and reused by
// every later process; with it set, the file is never touched.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  await mkdir(path.resolve("tests/.tmp"), { recursive: true });
  dataDir = await mkdtemp(path.resolve("tests/.tmp/key-"));
});
afterAll(async () => {
  process.env = saved;
  await rm(dataDir, { recursive: true, force: true });
});

const freshModule = async () => {
  vi.resetModules();
  return import("@/lib/server/crypto");
};

describe("getSecretKey", () => {
  it("generates one key file (0600) and reuses it across processes", async () => {
    delete process.env.SIGHTLINE_SECRET_KEY;
    process.env.SIGHTLINE_DATA_DIR = dataDir;
    const a = await freshModule();
    const [k1, k2] = await Promise.all([a.getSecretKey(), a.getSecretKey()]);
    expect(k1).toHaveLength(32);
    expect(k2).toEqual(k1);
    const file = path.join(dataDir, "secret.key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toEqual(k1);

    const b = await freshModule();
    const token = a.encryptSecret(k1, "kept across restarts");
    expect(b.decryptSecret(await b.getSecretKey(), token)).toEqual({ ok: true, value: "kept across restarts" });
  });

  it("prefers SIGHTLINE_SECRET_KEY over the file", async () => {
    const envKey = randomBytes(32);
    process.env.SIGHTLINE_SECRET_KEY = envKey.toString("base64");
    process.env.SIGHTLINE_DATA_DIR = path.join(dataDir, "unused");
    const m = await freshModule();
    expect(await m.getSecretKey()).toEqual(envKey);
    await expect(stat(path.join(dataDir, "unused"))).rejects.toThrow();
  });
});
