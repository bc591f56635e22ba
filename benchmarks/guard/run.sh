#!/usr/bin/env bash
# Benchmark: migration-guard against Alembic's own `alembic heads` on generated histories.
#
# For each size it generates an Alembic history with generate_history.py (one head, one base,
# chains, merges, branch labels, depends_on), checks that both tools see the same single head,
# then times side by side, in one hyperfine run (or a `date +%s%N` loop when hyperfine is
# missing), taking the median of the runs after one warm-up:
#   alembic         /usr/bin/python3 -m alembic -c DIR/alembic.ini heads    (Debian's alembic)
#   guard, cached   migration-guard check --versions DIR/versions --format json > /dev/null
#   guard, cold     the same with --no-cache: every file read, lexed and parsed
#   one file        migration-guard check DIR/versions/<newest revision>.py (graph from its
#                   directory), with the cache and with --no-cache
# and records the guard's peak RSS (/usr/bin/time -f %M). Exit 0 or 1 (findings) both count
# as a successful guard run. Alembic runs with its bytecode cache warm (PYTHONDONTWRITEBYTECODE
# unset; the warm-up writes versions/__pycache__), its fastest case; the guard's result cache
# (MIGRATION_GUARD_CACHE_DIR, a directory of the run) is warm the same way, by the warm-up run.
#
# Prints a Markdown table on stdout (progress goes to stderr).
#
# Usage: benchmarks/guard/run.sh [options]
#   --sizes LIST      revision counts, comma or space separated (default 2500,5000,10000,20000)
#   --runs N          timed runs per command after one warm-up (default 5)
#   --seed N          generator seed (default 1)
#   --guard PATH      the guard binary (default artifacts/bin/migration-guard)
#   --workdir DIR     generate the histories here and keep them (default: a temp dir, removed)
#   --alembic-cold    also time alembic with no bytecode cache (PYTHONDONTWRITEBYTECODE=1,
#                     versions/__pycache__ removed before each run): one more column
#   --alembic-only    time alembic only (no guard needed; guard columns show n/a)
#   --no-hyperfine    use the date +%s%N loop even when hyperfine is installed
#   --wait-quiet      before each size, wait (up to 10 min) for the 1-minute load average to
#                     fall below half the core count; the machine is shared
#   --write           also write the results to benchmarks/guard/results.md
#   -h, --help        this text
#
# Needs: /usr/bin/python3 with Debian's python3-alembic; `make build` for the guard.
# Exit codes: 0 done, 1 a sanity check failed, 2 usage error, 127 a required tool is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

readonly PYTHON=/usr/bin/python3
readonly GENERATOR=benchmarks/guard/generate_history.py
readonly RESULTS=benchmarks/guard/results.md

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() {
  local code="$1"
  shift
  printf 'run.sh: error: %s\n' "$*" >&2
  exit "$code"
}
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

sizes="2500,5000,10000,20000"
runs=5
seed=1
guard="artifacts/bin/migration-guard"
workdir=""
alembic_cold=0
alembic_only=0
use_hyperfine=1
wait_quiet=0
write=0

need_value() { [[ $# -ge 2 && -n "$2" ]] || die 2 "$1 needs a value (try --help)"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) need_value "$@"; sizes="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --seed) need_value "$@"; seed="$2"; shift 2 ;;
    --guard) need_value "$@"; guard="$2"; shift 2 ;;
    --workdir) need_value "$@"; workdir="$2"; shift 2 ;;
    --alembic-cold) alembic_cold=1; shift ;;
    --alembic-only) alembic_only=1; shift ;;
    --no-hyperfine) use_hyperfine=0; shift ;;
    --wait-quiet) wait_quiet=1; shift ;;
    --write) write=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die 2 "unknown option '$1' (try --help)" ;;
  esac
done

