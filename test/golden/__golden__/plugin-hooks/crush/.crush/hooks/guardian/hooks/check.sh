# (mode 0755)
#!/bin/sh
# guardian's check: reads the hook payload on stdin and answers with a system message.
. "${CLAUDE_PLUGIN_ROOT}/lib/common.sh"
payload=$(cat)
tool=$(printf '%s' "$payload" | sed -nE 's/.*"tool_name"[[:space:]]*:[[:space:]]*"([^"]*)".*/\1/p')
guardian_say "checked ${tool:-${1:-nothing}}"
