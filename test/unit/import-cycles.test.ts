/** No runtime import cycle in the application: domains depend one way (billing imports no paying domain). */
import path from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("imports", () => {
  it("should have no cycle in src/, admin/ or jobs/ (type-only imports aside)", async () => {
    const graph = await madge(["src", "admin", "jobs"].map((d) => path.join(root, d)), {
      baseDir: root,
      fileExtensions: ["ts", "tsx"],
      tsConfig: path.join(root, "tsconfig.json"),
      detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
    });
    expect(graph.circular()).toEqual([]);
  }, 60_000);
});
