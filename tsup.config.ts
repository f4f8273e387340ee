import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  // hook: the fast path for `cadre hook`, which hosts run on every tool call; sync: a plain `cadre sync` with
  // nothing to do; index-refresh: `cadre index refresh <path…>` (see bin/cadre.js).
  entry: {
    cli: "src/cli/main.ts",
    hook: "src/cli/hook-main.ts",
    sync: "src/cli/sync-main.ts",
    "index-refresh": "src/cli/index-main.ts",
    index: "src/index.ts",
  },
  format: ["esm"],
  target: "node20",
  platform: "node",
  splitting: true,
  sourcemap: true,
  clean: true,
  // Types for the library entry only (`import … from "cadre"`), bundled into dist/index.d.ts.
  dts: { entry: { index: "src/index.ts" } },
  // Dependencies stay external: they are loaded lazily by the command that needs them.
  skipNodeModulesBundle: true,
  define: { __CADRE_VERSION__: JSON.stringify(pkg.version) },
});
