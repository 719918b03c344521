// AES-256-GCM for datasource secrets: round trip, fresh IVs, and every kind of tampering refused.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/server/crypto";

const key = randomBytes(32);

function flip(token: string, part: number, byte = 0) {
  const parts = token.split(".");
  const buf = Buffer.from(parts[part], "base64url");
  buf[byte] ^= 0x01;
  parts[part] = buf.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it.each(["s3cr3t", "user:pässwörd:with:colons", "", "x".repeat(4096), "🔑 token"])("round-trips %j", (plain) => {
    const token = encryptSecret(key, plain);
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
    expect(decryptSecret(key, token)).toEqual({ ok: true, value: plain });
  });

  it("uses a fresh IV: the same secret encrypts differently each time", () => {
    const a = encryptSecret(key, "same");
    const b = encryptSecret(key, "same");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it("does not contain the plaintext", () => {
    const token = encryptSecret(key, "plaintext-token-value");
    expect(token).not.toContain("plaintext");
    expect(Buffer.from(token.split(".")[3], "base64url").toString("utf8")).not.toContain("plaintext");
  });

  it.each([
    ["ciphertext", 3],
    ["auth tag", 2],
    ["IV", 1],
  ])("detects a flipped bit in the %s", (_name, part) => {
    const token = encryptSecret(key, "bearer-token");
    expect(decryptSecret(key, flip(token, part))).toEqual({ ok: false, error: "tampered_or_wrong_key" });
  });

  it("refuses the wrong key", () => {
    expect(decryptSecret(randomBytes(32), encryptSecret(key, "x"))).toEqual({ ok: false, error: "tampered_or_wrong_key" });
  });

  it.each(["", "v1.a.b", "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA", "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AA", "plain text"])(
    "reports %j as malformed",
    (token) => {
      expect(decryptSecret(key, token)).toEqual({ ok: false, error: "malformed" });
    },
  );

  it("refuses keys that are not 32 bytes", () => {
    expect(() => encryptSecret(randomBytes(16), "x")).toThrow(/32-byte/);
  });
});
