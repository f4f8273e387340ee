#!/usr/bin/env node
// `cadre hook …` runs on every tool call of an agent, a plain `cadre sync` with nothing to do answers from
// a fingerprint, and `cadre index refresh <path…>` runs once per saved file: each skips the full CLI when its
// arguments are plain.
const [cmd, ...rest] = process.argv.slice(2);
const fast =
  cmd === "hook"
    ? (await import("../dist/hook.js")).hookMain(rest)
    : cmd === "sync"
      ? (await import("../dist/sync.js")).syncMain(rest)
      : cmd === "index"
        ? (await import("../dist/index-refresh.js")).indexMain(rest)
        : false;
if (!(await fast)) {
  const { main } = await import("../dist/cli.js");
  await main();
}