read -r -a size_list <<<"${sizes//,/ }"
[[ ${#size_list[@]} -gt 0 ]] || die 2 "--sizes is empty"
for size in "${size_list[@]}"; do
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || die 2 "--sizes: '$size' is not a positive number"
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die 2 "--runs: '$runs' is not a positive number"
[[ "$seed" =~ ^[0-9]+$ ]] || die 2 "--seed: '$seed' is not a number"

# --- tools ------------------------------------------------------------------------------------

[[ -x "$PYTHON" ]] || die 127 "$PYTHON not found (Debian's python3 is required)"
"$PYTHON" -c 'import alembic' 2>/dev/null \
  || die 127 "Debian's alembic is missing: apt-get install python3-alembic"
if [[ $alembic_only -eq 0 ]]; then
  if [[ ! -x "$guard" ]]; then
    die 127 "the guard binary $guard does not exist or is not executable: run 'make build' \
first (or pass --guard PATH, or --alembic-only to time Alembic alone)"
  fi
  guard="$(cd "$(dirname "$guard")" && pwd)/$(basename "$guard")"
fi
# fingerprint: a short hash of the guard binary (and its .dll when framework-dependent), so a
# rebuild in the middle of the run is noticed.
fingerprint() {
  if [[ $alembic_only -eq 1 ]]; then
    echo n/a
    return 0
  fi
  local files=("$guard") dll="${guard%/*}/migration-guard.dll"
  [[ ! -f "$dll" ]] || files+=("$dll")
  { cat "${files[@]}" 2>/dev/null || echo missing; } | sha256sum | cut -c1-12
}
guard_hash_start=$(fingerprint)
if [[ $use_hyperfine -eq 1 ]] && ! command -v hyperfine >/dev/null; then
  say "hyperfine not installed: timing with a date +%s%N loop (apt-get install hyperfine)"
  use_hyperfine=0
fi
have_time=1
if [[ ! -x /usr/bin/time ]]; then
  say "/usr/bin/time not installed: no RSS figures (apt-get install time)"
  have_time=0
fi

# json FILE EXPR: evaluate a Python expression over the JSON document `d` read from FILE.
json() { "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

if [[ -n "$workdir" ]]; then
  mkdir -p "$workdir"
  work="$(cd "$workdir" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/guard-bench.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi

# --- timing -----------------------------------------------------------------------------------

# median_ns N: median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# loop_time PREPARE -- CMD...: median wall time in seconds over $runs runs after one warm-up.
# PREPARE is a command line run (unquoted, no shell) before each run, or "" for none.
loop_time() {
  local prepare="$1"
  shift 2
  local i start end
  for ((i = 0; i <= runs; i++)); do
    if [[ -n "$prepare" ]]; then
      # shellcheck disable=SC2086 # a simple command line, split on purpose
      $prepare
    fi
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    [[ $i -eq 0 ]] || echo $((end - start))
  done | median | awk '{ printf "%.6f\n", $1 / 1e9 }'
}

# peak_rss_mib CMD...: the largest peak RSS of 3 runs, in MiB.
peak_rss_mib() {
  local i kib max=0
  for i in 1 2 3; do
    /usr/bin/time -f %M -o "$work/rss.txt" "$@" >/dev/null 2>&1 || true
    kib=$(tail -n 1 "$work/rss.txt")
    [[ "$kib" =~ ^[0-9]+$ ]] || die 1 "could not read the peak RSS of: $* ($(cat "$work/rss.txt"))"
    if ((kib > max)); then max=$kib; fi
    : "$i"
  done
  awk -v k="$max" 'BEGIN { printf "%.1f\n", k / 1024 }'
}

# quote ARGS...: one command line for hyperfine -N (which splits it like a shell).
quote() {
  local out="" a
  for a in "$@"; do out+="$(printf '%q' "$a") "; done
  printf '%s' "${out% }"
}

# med NAME: the median of the hyperfine command named NAME, in seconds.
med() { json "$work/hyperfine.json" "[r['median'] for r in d['results'] if r['command'] == '$1'][0]"; }

# cpu NAME: mean user + system time of the hyperfine command named NAME, "%.3f" seconds.
cpu() {
  json "$work/hyperfine.json" \
    "'%.3f' % [r['user'] + r['system'] for r in d['results'] if r['command'] == '$1'][0]"
}

# quiet_wait: wait up to 10 minutes for the 1-minute load average to drop below cores / 2.
quiet_wait() {
  local limit waited=0
  limit=$(awk -v n="$(nproc)" 'BEGIN { print n / 2 }')
  until awk -v l="$limit" '{ exit !($1 < l) }' /proc/loadavg; do
    if ((waited >= 600)); then
      say "load average still $(cut -d' ' -f1 /proc/loadavg) after 10 min: timing anyway"
      return 0
    fi
    ((waited % 60 == 0)) && say "waiting for a quiet machine (load $(cut -d' ' -f1 /proc/loadavg))"
    sleep 5
    waited=$((waited + 5))
  done
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# --- one size ---------------------------------------------------------------------------------

rows=()
history_rows=()
cpu_rows=()
loads=()
for size in "${size_list[@]}"; do
  dir="$work/h$size"
  say "generating $size revisions (seed $seed) in $dir"
  "$PYTHON" "$GENERATOR" --count "$size" --seed "$seed" --out "$dir" --force --quiet
  manifest="$dir/manifest.json"
  head=$(json "$manifest" 'd["heads"][0]')
  base=$(json "$manifest" 'd["bases"][0]')
  changed="$dir/$(json "$manifest" 'd["changed_file"]')"

  alembic_cmd=(env -u PYTHONDONTWRITEBYTECODE "$PYTHON" -m alembic -c "$dir/alembic.ini" heads)
  cold_cmd=(env PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m alembic -c "$dir/alembic.ini" heads)
  cache_env=(env "MIGRATION_GUARD_CACHE_DIR=$work/cache")
  guard_cmd=("${cache_env[@]}" "$guard" check --versions "$dir/versions" --format json)
  nocache_cmd=("$guard" check --versions "$dir/versions" --format json --no-cache)
  one_cmd=("${cache_env[@]}" "$guard" check "$changed")
  one_nocache_cmd=("$guard" check "$changed" --no-cache)

  # Sanity: both tools must do the same job on this tree: one head, the generated one.
  alembic_out=$("${alembic_cmd[@]}") || die 1 "alembic heads failed on $dir"
  lines=$(grep -c . <<<"$alembic_out" || true)
  [[ "$lines" -eq 1 ]] || die 1 "alembic heads printed $lines heads on $dir, expected 1: $alembic_out"
  [[ "${alembic_out%% *}" == "$head" ]] \
    || die 1 "alembic heads says '${alembic_out%% *}', the generator wrote head $head"
  diagnostics="n/a"
  if [[ $alembic_only -eq 0 ]]; then
    rc=0
    "${cache_env[@]}" "$guard" graph --format json --versions "$dir/versions" >"$work/graph.json" || rc=$?
    [[ $rc -le 1 ]] || die 1 "migration-guard graph exited $rc on $dir"
    guard_heads=$(json "$work/graph.json" '" ".join(d["heads"])')
    guard_bases=$(json "$work/graph.json" '" ".join(d["bases"])')
    [[ "$guard_heads" == "$head" ]] \
      || die 1 "migration-guard graph gives heads '$guard_heads', alembic heads gives '$head'"
    [[ "$guard_bases" == "$base" ]] \
      || die 1 "migration-guard graph gives bases '$guard_bases', the generator wrote base '$base'"
    rc=0
    "${guard_cmd[@]}" >"$work/check.json" || rc=$?
    [[ $rc -le 1 ]] || die 1 "migration-guard check exited $rc on $dir (0 or 1 expected)"
    diagnostics=$(json "$work/check.json" 'len(d["diagnostics"])')
    rc=0
    "${one_cmd[@]}" >/dev/null || rc=$?
    [[ $rc -le 1 ]] || die 1 "migration-guard check $changed exited $rc (0 or 1 expected)"
  fi
  if [[ $alembic_only -eq 0 ]]; then
    say "$size: alembic and guard agree on head $head; guard reports $diagnostics diagnostics"
  else
    say "$size: alembic heads gives the generated head $head"
  fi

  [[ $wait_quiet -eq 0 ]] || quiet_wait
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  t_alembic="" t_cold="" t_guard="" t_one="" t_nocache="" t_one_nocache=""
  c_alembic="n/a" c_guard="n/a" c_one="n/a" c_nocache="n/a" c_one_nocache="n/a"
  if [[ $use_hyperfine -eq 1 ]]; then
    args=(--warmup 1 --runs "$runs" -N --ignore-failure --style basic
      --export-json "$work/hyperfine.json")
    args+=(--prepare true -n "alembic heads" "$(quote "${alembic_cmd[@]}")")
    if [[ $alembic_only -eq 0 ]]; then
      args+=(--prepare true -n "guard check" "$(quote "${guard_cmd[@]}")")
      args+=(--prepare true -n "guard check --no-cache" "$(quote "${nocache_cmd[@]}")")
      args+=(--prepare true -n "one-file check" "$(quote "${one_cmd[@]}")")
      args+=(--prepare true -n "one-file check --no-cache" "$(quote "${one_nocache_cmd[@]}")")
    fi
    if [[ $alembic_cold -eq 1 ]]; then
      args+=(--prepare "rm -rf $(printf '%q' "$dir/versions/__pycache__")"
        -n "alembic heads, no .pyc" "$(quote "${cold_cmd[@]}")")
    fi
    hyperfine "${args[@]}" >&2
    t_alembic=$(med "alembic heads")
    c_alembic=$(cpu "alembic heads")
    if [[ $alembic_only -eq 0 ]]; then
      t_guard=$(med "guard check")
      t_nocache=$(med "guard check --no-cache")
      t_one=$(med "one-file check")
      t_one_nocache=$(med "one-file check --no-cache")
      c_guard=$(cpu "guard check")
      c_nocache=$(cpu "guard check --no-cache")
      c_one=$(cpu "one-file check")
      c_one_nocache=$(cpu "one-file check --no-cache")
    fi
    [[ $alembic_cold -eq 0 ]] || t_cold=$(med "alembic heads, no .pyc")
  else
    say "$size: timing alembic heads ($runs runs + 1 warm-up)"
    t_alembic=$(loop_time "" -- "${alembic_cmd[@]}")
    if [[ $alembic_only -eq 0 ]]; then
      say "$size: timing migration-guard check"
      t_guard=$(loop_time "" -- "${guard_cmd[@]}")
      t_nocache=$(loop_time "" -- "${nocache_cmd[@]}")
      t_one=$(loop_time "" -- "${one_cmd[@]}")
      t_one_nocache=$(loop_time "" -- "${one_nocache_cmd[@]}")
    fi
    if [[ $alembic_cold -eq 1 ]]; then
      say "$size: timing alembic heads without bytecode cache"
      t_cold=$(loop_time "rm -rf $dir/versions/__pycache__" -- "${cold_cmd[@]}")
    fi
  fi

  rss="n/a" rss_nocache="n/a"
  if [[ $alembic_only -eq 0 && $have_time -eq 1 ]]; then
    rss=$(peak_rss_mib "${guard_cmd[@]}")
    rss_nocache=$(peak_rss_mib "${nocache_cmd[@]}")
  fi

  row=$(awk -v n="$size" -v a="$t_alembic" -v g="$t_guard" -v nc="$t_nocache" -v o="$t_one" \
    -v onc="$t_one_nocache" -v r="$rss" -v rnc="$rss_nocache" -v c="$t_cold" -v cold="$alembic_cold" '
    function secs(t) { return (t == "") ? "n/a" : sprintf("%.3f", t) }
    function times(t) { return (t == "" || t == 0) ? "n/a" : sprintf("%.1f×", a / t) }
    function ms(t) { return (t == "") ? "n/a" : sprintf("%.0f", t * 1000) }
    BEGIN {
      line = sprintf("| %s | %.2f | %s | %s | %s | %s | %s | %s | %s / %s |", n, a, secs(g), times(g),
        secs(nc), times(nc), ms(o), ms(onc), r, rnc)
      if (cold == 1) line = line sprintf(" %.2f | %s |", c, (nc == "" || nc == 0) ? "n/a" : sprintf("%.1f×", c / nc))
      print line
    }')
  rows+=("$row")
  cpu_rows+=("| $size | $c_alembic | $c_guard | $c_nocache | $c_one | $c_one_nocache | ${loads[-1]} |")
  history_rows+=("$(json "$manifest" '"| %d | %d (%d three-way) | %d | %d | %d | %d | %d | %s |" % (d["count"], d["merges"], d["three_way_merges"], d["branch_points"], len(d["branch_labels"]), d["depends_on"], d["files_with_upgrade_findings"], d["lines"], "'"$diagnostics"'")')")
  say "$size: ${row}"
done

# --- report -----------------------------------------------------------------------------------

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
os=$(awk -F= '/^PRETTY_NAME=/ { gsub(/"/, "", $2); print $2 }' /etc/os-release 2>/dev/null || true)
versions=$("$PYTHON" -c 'import sys, alembic, sqlalchemy
print("Alembic %s, SQLAlchemy %s, Python %s" % (alembic.__version__, sqlalchemy.__version__, sys.version.split()[0]))')
if [[ $use_hyperfine -eq 1 ]]; then
  timer="$(hyperfine --version), 1 warm-up + $runs runs, median"
else
  timer="date +%s%N loop, 1 warm-up + $runs runs, median"
fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
guard_hash_end=$(fingerprint)
changed_note=""
if [[ "$guard_hash_end" != "$guard_hash_start" ]]; then
  changed_note="**Warning: the guard binary changed during the run ($guard_hash_start → $guard_hash_end); the rows may come from different builds. Run again.**"
  say "warning: the guard binary changed during the run: rerun for consistent figures"
fi
cmdline="benchmarks/guard/run.sh --sizes ${sizes// /,} --runs $runs --seed $seed"
[[ $alembic_cold -eq 0 ]] || cmdline+=" --alembic-cold"
[[ $alembic_only -eq 0 ]] || cmdline+=" --alembic-only"
[[ $wait_quiet -eq 0 ]] || cmdline+=" --wait-quiet"

header="| size | alembic heads (s) | guard check, cache warm (s) | speed-up | guard check --no-cache (s) | speed-up | one file, cache warm (ms) | one file --no-cache (ms) | guard max RSS, warm / no cache (MiB) |"
rule="|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
if [[ $alembic_cold -eq 1 ]]; then
  header+=" alembic heads, no .pyc (s) | no cache on both sides |"
  rule+="---:|---:|"
fi

# The backquotes below are Markdown code spans, not command substitutions.
# shellcheck disable=SC2016
report() {
  printf '# migration-guard benchmark\n\n'
  printf 'Command: `%s` (commit %s, %s UTC).\n\n' "$cmdline" "$commit" "$(date -u '+%Y-%m-%d %H:%M')"
  printf 'Machine: %s, %s cores, %s RAM, %s; load average before the run: %s.\n\n' \
    "${cpu:-unknown CPU}" "$(nproc)" "${mem:-?}" "${os:-unknown OS}" "$load"
  printf 'Tools: %s (Debian); %s; guard `%s` (sha256 %s).\n\n' "$versions" "$timer" "${guard#"$PWD/"}" "$guard_hash_end"
  [[ -z "$changed_note" ]] || printf '%s\n\n' "$changed_note"
  printf 'Times are whole processes. `alembic heads` runs with its bytecode cache warm; '
  printf '`guard check` is `migration-guard check --versions DIR/versions --format json`, with its result cache '
  printf 'warm (written by the warm-up run, as the warm-up writes Alembic'"'"'s .pyc files) and with `--no-cache` (every file '
  printf 'read, lexed and parsed); the one-file check is `migration-guard check DIR/versions/<newest non-merge revision>`. '
  printf 'Speed-ups divide the `alembic heads` time; the last column divides Alembic without .pyc by the guard without cache.\n\n'
  printf '%s\n%s\n' "$header" "$rule"
  printf '%s\n' "${rows[@]}"
  printf '\nCPU time (user + system, mean of the runs; hyperfine only) and the 1-minute load average\n'
  printf 'when timing started. On a busy machine wall time grows, CPU time much less:\n\n'
  printf '| size | alembic heads CPU (s) | guard check CPU (s) | --no-cache CPU (s) | one file CPU (s) | one file --no-cache CPU (s) | load |\n'
  printf '|---:|---:|---:|---:|---:|---:|---:|\n'
  printf '%s\n' "${cpu_rows[@]}"
  printf '\nHistories (`generate_history.py --seed %s`, one head and one base each):\n\n' "$seed"
  printf '| revisions | merges | branch points | branch labels | depends_on | files with findings in upgrade() | lines | guard diagnostics |\n'
  printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  printf '%s\n' "${history_rows[@]}"
}
report
if [[ $write -eq 1 ]]; then
  report >"$RESULTS"
  say "wrote $RESULTS"
fi
