// Reads prisma/schema.prisma into the database shape Prisma would create for PostgreSQL, and reads
// the same shape back from a live database, so tests/integration/schema-drift.test.ts can diff them
// without Prisma's schema engine (which cannot be downloaded offline).
//
// The parser covers the Prisma features this project uses and throws on anything else, so a new
// attribute makes the drift test fail loudly instead of being ignored.
import pg from "pg";

export interface Shape {
  /** enum name -> values in order */
  enums: Record<string, string[]>;
  /** "Table.column" -> "type null|not null default <d>" */
  columns: Record<string, string>;
  /** "Table" -> primary key columns */
  primaryKeys: Record<string, string>;
  /** sorted "Table(unique|index)(cols)" */
  indexes: string[];
  /** sorted "Table(cols) -> Ref(cols) on delete X" */
  foreignKeys: string[];
}

export interface ParsedField {
  model: string;
  name: string;
  type: string;
  kind: "scalar" | "enum" | "object";
  optional: boolean;
  list: boolean;
}

const SCALAR_SQL: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_SQL: Record<string, (arg?: string) => string> = {
  Text: () => "text",
  Uuid: () => "uuid",
  VarChar: (n) => (n ? `character varying(${n})` : "character varying"),
  Timestamptz: (p = "6") => `timestamp(${p}) with time zone`,
  Timestamp: (p = "6") => `timestamp(${p}) without time zone`,
  Integer: () => "integer",
  DoublePrecision: () => "double precision",
  JsonB: () => "jsonb",
};

const ACTIONS: Record<string, string> = { Cascade: "cascade", Restrict: "restrict", NoAction: "no action", SetNull: "set null", SetDefault: "set default" };

const list = (s: string) => s.split(",").map((x) => x.trim().replace(/^"|"$/g, "")).filter(Boolean);
const argOf = (attrs: string, name: string) => attrs.match(new RegExp(`@${name}\\(((?:[^()]|\\([^()]*\\))*)\\)`))?.[1];

export function parsePrismaSchema(text: string): { shape: Shape; fields: ParsedField[] } {
  const src = text.replace(/\/\/.*$/gm, "");
  // A block ends at the `}` that starts a line: a default such as @default("{}") holds braces too.
  const blocks = [...src.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const shape: Shape = { enums: {}, columns: {}, primaryKeys: {}, indexes: [], foreignKeys: [] };
  const enumNames = new Set(blocks.filter((b) => b[1] === "enum").map((b) => b[2]));
  const modelNames = new Set(blocks.filter((b) => b[1] === "model").map((b) => b[2]));
  const fields: ParsedField[] = [];

  for (const [, kind, name, body] of blocks) {
    const lines = body.split("\n").map((l) => l.trim()).filter(Boolean);
    if (kind === "enum") {
      shape.enums[name] = lines.map((l) => {
        if (!/^\w+$/.test(l)) throw new Error(`enum ${name}: unsupported line "${l}"`);
        return l;
      });
      continue;
    }
    for (const line of lines) {
      if (line.startsWith("@@")) {
        const m = line.match(/^@@(unique|index|id)\(\[([^\]]*)\]\)$/);
        if (!m) throw new Error(`model ${name}: unsupported block attribute "${line}" (extend tests/helpers/prisma-schema.ts)`);
        if (m[1] === "id") shape.primaryKeys[name] = list(m[2]).join(",");
        else shape.indexes.push(`${name}(${m[1]})(${list(m[2]).join(",")})`);
        continue;
      }
      const m = line.match(/^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/);
      if (!m) throw new Error(`model ${name}: cannot read field line "${line}"`);
      const [, field, type, mod, attrs] = m;
      const fkind = modelNames.has(type) ? "object" : enumNames.has(type) ? "enum" : "scalar";
      fields.push({ model: name, name: field, type, kind: fkind, optional: mod === "?", list: mod === "[]" });
      const unknown = attrs.replace(/@(id|unique|updatedAt)\b(?!\()/g, "").replace(/@(default|relation|db\.\w+)(\((?:[^()]|\([^()]*\))*\))?/g, "").trim();
      if (unknown) throw new Error(`${name}.${field}: unsupported attribute "${unknown}" (extend tests/helpers/prisma-schema.ts)`);
      if (fkind === "object") {
        const rel = argOf(attrs, "relation");
        if (rel && /fields:/.test(rel)) {
          const cols = list(rel.match(/fields:\s*\[([^\]]*)\]/)![1]).join(",");
          const refs = list(rel.match(/references:\s*\[([^\]]*)\]/)![1]).join(",");
          const onDelete = ACTIONS[rel.match(/onDelete:\s*(\w+)/)?.[1] ?? ""] ?? (mod === "?" ? "set null" : "restrict");
          const onUpdate = ACTIONS[rel.match(/onUpdate:\s*(\w+)/)?.[1] ?? "Cascade"];
          shape.foreignKeys.push(`${name}(${cols}) -> ${type}(${refs}) on delete ${onDelete} on update ${onUpdate}`);
        }
        continue;
      }
      if (mod === "[]") {
        // Prisma makes scalar lists nullable array columns; @default([]) is an empty array literal.
        const base = SCALAR_SQL[type];
        if (!base || fkind !== "scalar") throw new Error(`${name}.${field}: unsupported list type ${type}[]`);
        const def = argOf(attrs, "default");
        if (def !== undefined && def.trim() !== "[]") throw new Error(`${name}.${field}: unsupported list default ${def}`);
        shape.columns[`${name}.${field}`] = `${base}[] null default ${def === undefined ? "-" : `ARRAY[]::${base}[]`}`;
        continue;
      }
      const native = attrs.match(/@db\.(\w+)(?:\(([^)]*)\))?/);
      let sqlType = fkind === "enum" ? type : SCALAR_SQL[type];
      if (native) {
        const f = NATIVE_SQL[native[1]];
        if (!f) throw new Error(`${name}.${field}: unsupported native type @db.${native[1]}`);
        sqlType = f(native[2]?.trim() || undefined);
      }
      if (!sqlType) throw new Error(`${name}.${field}: unknown type ${type}`);
      const def = argOf(attrs, "default");
      const dbDefault = def === undefined ? null : normaliseSchemaDefault(def);
      shape.columns[`${name}.${field}`] = `${sqlType} ${mod === "?" ? "null" : "not null"} default ${dbDefault ?? "-"}`;
      if (/@id\b/.test(attrs)) shape.primaryKeys[name] = field;
      if (/@unique\b/.test(attrs)) shape.indexes.push(`${name}(unique)(${field})`);
    }
  }
  shape.indexes.sort();
  shape.foreignKeys.sort();
  return { shape, fields };
}

