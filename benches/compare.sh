#!/usr/bin/env bash
# hoctap and Hugo side by side on the same generated pages (the light and the heavy corpus of
# `cargo bench --bench build`), clean builds with the output on disk (under $WORK, by default
# target/bench/compare; not /dev/shm), interleaved run by run so every engine sees the same
# machine load. Run by hand; needs Hugo (`apt-get install hugo`, tested with 0.111.3) and GNU
# time (`apt-get install time`).
#
#   benches/compare.sh                 # 10,000 pages, light and heavy, 3 runs each
#   RUNS=5 benches/compare.sh 1000 10000
#
# The Hugo site's layout (benches/support/hugo.rs) renders what hoctap's theme renders, the
# way a competent Hugo theme would. Engines: `hoctap`; `hugo`, that layout; `hugo-norel`, the
# same without the related news of news pages (HUGO_PARAMS_RELATED=off), to show what Hugo's
# related content costs. Prints, per corpus and size, the median wall time and CPU time
# (user + system), the highest peak RSS, the files and bytes each engine wrote, and hoctap's
# wall time and peak RSS as a share of each Hugo's. Zola is not compared: it is neither in
# Debian nor on crates.io, npm or PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
work="$(realpath -m "${WORK:-target/bench/compare}")"
for tool in hugo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh needs $tool: apt-get install hugo time" >&2; exit 1; }
done

cargo build --release --quiet
hoctap="$PWD/target/release/hoctap"
# Generates the portals (target/bench/portal-*) and their Hugo twins under $work.
cargo bench --quiet --bench build -- --light --heavy "${sizes[@]}" --hugo "$work" >/dev/null

# One timed clean build: engine, corpus, size → "wall cpu peak_kib files bytes".
timed_build() {
  local engine=$1 corpus=$2 size=$3 out log
  out="$work/out-$engine-$corpus-$size"
  log="$work/time-$engine.log"
  rm -rf "$out"
  if [ "$engine" = hoctap ]; then
    local root=target/bench/portal-$size
    [ "$corpus" = light ] || root=target/bench/portal-heavy-$size
    /usr/bin/time -v "$hoctap" build -r "$root" -o "$out" >/dev/null 2>"$log"
  else
    local related=on
    [ "$engine" = hugo ] || related=off
    HUGO_PARAMS_RELATED=$related /usr/bin/time -v hugo --quiet --source "$work/$corpus-$size" --destination "$out" >/dev/null 2>"$log"
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %.2f %d", wall, cpu, rss }' "$log"
  printf ' %d %d\n' "$(find "$out" -type f | wc -l)" "$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

engines=(hoctap hugo hugo-norel)
ratios=()

echo "| corpus | pages | engine | wall (s, median of $runs) | CPU user+sys (s) | peak RSS (MiB, max) | files | MB |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
  for corpus in light heavy; do
    for engine in "${engines[@]}"; do : >"$work/results-$engine"; done
    for _ in $(seq "$runs"); do
      for engine in "${engines[@]}"; do
        timed_build "$engine" "$corpus" "$size" >>"$work/results-$engine"
      done
    done
    for engine in "${engines[@]}"; do
      r="$work/results-$engine"
      wall=$(cut -d' ' -f1 "$r" | median)
      cpu=$(cut -d' ' -f2 "$r" | median)
      rss=$(cut -d' ' -f3 "$r" | sort -n | tail -1)
      if [ "$engine" = hoctap ]; then
        hoctap_wall=$wall hoctap_rss=$rss
      else
        ratios+=("$(awk -v c="$corpus" -v n="$size" -v e="$engine" -v w="$hoctap_wall" -v W="$wall" -v m="$hoctap_rss" -v M="$rss" \
          'BEGIN { printf "| %s | %s | %s | %.3f | %.3f |", c, n, e, w / W, m / M }')")
      fi
      read -r files bytes < <(tail -1 "$r" | cut -d' ' -f4,5)
      awk -v row="$corpus $size $engine $wall $cpu $rss $files $bytes" 'BEGIN {
        split(row, v, " "); printf "| %s | %s | %s | %s | %s | %.0f | %s | %.1f |\n", v[1], v[2], v[3], v[4], v[5], v[6] / 1024, v[7], v[8] / 1e6 }'
    done
  done
done

echo
echo "| corpus | pages | against | hoctap/Hugo wall | hoctap/Hugo peak RSS |"
echo "|---|---:|---|---:|---:|"
printf '%s\n' "${ratios[@]}"
