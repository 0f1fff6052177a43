import { describe, expect, it } from "vitest";
import { compareVersions, decideUpdate, isVersion, versionSchema } from "../../src/domains/backoffice/app-version.queries.js";

describe("compareVersions", () => {
  it("should compare part by part as numbers, not as strings", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBe(1);
    expect(compareVersions("1.9.9", "1.10.0")).toBe(-1);
    expect(compareVersions("2.0.0", "10.0.0")).toBe(-1);
  });

  it("should treat missing parts as zero", () => {
    expect(compareVersions("1.2", "1.2.0")).toBe(0);
    expect(compareVersions("1", "1.0.0.0")).toBe(0);
    expect(compareVersions("1.2", "1.2.1")).toBe(-1);
    expect(compareVersions("1.2.0.1", "1.2")).toBe(1);
  });

  it("should treat leading zeros as the same number", () => {
    expect(compareVersions("1.02.3", "1.2.3")).toBe(0);
  });

  it("should throw on something that is not a dotted numeric version", () => {
    expect(() => compareVersions("1.2.x", "1.2.3")).toThrow(RangeError);
    expect(() => compareVersions("1.2.3", "v1.2.3")).toThrow(/v1\.2\.3/);
  });
});

describe("isVersion and versionSchema", () => {
  it("should accept one to four numeric parts and refuse anything else", () => {
    for (const v of ["1", "1.2", "1.2.3", "1.2.3.4", "0.0.1"]) expect(isVersion(v)).toBe(true);
    for (const v of ["", "1.", ".1", "1..2", "1.2.3.4.5", "1.2.3-beta", "v1", "1.2 ", "a.b.c"]) expect(isVersion(v)).toBe(false);
  });

  it("should trim before checking", () => {
    expect(versionSchema.parse(" 1.2.3 ")).toBe("1.2.3");
    expect(versionSchema.safeParse("1.2.x").success).toBe(false);
  });
});

describe("decideUpdate", () => {
  const latest = { version: "2.3.0", minSupportedVersion: "2.0.0", isForcedUpdate: false };

  it("should force the update below the minimum supported version", () => {
    expect(decideUpdate(latest, "1.9.9")).toEqual({ forceUpdate: true, updateAvailable: true });
  });

  it("should offer but not force the update between the minimum and the latest", () => {
    expect(decideUpdate(latest, "2.0.0")).toEqual({ forceUpdate: false, updateAvailable: true });
    expect(decideUpdate(latest, "2.2.9")).toEqual({ forceUpdate: false, updateAvailable: true });
  });

  it("should do neither at or above the latest", () => {
    expect(decideUpdate(latest, "2.3")).toEqual({ forceUpdate: false, updateAvailable: false });
    expect(decideUpdate(latest, "2.10.0")).toEqual({ forceUpdate: false, updateAvailable: false });
  });

  it("should force every version below a release marked as a forced update", () => {
    const forced = { ...latest, isForcedUpdate: true };
    expect(decideUpdate(forced, "2.2.9")).toEqual({ forceUpdate: true, updateAvailable: true });
    expect(decideUpdate(forced, "2.3.0")).toEqual({ forceUpdate: false, updateAvailable: false });
  });

  it("should decide nothing without a current version", () => {
    expect(decideUpdate({ ...latest, isForcedUpdate: true }, undefined)).toEqual({ forceUpdate: false, updateAvailable: false });
  });

  it("should never force an update because a stored version is malformed", () => {
    expect(decideUpdate({ version: "2.3.0-beta", minSupportedVersion: "latest", isForcedUpdate: true }, "1.0.0")).toEqual({ forceUpdate: false, updateAvailable: false });
  });
});
