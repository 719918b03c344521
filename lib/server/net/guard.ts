// The outbound guard: decides whether Sightline may connect to a datasource URL, so the server
// cannot be pointed at addresses nobody meant it to reach (the probe in issue 20 read the cloud
// metadata address and scanned localhost ports through a datasource URL).
//
// Policy (docs/security.md):
// - only http: and https:;
// - never, whatever the allow-list says: unspecified (0.0.0.0/8, ::), link-local (169.254.0.0/16
//   with the cloud metadata address 169.254.169.254, fe80::/10), multicast, broadcast, the other
//   metadata addresses (fd00:ec2::254, 100.100.100.200), and IPv6 forms embedding one of those
//   (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible, NAT64 64:ff9b::/96);
// - loopback and private ranges are allowed by default: the demo and tests run Prometheus on
//   127.0.0.1 and most real Prometheus servers live on private addresses, so refusing them would
//   make the product unusable without configuration. Operators who want more set
//   SIGHTLINE_DATASOURCE_ALLOW (hosts and CIDRs): then only what it names is reached.
//
// The host is resolved (every address, node:dns lookup) and every address must pass: a name with
// one good and one bad address is refused, since the connection may use either.
//
// DNS rebinding caveat: node's fetch resolves the name again when it connects, so a name whose
// answer changes between the check and the connection (TTL 0) is not pinned. Pinning needs a
// dispatcher with a checking `lookup` (undici's Agent({ connect: { lookup } })), and undici is not
// a dependency; the bundled one is not importable. Literal IPs (the probe's cases) are exact.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

export type GuardRule = "scheme" | "blocked-address" | "not-allowed" | "allow-list-invalid" | "unresolvable";
export type GuardVerdict = { ok: true; addresses: string[] } | { ok: false; rule: GuardRule; message: string };

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Lookup = (host: string) => Promise<string[]>;

const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64), or itself. */
function unwrap(a: Address): Address {
  if (a.kind() === "ipv4") return a;
  const v6 = a as ipaddr.IPv6;
  const range = v6.range();
  const bytes = v6.toByteArray();
  const compatible = bytes.slice(0, 12).every((b) => b === 0) && range !== "unspecified" && range !== "loopback";
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052" || compatible)
    return ipaddr.IPv4.parse(bytes.slice(12).join("."));
  return a;
}

/** Why no datasource may ever use this address ("169.254.169.254 is ..."); null when it may. */
export function alwaysBlocked(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(address);
  const a = unwrap(parsed);
  const shown = parsed === a ? a.toString() : `${parsed.toString()} (that is ${a.toString()})`;
  const what = blockedClass(a);
  return what ? `${shown} is ${what}` : null;
}

function blockedClass(a: Address): string | null {
  if (METADATA.has(a.toString())) return "a cloud metadata address";
  switch (a.range()) {
    case "unspecified":
      return "an unspecified address (0.0.0.0/8, ::)";
    case "linkLocal":
      return "link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live)";
    case "multicast":
      return "a multicast address";
    case "broadcast":
      return "the broadcast address";
    default:
      return null;
  }
}

type AllowEntry = { kind: "host"; name: string; suffix: boolean } | { kind: "cidr"; range: [Address, number]; text: string };
export type AllowList = { ok: true; entries: AllowEntry[] } | { ok: false; message: string };

const HOST = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** SIGHTLINE_DATASOURCE_ALLOW: "prom.internal, *.corp.example, 10.0.0.0/8, 192.168.1.5, fd00::/8". */
export function parseAllowList(raw: string): AllowList {
  const entries: AllowEntry[] = [];
  for (const item of raw.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const bare = item.replace(/^\[(.*)\]$/, "$1");
    if (bare.includes("/")) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(bare);
        entries.push({ kind: "cidr", range: [unwrap(addr), addr === unwrap(addr) ? bits : bits - 96], text: item });
      } catch {
        return { ok: false, message: `SIGHTLINE_DATASOURCE_ALLOW: "${item}" is not a CIDR range` };
      }
    } else if (ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare))) {
      const a = unwrap(ipaddr.parse(bare));
      entries.push({ kind: "cidr", range: [a, a.kind() === "ipv4" ? 32 : 128], text: item });
    } else if (HOST.test(item)) {
      entries.push({ kind: "host", name: item.replace(/^\*\./, ""), suffix: item.startsWith("*.") });
    } else {
      return { ok: false, message: `SIGHTLINE_DATASOURCE_ALLOW: "${item}" is neither a host name nor an IP address or CIDR range` };
    }
  }
  return { ok: true, entries };
}

