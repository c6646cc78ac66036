#!/usr/bin/env bash
# tiny-agent: about the least a program must do to be a peers-team session, for benchmarks that need many sessions
# (a bash process is ~4 MB, a JVM sim ~50 MB). It speaks stream-json on stdin/stdout: answers every control request
# (initialize, interrupt) with success; runs one "turn" per user message (command_lifecycle started, system/init,
# result; "queued" at once for a message that arrives while a turn runs) and, on "[from human] relay", calls the
# team tool send_message to the role given as $1 and waits for the tool result before ending the turn, as the real
# CLI does. Every other argument (the claude flags the coordinator passes) is ignored.
peer="${1:-}"
role="${PEERS_TEAM_ROLE:-tiny}"
sid="tiny-$role-$$"
n=0
queue=()

get() { # $1 = a JSON line, $2 = a key: REPLY = the first string value of "key":"..."
  local rest=${1#*\"$2\":\"}
  if [[ $rest == "$1" ]]; then REPLY=""; else REPLY=${rest%%\"*}; fi
}

out() { printf '%s\n' "$1"; }

control() { # a control request from the host: answer it
  get "$1" request_id
  out '{"type":"control_response","response":{"subtype":"success","request_id":"'"$REPLY"'","response":{}}}'
}

waitfor() { # reads until the host answers our request $1; user messages meanwhile are queued
  local line
  while IFS= read -r line; do
    case $line in
      *'"type":"control_response"'*"\"request_id\":\"$1\""*) return 0 ;;
      *'"type":"user"'*)
        get "$line" uuid
        out '{"type":"command_lifecycle","command_uuid":"'"$REPLY"'","state":"queued","session_id":"'"$sid"'"}'
        queue+=("$line") ;;
      *'"type":"control_request"'*) control "$line" ;;
    esac
  done
  exit 0
}

turn() { # $1 = a user message line
  get "$1" uuid
  out '{"type":"command_lifecycle","command_uuid":"'"$REPLY"'","state":"started","session_id":"'"$sid"'"}'
  out '{"type":"system","subtype":"init","session_id":"'"$sid"'","tools":[],"mcp_servers":[{"name":"peers","status":"connected"}]}'
  if [[ -n $peer && $1 == *'[from human] relay'* ]]; then
    n=$((n + 1))
    local rid="tiny_${role}_$n"
    out '{"type":"control_request","request_id":"'"$rid"'","request":{"subtype":"mcp_message","server_name":"peers","message":{"method":"tools/call","params":{"name":"send_message","arguments":{"to":"'"$peer"'","text":"hello from '"$role"'"}},"jsonrpc":"2.0","id":'"$n"'}}}'
    waitfor "$rid"
  fi
  out '{"type":"result","subtype":"success","is_error":false,"session_id":"'"$sid"'","total_cost_usd":0,"num_turns":1,"queued_turn_count":'"${#queue[@]}"',"result":"ok"}'
}

while IFS= read -r line; do
  case $line in
    *'"type":"user"'*) turn "$line" ;;
    *'"type":"control_request"'*) control "$line" ;;
  esac
  while ((${#queue[@]})); do
    next=${queue[0]}
    queue=("${queue[@]:1}")
    turn "$next"
  done
done
