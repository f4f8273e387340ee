#!/usr/bin/env node
// A model backend that refuses every request at once (HTTP 400, OpenAI's error shape), so that a host CLI that
// needs a provider to start a session (Copilot's BYOK) loads its agents and runs its session hooks, then stops
// on a non-retryable error instead of retrying a dead port. Prints its port; run.mjs starts and stops it.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { message: "cadre test:hosts has no model", type: "invalid_request_error", code: "offline" },
      }),
    );
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
