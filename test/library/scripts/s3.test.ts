import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pythonWith, runPython } from "./python.js";

const SKILLS = join(__dirname, "..", "..", "..", "library", "skills");
const dir = mkdtempSync(join(tmpdir(), "cadre-s3-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const py = pythonWith([]);

describe("check_association_files.py", () => {
  const script = join(
    SKILLS,
    "handling-deep-links-and-universal-links",
    "scripts",
    "check_association_files.py",
  );
  const fp = Array.from({ length: 32 }, (_, i) =>
    (i * 7 + 16).toString(16).toUpperCase().padStart(2, "0"),
  ).join(":");
  const write = (name: string, data: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
    return file;
  };
  const aasa = write("aasa.json", {
    applinks: { details: [{ appIDs: ["ABCDE12345.com.example.app"], components: [{ "/": "/orders/*" }] }] },
  });
  const links = write("assetlinks.json", [
    {
      relation: ["delegate_permission/common.handle_all_urls"],
      target: { namespace: "android_app", package_name: "com.example.app", sha256_cert_fingerprints: [fp] },
    },
  ]);

  it("accepts valid files that contain the expected app, package and fingerprint", () => {
    const r = runPython(py, [
      script,
      "--aasa",
      aasa,
      "--app-id",
      "ABCDE12345.com.example.app",
      "--assetlinks",
      links,
      "--package",
      "com.example.app",
      "--fingerprint",
      fp.toLowerCase(),
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("ok: association files look valid");
  });

  it("reports a wrong app id, a missing key and a malformed fingerprint", () => {
    const badAasa = write("bad-aasa.json", { applinks: { details: [{ appIDs: ["com.example.app"] }] } });
    const badLinks = write("bad-links.json", [
      {
        relation: ["x"],
        target: { namespace: "android_app", package_name: "com.other", sha256_cert_fingerprints: ["ab:cd"] },
      },
    ]);
    const r = runPython(py, [
      script,
      "--aasa",
      badAasa,
      "--app-id",
      "ABCDE12345.com.example.app",
      "--assetlinks",
      badLinks,
      "--package",
      "com.example.app",
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("is not TEAMID.bundle.id");
    expect(r.stdout).toContain("has neither components nor paths");
    expect(r.stdout).toContain("expected app id ABCDE12345.com.example.app is not listed");
    expect(r.stdout).toContain("relation lacks");
    expect(r.stdout).toContain("'ab:cd' is not an upper-case colon-separated SHA-256 fingerprint");
    expect(r.stdout).toContain("expected package com.example.app is not listed");
  });

  it("flags invalid JSON and exits 2 without arguments or on a missing file", () => {
    const r = runPython(py, [script, "--aasa", write("broken.json", "{ not json")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("not valid JSON");
    expect(runPython(py, [script]).status).toBe(2);
    const missing = runPython(py, [script, "--assetlinks", join(dir, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });
});

describe("type_scale.py", () => {
  const script = join(SKILLS, "choosing-a-type-scale-and-fonts", "scripts", "type_scale.py");

  it("prints a static scale in rem with pixel comments", () => {
    const r = runPython(py, [script, "--base", "16", "--ratio", "1.25", "--down", "1", "--up", "3"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--step--1: 0.8rem; /* 12.8px */");
    expect(r.stdout).toContain("--step-0: 1rem; /* 16.0px */");
    expect(r.stdout).toContain("--step-2: 1.5625rem; /* 25.0px */");
    expect(r.stdout.trim().split("\n")).toHaveLength(7);
  });

  it("makes the larger steps fluid between two ratios with a rem term", () => {
    const r = runPython(py, [script, "--ratio", "minor-third", "--max-ratio", "perfect-fourth", "--up", "3"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--step-1: 1.2rem;");
    expect(r.stdout).toMatch(/--step-2: clamp\(1\.44rem, [\d.]+rem \+ [\d.]+vw, 1\.7769rem\)/);
  });

  it("rejects a ratio below 1 and a max ratio smaller than the ratio", () => {
    const low = runPython(py, [script, "--ratio", "0.9"]);
    expect(low.status).toBe(2);
    expect(low.stderr).toContain("must be greater than 1");
    const inverted = runPython(py, [script, "--ratio", "1.333", "--max-ratio", "1.2"]);
    expect(inverted.status).toBe(2);
    expect(inverted.stderr).toContain("--max-ratio must be at least --ratio");
  });
});
