#!/usr/bin/env bash
# Measures what the notebook's live training view costs a fit (org.mtl4j.bench.LiveViewBenchmark):
# the quickstart model fitted quietly and with the view, for fits of about 2 s and about 30 s.
# Prints a Markdown table.
# Usage: experiments/bench/live-view.sh [reps for 2 s fits, default 7] [reps for 30 s fits, default 3]
set -euo pipefail
exec "$(dirname "$0")/../run.sh" org.mtl4j.bench.LiveViewBenchmark "$@"
