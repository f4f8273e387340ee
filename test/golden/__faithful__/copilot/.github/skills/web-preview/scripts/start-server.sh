#!/bin/sh
set -eu
exec python3 -m http.server "${PORT:-8080}" --directory "${1:-.}"
