#!/usr/bin/env python3
"""Talk to a stdio MCP server: initialize, list its tools, optionally call one, and check the contract.

Needs: only the Python 3 standard library. The server is any command that speaks MCP over stdio
(newline-delimited JSON-RPC 2.0 on stdin/stdout, logs on stderr).

Usage:
  mcp_probe.py [--call TOOL] [--args JSON] [--timeout SECONDS] [--protocol VERSION] -- COMMAND [ARG...]

Examples:
  mcp_probe.py -- node dist/server.js
  mcp_probe.py --call add --args '{"a": 2, "b": 3}' -- python3 server.py

Prints JSON: {"server": serverInfo, "protocolVersion", "capabilities", "tools": [...], "problems": [...],
"call": result}. Exit codes: 0 ok; 1 contract problems found (tool without description, inputSchema
not an object schema, duplicate names, a call that returned isError or a JSON-RPC error); 2 usage
error, the server exited, wrote non-JSON to stdout, or did not answer within the timeout.
"""
import json
import queue
import subprocess
import sys
import threading

DEFAULT_PROTOCOL = "2025-06-18"


def fail(msg, stderr_tail=""):
    print(f"mcp_probe: {msg}", file=sys.stderr)
    if stderr_tail:
        print("--- server stderr ---\n" + stderr_tail, file=sys.stderr)
    sys.exit(2)


class Session:
    def __init__(self, cmd, timeout):
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, bufsize=1)
        except OSError as e:
            fail(f"cannot start {cmd[0]}: {e}")
        self.timeout = timeout
        self.lines = queue.Queue()
        self.err = []
        self.next_id = 1
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    @staticmethod
    def _pump(stream, q):
        for line in stream:
            q.put(line)
        q.put(None)

    def _drain(self):
        for line in self.proc.stderr:
            self.err.append(line)

    def stderr_tail(self):
        return "".join(self.err[-20:])

    def send(self, msg):
        try:
            self.proc.stdin.write(json.dumps(msg) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            fail("the server closed its stdin (it exited)", self.stderr_tail())

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, **({"params": params} if params is not None else {})})

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params or {}})
        while True:
            try:
                line = self.lines.get(timeout=self.timeout)
            except queue.Empty:
                fail(f"no answer to {method} within {self.timeout}s", self.stderr_tail())
            if line is None:
                fail(f"the server exited before answering {method} (code {self.proc.poll()})", self.stderr_tail())
            line = line.strip()
            if not line:
                continue
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                fail(f"non-JSON on stdout (logs must go to stderr): {line[:200]!r}", self.stderr_tail())
            if msg.get("id") == rid and ("result" in msg or "error" in msg):
                return msg
            if "method" in msg and "id" in msg:
                # a server-to-client request (sampling, roots, elicitation): we support none of them
                self.send({"jsonrpc": "2.0", "id": msg["id"], "error": {"code": -32601, "message": "not supported by mcp_probe"}})
            # notifications (logging, progress, list_changed) are ignored

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


def check_tools(tools):
    problems, seen = [], set()
    for t in tools:
        name = t.get("name")
        if not name:
            problems.append("a tool has no name")
            continue
        if name in seen:
            problems.append(f"{name}: duplicate tool name")
        seen.add(name)
        if not (t.get("description") or "").strip():
            problems.append(f"{name}: no description (the model chooses tools by it)")
        schema = t.get("inputSchema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            problems.append(f"{name}: inputSchema must be a JSON Schema with type 'object'")
        else:
            props = schema.get("properties", {})
            for req in schema.get("required", []):
                if req not in props:
                    problems.append(f"{name}: required '{req}' is not in properties")
    return problems


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        fail("usage: mcp_probe.py [--call TOOL] [--args JSON] [--timeout S] -- COMMAND [ARG...]")
    k = argv.index("--")
    opts, cmd = argv[:k], argv[k + 1:]
    if not cmd:
        fail("no server command after --")
    call, args, timeout, protocol = None, {}, 15.0, DEFAULT_PROTOCOL
    i = 0
    while i < len(opts):
        flag = opts[i]
        if flag not in ("--call", "--args", "--timeout", "--protocol") or i + 1 >= len(opts):
            fail(f"unknown or incomplete option {flag}")
        value = opts[i + 1]
        if flag == "--call":
            call = value
        elif flag == "--args":
            try:
                args = json.loads(value)
            except json.JSONDecodeError as e:
                fail(f"--args is not JSON: {e}")
            if not isinstance(args, dict):
                fail("--args must be a JSON object")
        elif flag == "--timeout":
            try:
                timeout = float(value)
            except ValueError:
                fail(f"--timeout is not a number: {value!r}")
        else:
            protocol = value
        i += 2

    s = Session(cmd, timeout)
    init = s.request("initialize", {"protocolVersion": protocol, "capabilities": {},
                                    "clientInfo": {"name": "mcp_probe", "version": "1.0.0"}})
    if "error" in init:
        fail(f"initialize failed: {init['error']}", s.stderr_tail())
    result = init["result"]
    s.notify("notifications/initialized")
    report = {"server": result.get("serverInfo"), "protocolVersion": result.get("protocolVersion"),
              "capabilities": result.get("capabilities", {}), "tools": [], "problems": []}

    if "tools" in report["capabilities"]:
        cursor = None
        while True:
            page = s.request("tools/list", {"cursor": cursor} if cursor else {})
            if "error" in page:
                report["problems"].append(f"tools/list failed: {page['error']}")
                break
            report["tools"].extend(page["result"].get("tools", []))
            cursor = page["result"].get("nextCursor")
            if not cursor:
                break
        report["problems"].extend(check_tools(report["tools"]))
    elif call:
        fail("the server does not declare the tools capability", s.stderr_tail())

    if call:
        if call not in {t.get("name") for t in report["tools"]}:
            report["problems"].append(f"{call}: not in tools/list")
        answer = s.request("tools/call", {"name": call, "arguments": args})
        if "error" in answer:
            report["call"] = {"error": answer["error"]}
            report["problems"].append(f"{call}: JSON-RPC error {answer['error'].get('code')}")
        else:
            report["call"] = answer["result"]
            if answer["result"].get("isError"):
                report["problems"].append(f"{call}: returned isError")
    s.close()
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.exit(1 if report["problems"] else 0)


if __name__ == "__main__":
    main()
