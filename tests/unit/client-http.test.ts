// lib/client/http.ts without zod in the first load: problem+json bodies read by hand, response
// schemas loaded once on first use (and again after a failed load).
import { describe, expect, it, vi } from "vitest";
import { lazySchema, readProblem } from "@/lib/client/http";
import { z } from "@/lib/schemas/zod";

describe("readProblem", () => {
  it.each([
    ["an API problem with field errors", { type: "https://sightline.dev/problems/validation", title: "Some fields need attention", status: 422, errors: [{ path: "window.days", message: "Too big" }] }, { type: "https://sightline.dev/problems/validation", title: "Some fields need attention", detail: undefined, errors: [{ path: "window.days", message: "Too big" }] }],
    ["a JSON-pointer path", { title: "x", errors: [{ path: "/window/days", message: "m" }] }, { type: undefined, title: "x", detail: undefined, errors: [{ path: "window.days", message: "m" }] }],
    ["a zod issue path", { title: "x", errors: [{ path: ["extraMatchers", 0, "value"], message: "m" }] }, { type: undefined, title: "x", detail: undefined, errors: [{ path: "extraMatchers.0.value", message: "m" }] }],
    ["no errors at all", { title: "Not found", detail: "no SLO checkout" }, { type: undefined, title: "Not found", detail: "no SLO checkout", errors: undefined }],
  ])("reads %s", (_n, body, want) => expect(readProblem(body)).toEqual(want));

  it.each([
    ["not an object", "oops"],
    ["null", null],
    ["an array", [1]],
    ["a title that is not text", { title: 5 }],
    ["a status that is not a number", { title: "x", status: "422" }],
    ["errors not a list", { title: "x", errors: "bad" }],
    ["an error without a message", { title: "x", errors: [{ path: "a" }] }],
    ["an error path of objects", { title: "x", errors: [{ path: [{}], message: "m" }] }],
  ])("takes nothing from %s (the status words are used instead)", (_n, body) => expect(readProblem(body)).toEqual({}));
});

describe("lazySchema", () => {
  it("loads once, and again after a failed load", async () => {
    const schema = z.object({ n: z.number() });
    const load = vi.fn().mockRejectedValueOnce(new Error("chunk failed")).mockResolvedValue(schema);
    const lazy = lazySchema(load);
    await expect(lazy()).rejects.toThrow("chunk failed");
    expect((await lazy()).parse({ n: 1 })).toEqual({ n: 1 });
    await lazy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
