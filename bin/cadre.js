#!/usr/bin/env node
// `cadre hook …` runs on every tool call of an agent, and a plain `cadre sync` with nothing to do answers from
// a fingerprint: both skip the full CLI when their arguments are plain.
const [cmd, ...rest] = process.argv.slice(2);
const fast =
  cmd === "hook"
    ? (await import("../dist/hook.js")).hookMain(rest)
    : cmd === "sync"
      ? (await import("../dist/sync.js")).syncMain(rest)
      : false;
if (!(await fast)) {
  const { main } = await import("../dist/cli.js");
  await main();
}
