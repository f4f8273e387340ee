#!/usr/bin/env node
// `cadre hook …` runs on every tool call of an agent: skip the full CLI when its arguments are plain.
if (
  process.argv[2] !== "hook" ||
  !(await (await import("../dist/hook.js")).hookMain(process.argv.slice(3)))
) {
  const { main } = await import("../dist/cli.js");
  await main();
}
