import { describe, expect, it } from "vitest";
import { describeDatasourceChange, labelDatasourceField } from "@/lib/client/datasource-revision-format";

describe("datasource history words", () => {
  it.each([
    ["name", "Prod", "Production", "Prod → Production"],
    ["tenant", "", "team-a", "— → team-a"],
    ["authSecret", "set", "changed", "new secret entered"],
    ["authSecret", "set", "not set", "set → not set"],
    ["traceAuthSecret", "not set", "set", "not set → set"],
  ])("%s: %s → %s", (field, before, after, words) => expect(describeDatasourceChange(field, before, after)).toBe(words));

  it("labels", () => {
    expect(labelDatasourceField("prometheusUrl")).toBe("Prometheus URL");
    expect(labelDatasourceField("somethingNew")).toBe("somethingNew");
  });
});