/** Prisma defaults as the database stores them; cuid()/uuid() are generated client-side (no DB default). */
function normaliseSchemaDefault(d: string): string | null {
  d = d.trim();
  if (/^(cuid|uuid|nanoid|ulid)\(.*\)$/.test(d)) return null;
  if (d === "now()") return "CURRENT_TIMESTAMP";
  if (d === "autoincrement()") return "autoincrement";
  const str = d.match(/^"((?:[^"\\]|\\.)*)"$/);
  if (str) return JSON.stringify(JSON.parse(`"${str[1]}"`));
  return d; // numbers, booleans, enum values
}

/** Database defaults with their casts removed: `'x'::text` -> "x", `'none'::"AuthKind"` -> none. */
function normaliseDbDefault(expr: string | null, enumType: boolean): string {
  if (expr === null) return "-";
  if (/^nextval\(/.test(expr)) return "autoincrement";
  const quoted = expr.match(/^'((?:[^']|'')*)'::.+$/);
  if (quoted) {
    const value = quoted[1].replace(/''/g, "'");
    return enumType ? value : JSON.stringify(value);
  }
  return expr;
}

export async function readDatabaseShape(url: string): Promise<Shape> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (text: string) => (await c.query(text)).rows;
    const shape: Shape = { enums: {}, columns: {}, primaryKeys: {}, indexes: [], foreignKeys: [] };
    for (const r of await q(`SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`))
      shape.enums[r.name] = r.labels;
    const tables = `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`;
    for (const r of await q(`SELECT c.relname AS t, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
          a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, ty.typtype = 'e' AS is_enum
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type ty ON ty.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.oid IN (${tables}) AND a.attnum > 0 AND NOT a.attisdropped`)) {
      const type = String(r.type).replace(/^"(.*)"$/, "$1");
      shape.columns[`${r.t}.${r.col}`] = `${type} ${r.notnull ? "not null" : "null"} default ${normaliseDbDefault(r.def, r.is_enum)}`;
    }
    for (const r of await q(`SELECT c.relname AS t, i.indisprimary AS pk, i.indisunique AS uniq,
          array_agg(a.attname::text ORDER BY k.ord) AS cols
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE c.oid IN (${tables}) GROUP BY c.relname, i.indexrelid, i.indisprimary, i.indisunique`)) {
      if (r.pk) shape.primaryKeys[r.t] = r.cols.join(",");
      else shape.indexes.push(`${r.t}(${r.uniq ? "unique" : "index"})(${r.cols.join(",")})`);
    }
    const action: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
    for (const r of await q(`SELECT c.relname AS t, rc.relname AS ref, con.confdeltype AS del, con.confupdtype AS upd,
          (SELECT array_agg(attname::text ORDER BY array_position(con.conkey, attnum)) FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = ANY(con.conkey)) AS cols,
          (SELECT array_agg(attname::text ORDER BY array_position(con.confkey, attnum)) FROM pg_attribute WHERE attrelid = con.confrelid AND attnum = ANY(con.confkey)) AS refcols
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class rc ON rc.oid = con.confrelid
        WHERE con.contype = 'f' AND c.oid IN (${tables})`))
      shape.foreignKeys.push(`${r.t}(${r.cols.join(",")}) -> ${r.ref}(${r.refcols.join(",")}) on delete ${action[r.del]} on update ${action[r.upd]}`);
    shape.indexes.sort();
    shape.foreignKeys.sort();
    return shape;
  } finally {
    await c.end();
  }
}

/** Human-readable differences, empty when the two agree. */
export function diffShapes(expected: Shape, actual: Shape): string[] {
  const out: string[] = [];
  const keyed = (label: string, e: Record<string, unknown>, a: Record<string, unknown>) => {
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      const ev = JSON.stringify(e[k]);
      const av = JSON.stringify(a[k]);
      if (ev !== av) out.push(`${label} ${k}: schema.prisma says ${ev ?? "nothing"}, database has ${av ?? "nothing"}`);
    }
  };
  keyed("enum", expected.enums, actual.enums);
  keyed("column", expected.columns, actual.columns);
  keyed("primary key", expected.primaryKeys, actual.primaryKeys);
  for (const [label, e, a] of [["index", expected.indexes, actual.indexes], ["foreign key", expected.foreignKeys, actual.foreignKeys]] as const) {
    for (const x of e) if (!a.includes(x)) out.push(`${label} missing in database: ${x}`);
    for (const x of a) if (!e.includes(x)) out.push(`${label} not in schema.prisma: ${x}`);
  }
  return out;
}
