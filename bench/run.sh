#!/usr/bin/env bash
# run.sh - make bench: every bench/*.sh but this one and eval.sh, in turn.
# Figures go to stdout; BENCH_N sets the size where a bench takes one.
set -u
cd "$(dirname "$0")/.."
status=0
for b in bench/*.sh; do
	case $(basename "$b") in run.sh | eval.sh | lib.sh) continue ;; esac
	echo "== $(basename "$b" .sh)"
	bash "$b" || { echo "   (failed: exit $?)"; status=1; }
done
exit $status
