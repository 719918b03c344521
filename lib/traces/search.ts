// Search and filter over a trace's spans. Pure, no I/O.
//
// The query is whitespace-separated terms, all of which must hold (AND):
//   service:checkout   the span's service, exactly (case-insensitive)
//   name:GET           the span name contains the text
//   key=value          a span or resource attribute `key` whose value reads exactly `value`
//   key=               the attribute exists
//   anything else      free text: found in the name, service, or any attribute key or value
// Double quotes keep spaces inside one term: name:"POST /checkout", http.route="/a b".
// The result: the matching span keys, and the rows to show (matches plus their ancestors, so a
// hit is never shown without the path that leads to it).
import type { TraceSpan } from "@/lib/schemas/trace";
import { attributeText } from "./display";
import { ancestors, type TraceTree } from "./tree";

export type SearchTerm =
  | { kind: "service"; value: string }
  | { kind: "name"; value: string }
  | { kind: "attribute"; key: string; value: string | null }
  | { kind: "text"; value: string };

export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of query.matchAll(/(?:[^\s"]+|"[^"]*")+/g)) {
    const raw = m[0].replaceAll('"', "");
    if (!raw) continue;
    const field = /^(service|name):(.*)$/i.exec(raw);
    const kv = /^([^=]+)=(.*)$/.exec(raw);
    if (field && field[2]) terms.push({ kind: field[1].toLowerCase() as "service" | "name", value: field[2].toLowerCase() });
    else if (kv) terms.push({ kind: "attribute", key: kv[1], value: kv[2] === "" ? null : kv[2] });
    else terms.push({ kind: "text", value: raw.toLowerCase() });
  }
  return terms;
}

function termHolds(span: TraceSpan, t: SearchTerm): boolean {
  switch (t.kind) {
    case "service":
      return span.service.toLowerCase() === t.value;
    case "name":
      return span.name.toLowerCase().includes(t.value);
    case "attribute": {
      const hit = [...span.attributes, ...span.resource].filter((a) => a.key === t.key);
      return t.value === null ? hit.length > 0 : hit.some((a) => attributeText(a.value) === t.value);
    }
    case "text":
      return (
        span.name.toLowerCase().includes(t.value) ||
        span.service.toLowerCase().includes(t.value) ||
        [...span.attributes, ...span.resource].some((a) => a.key.toLowerCase().includes(t.value) || attributeText(a.value).toLowerCase().includes(t.value))
      );
  }
}

export interface SearchResult {
  /** Span keys that satisfy every term, in no particular order. */
  matches: Set<string>;
  /** Matches and all their ancestors (placeholders included): the rows a filtered view shows. */
  visible: Set<string>;
}

/** Null when the query has no terms (no filter). */
export function searchTrace(tree: TraceTree, query: string): SearchResult | null {
  const terms = parseSearch(query);
  if (!terms.length) return null;
  const matches = new Set<string>();
  for (const node of tree.nodes.values()) if (node.kind === "span" && terms.every((t) => termHolds(node.span, t))) matches.add(node.key);
  const visible = new Set<string>();
  for (const k of matches) {
    if (visible.has(k)) continue;
    visible.add(k);
    for (const a of ancestors(tree, k)) {
      if (visible.has(a)) break;
      visible.add(a);
    }
  }
  return { matches, visible };
}
