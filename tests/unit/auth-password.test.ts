// Local passwords (lib/server/auth/password.ts): scrypt with a random salt, parameters in the
// stored string, wrong and tampered inputs refused without a throw.
import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/server/auth/password";

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and refuses a wrong one, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("treats canonically equal Unicode as the same password", async () => {
    const h = await hashPassword("pa\u00dfw\u00f6rd-caf\u00e9!!");
    expect(await verifyPassword("pa\u00dfw\u006f\u0308rd-caf\u0065\u0301!!", h)).toBe(true);
  });

  it("refuses tampered, foreign and absurd hashes without throwing", async () => {
    const h = await hashPassword("some long password");
    const parts = h.split("$");
    const key = Buffer.from(parts[5], "base64url");
    key[0] ^= 1;
    const flipped = [...parts.slice(0, 5), key.toString("base64url")].join("$");
    for (const bad of [flipped, h.replace("$32768$", "$16384$"), h.replace("$32768$", "$1073741824$"), h.replace("$32768$", "$1000$"), "$2b$10$abcdefghijklmnopqrstuv", "", "scrypt$x$y$z$a$b"])
      expect(await verifyPassword("some long password", bad)).toBe(false);
  });

  it("generates distinct 24-character passwords", () => {
    const ps = new Set(Array.from({ length: 50 }, generatePassword));
    expect(ps.size).toBe(50);
    for (const p of ps) expect(p).toMatch(/^[\w-]{24}$/);
  });
});