const hostAllowed = (entries: AllowEntry[], host: string) =>
  entries.some((e) => e.kind === "host" && (e.suffix ? host.endsWith(`.${e.name}`) : host === e.name));

function addressAllowed(entries: AllowEntry[], address: string): boolean {
  const a = unwrap(ipaddr.parse(address));
  return entries.some((e) => e.kind === "cidr" && e.range[0].kind() === a.kind() && a.match(e.range));
}

/** A resolver that does not answer within this is treated as "does not resolve". */
const LOOKUP_TIMEOUT_MS = 3_000;

const systemLookup: Lookup = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("DNS lookup timed out"), { code: "ETIMEOUT" })), LOOKUP_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([dnsLookup(host, { all: true, verbatim: true }), timeout])).map((r) => r.address);
  } finally {
    clearTimeout(timer);
  }
};

export interface GuardOptions {
  /** Default: node:dns lookup of every address. */
  lookup?: Lookup;
  /** Default: SIGHTLINE_DATASOURCE_ALLOW from lib/env.ts; "" or undefined = no allow-list. */
  allow?: string;
}

/**
 * Whether Sightline may connect to `url`. The URL is parsed the WHATWG way, which is how fetch
 * reads it: http://2852039166/, http://0xa9.254.169.254/ and http://0x7f.1/ are judged as the
 * dotted addresses they become (169.254.169.254, 127.0.0.1).
 */
export async function checkOutbound(url: string, opts: GuardOptions = {}): Promise<GuardVerdict> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, rule: "scheme", message: "the URL does not parse" };
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return { ok: false, rule: "scheme", message: `only http and https URLs are allowed, not ${u.protocol.replace(/:$/, "")}` };
  const rawAllow = opts.allow ?? getEnv().SIGHTLINE_DATASOURCE_ALLOW ?? "";
  const allow = rawAllow.trim() === "" ? null : parseAllowList(rawAllow);
  if (allow && !allow.ok) return { ok: false, rule: "allow-list-invalid", message: allow.message };

  const host = u.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const literal = ipaddr.isValid(host) && (host.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(host));
  let addresses: string[];
  if (literal) addresses = [host];
  else {
    try {
      addresses = await (opts.lookup ?? systemLookup)(host);
    } catch (e) {
      const code = (e as { code?: string }).code ?? "lookup failed";
      return { ok: false, rule: "unresolvable", message: `${host} does not resolve (${code})` };
    }
    if (addresses.length === 0) return { ok: false, rule: "unresolvable", message: `${host} does not resolve` };
  }
  const named = (why: string) => (literal ? why : `${host} resolves to ${why.replace(" is ", ", which is ")}`);
  for (const address of addresses) {
    const blocked = alwaysBlocked(address);
    if (blocked) return { ok: false, rule: "blocked-address", message: `${named(blocked)}; Sightline never connects there` };
  }
  if (allow?.ok && !hostAllowed(allow.entries, host)) {
    const outside = addresses.find((a) => !addressAllowed(allow.entries, a));
    if (outside !== undefined)
      return {
        ok: false,
        rule: "not-allowed",
        message: `${literal ? host : `${host} (${outside})`} is not on the datasource allow-list (SIGHTLINE_DATASOURCE_ALLOW)`,
      };
  }
  return { ok: true, addresses };
}

/**
 * The check made right before each outbound request: null to go ahead, or why not. A name that
 * does not resolve goes ahead when no allow-list is set (the connection then fails with the
 * resolver's own error, which says more); with an allow-list it is refused unless named on it.
 */
export async function outboundRefusal(url: string, opts: GuardOptions = {}): Promise<string | null> {
  const v = await checkOutbound(url, opts);
  if (v.ok) return null;
  if (v.rule === "unresolvable") {
    const raw = opts.allow ?? getEnv().SIGHTLINE_DATASOURCE_ALLOW ?? "";
    const list = raw.trim() === "" ? null : parseAllowList(raw);
    const host = new URL(url).hostname.toLowerCase();
    if (!list || (list.ok && hostAllowed(list.entries, host))) return null;
    return `${v.message}, and it is not named on the datasource allow-list (SIGHTLINE_DATASOURCE_ALLOW)`;
  }
  return v.message;
}
