// The outbound guard (lib/server/net/guard.ts): which datasource URLs Sightline connects to.
// Lookups are given as tables, so the DNS part is exact and offline.
import { describe, expect, it } from "vitest";
import { alwaysBlocked, checkOutbound, parseAllowList, type Lookup } from "@/lib/server/net/guard";

const noDns: Lookup = async (host) => {
  throw Object.assign(new Error(`no DNS in unit tests (${host})`), { code: "ENOTFOUND" });
};
const dns = (table: Record<string, string[]>): Lookup => async (host) => table[host] ?? noDns(host);

describe("always refused, with or without an allow-list", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "cloud metadata"],
    ["http://169.254.1.1:9090/", "link-local"],
    ["http://0.0.0.0:9090/", "unspecified"],
    ["http://0/", "unspecified"],
    ["http://[::]:9090/", "unspecified"],
    ["http://[fe80::1]:9090/", "link-local"],
    ["http://[ff02::1]/", "multicast"],
    ["http://224.0.0.1/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
    // Encoded forms the WHATWG parser (fetch's) turns into the address they are.
    ["http://2852039166/", "cloud metadata"],
    ["http://0xa9fea9fe/", "cloud metadata"],
    ["http://0251.0376.0251.0376/", "cloud metadata"],
    ["http://0xa9.254.43518/", "cloud metadata"],
    // IPv6 wrappings of IPv4.
    ["http://[::ffff:169.254.169.254]/", "cloud metadata"],
    ["http://[::ffff:0.0.0.0]/", "unspecified"],
    ["http://[64:ff9b::a9fe:a9fe]/", "cloud metadata"],
    ["http://[::a9fe:a9fe]/", "cloud metadata"],
    ["http://[fd00:ec2::254]/", "cloud metadata"],
  ])("%s → %s", async (url, words) => {
    for (const allow of ["", "0.0.0.0/0, ::/0"]) {
      const v = await checkOutbound(url, { allow, lookup: noDns });
      expect(v).toMatchObject({ ok: false, rule: "blocked-address" });
      if (!v.ok) expect(v.message).toContain(words);
    }
  });

  it("names the decoded address: http://2852039166/ is 169.254.169.254", async () => {
    const v = await checkOutbound("http://2852039166/", { allow: "", lookup: noDns });
    expect(v).toEqual({ ok: false, rule: "blocked-address", message: "169.254.169.254 is a cloud metadata address; Sightline never connects there" });
  });

  it("a name resolving to a blocked address among good ones is refused (either may be used)", async () => {
    const lookup = dns({ "metadata.example": ["10.0.0.5", "169.254.169.254"] });
    const v = await checkOutbound("http://metadata.example:9090", { allow: "", lookup });
    expect(v).toEqual({
      ok: false,
      rule: "blocked-address",
      message: "metadata.example resolves to 169.254.169.254, which is a cloud metadata address; Sightline never connects there",
    });
  });

  it("only http and https", async () => {
    for (const url of ["file:///etc/passwd", "gopher://127.0.0.1:6379/", "ftp://prom/"])
      expect(await checkOutbound(url, { allow: "", lookup: noDns })).toMatchObject({ ok: false, rule: "scheme" });
  });
});

describe("default policy: loopback and private ranges are allowed", () => {
  it.each(["http://127.0.0.1:9090", "http://0x7f.1:9090/", "http://[::1]:9090", "http://10.1.2.3:9090", "http://192.168.0.10", "http://172.16.0.1", "http://[fd12::1]/", "http://100.64.0.1/"])(
    "%s",
    async (url) => expect(await checkOutbound(url, { allow: "", lookup: noDns })).toMatchObject({ ok: true }),
  );

  it("http://0x7f.1/ is judged as 127.0.0.1", async () => {
    expect(await checkOutbound("http://0x7f.1/", { allow: "", lookup: noDns })).toEqual({ ok: true, addresses: ["127.0.0.1"] });
  });

  it("a name is resolved; one that does not resolve says so", async () => {
    expect(await checkOutbound("http://prom.internal:9090", { allow: "", lookup: dns({ "prom.internal": ["10.0.0.7"] }) })).toEqual({ ok: true, addresses: ["10.0.0.7"] });
    expect(await checkOutbound("http://nowhere.invalid", { allow: "", lookup: noDns })).toEqual({
      ok: false,
      rule: "unresolvable",
      message: "nowhere.invalid does not resolve (ENOTFOUND)",
    });
  });
});

describe("with SIGHTLINE_DATASOURCE_ALLOW set, only what it names", () => {
  const allow = "prom.internal, *.corp.example, 10.0.0.0/8, 192.168.1.5, fd00::/8";
  const lookup = dns({ "prom.internal": ["172.20.0.9"], "a.corp.example": ["172.20.0.10"], "corp.example": ["172.20.0.11"], "other.example": ["10.9.9.9"], "evil.example": ["127.0.0.1"] });

  it.each([
    ["http://prom.internal:9090", true], // by name, whatever it resolves to (not blocked)
    ["http://a.corp.example", true],
    ["http://corp.example", false], // *.x matches below x only
    ["http://other.example", true], // by its address in 10/8
    ["http://10.200.0.1:8428", true],
    ["http://192.168.1.5", true],
    ["http://192.168.1.6", false],
    ["http://[fd00::5]/", true],
    ["http://[::ffff:10.0.0.1]/", true],
    ["http://127.0.0.1:22", false],
    ["http://evil.example", false],
  ])("%s → %s", async (url, allowed) => {
    const v = await checkOutbound(url, { allow, lookup });
    if (allowed) expect(v).toMatchObject({ ok: true });
    else expect(v).toMatchObject({ ok: false, rule: "not-allowed" });
  });

  it("the refusal names the address and the setting", async () => {
    expect(await checkOutbound("http://evil.example", { allow, lookup })).toEqual({
      ok: false,
      rule: "not-allowed",
      message: "evil.example (127.0.0.1) is not on the datasource allow-list (SIGHTLINE_DATASOURCE_ALLOW)",
    });
  });

  it("a malformed entry refuses everything and names the entry", async () => {
    expect(parseAllowList("10.0.0.0/33")).toEqual({ ok: false, message: 'SIGHTLINE_DATASOURCE_ALLOW: "10.0.0.0/33" is not a CIDR range' });
    expect(await checkOutbound("http://10.0.0.1", { allow: "10.0.0.0/8, not a host!", lookup })).toMatchObject({ ok: false, rule: "allow-list-invalid" });
  });
});

describe("alwaysBlocked", () => {
  it("leaves ordinary addresses alone", () => {
    for (const a of ["8.8.8.8", "127.0.0.1", "10.0.0.1", "2001:db8::1", "::1"]) expect(alwaysBlocked(a)).toBeNull();
  });
});
