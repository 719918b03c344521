// OpenSLO files: several YAML documents separated by `---`. Pure (the `yaml` package, no I/O).
import { isScalar, parseAllDocuments, stringify } from "yaml";

export type ParsedDocument = { value: unknown } | { error: string };

/** Each document of a file, or its YAML error in words (line and column). Empty documents are skipped. */
export function parseOpenSloYaml(text: string): ParsedDocument[] {
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  // parseAllDocuments returns an EmptyStream (no documents) for an empty or comment-only file.
  const list = Array.isArray(docs) ? docs : [];
  return list
    // A comment-only document between `---` holds an empty scalar.
    .filter((d) => d.errors.length > 0 || !(d.contents === null || (isScalar(d.contents) && d.contents.value === null)))
    .map((d) => (d.errors.length ? { error: d.errors.map((e) => e.message.split("\n")[0]).join("; ") } : { value: d.toJS({ maxAliasCount: 100 }) }));
}

/** Documents as one multi-document YAML file. Long strings stay on one line (queries are easier to diff). */
export function stringifyOpenSloYaml(documents: readonly unknown[]): string {
  return documents.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
}
