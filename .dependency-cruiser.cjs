// Layer rules for cadre (see docs/ARCHITECTURE.md). Imports point down the list only.
// Each entry is one rank; folders in the same rank may not import each other unless listed in `peers`.
const ranks = [
  ["core"],
  ["model"],
  ["hosts", "search"],
  ["compose"],
  ["lint", "render", "plan", "hooks", "pipeline"],
  ["sources", "apply", "index", "runs"],
  ["app"],
  ["mcp", "hooks-runtime"],
  ["cli"],
];
const pure = ["core", "model", "hosts", "search", "lint", "render", "plan", "compose", "hooks", "pipeline"];
const rankOf = new Map(ranks.flatMap((r, i) => r.map((f) => [f, i])));

const forbidden = [
  {
    name: "no-circular",
    severity: "error",
    comment: "No import cycles, type-only imports included.",
    from: {},
    to: { circular: true },
  },
  {
    name: "pure-no-io",
    severity: "error",
    comment: "Pure layers take the file system, environment and clock as parameters.",
    from: { path: `^src/(${pure.join("|")})/` },
    to: { path: "^(node:)?(fs|fs/promises|child_process|net|http|https|os|worker_threads)$", dependencyTypes: ["core"] },
  },
];
for (const [folder, rank] of rankOf) {
  const above = [...rankOf].filter(([, r]) => r > rank).map(([f]) => f);
  const sideways = [...rankOf].filter(([f, r]) => r === rank && f !== folder).map(([f]) => f);
  const banned = [...above, ...sideways];
  if (banned.length === 0) continue;
  forbidden.push({
    name: `layer-${folder}`,
    severity: "error",
    comment: `${folder}/ may only import layers below it.`,
    from: { path: `^src/${folder}/` },
    to: { path: `^src/(${banned.join("|")})/` },
  });
}

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.ts$" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
