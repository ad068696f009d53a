#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) and runs each for SECONDS (default 60),
# two at a time, starting from seed corpora made of the repository's own rule files, directives,
# village files and query texts. Corpora grow in build/fuzz/corpus/TARGET; a crash is saved as
# build/fuzz/crashes/TARGET-* and fails the run.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_rule_file fuzz_rulebook fuzz_directive fuzz_villages fuzz_workbook
                                fuzz_owner_query fuzz_snapshot fuzz_flow_depth fuzz_serve_request
                                fuzz_columns)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}"

corpus=build/fuzz/corpus
crashes=build/fuzz/crashes
mkdir -p "$crashes"
seed() {  # seed TARGET FILE...
  mkdir -p "$corpus/$1"
  local target=$1
  shift
  for file in "$@"; do cp "$file" "$corpus/$target/seed-$(sha256sum "$file" | cut -c1-16)"; done
}
seed fuzz_rule_file tests/data/invalid/cases/*.yaml rules/*/lists/*.yaml rules/*/tasks.yaml \
  rules/*/tests.yaml rules/*/rulebook.yaml
seed fuzz_directive examples/directives/*.yaml
seed fuzz_flow_depth tests/data/invalid/cases/*.yaml rules/*/lists/*.yaml rules/*/tasks.yaml \
  tests/fuzz/flow_depth_seeds/*.yaml
seed fuzz_villages examples/villages/qingpu.csv rules/shanghai-qingpu/villages.csv
seed fuzz_columns tests/fuzz/columns_seeds/*.bin
seed fuzz_workbook tests/data/villages/*.xlsx
# The same workbooks stored without compression, so that what the fuzzer changes reaches the XML.
python3 - "$corpus/fuzz_workbook" tests/data/villages/*.xlsx <<'PY'
import sys, zipfile
for n, name in enumerate(sys.argv[2:]):
    try:
        with zipfile.ZipFile(name) as source, \
                zipfile.ZipFile(f"{sys.argv[1]}/seed-stored-{n}", "w", zipfile.ZIP_STORED) as stored:
            for entry in source.namelist():
                stored.writestr(entry, source.read(entry))
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError):
        pass  # the broken ones are seeds as they are
PY
mkdir -p "$corpus/fuzz_rulebook" "$corpus/fuzz_owner_query"
for folder in rules/national-village tests/data/invalid/base; do
  {
    cat "$folder/rulebook.yaml"; printf '\n--- FILE\n'
    cat "$folder/tasks.yaml"; printf '\n--- FILE\n'
    cat "$(ls "$folder"/lists/*.yaml 2>/dev/null | head -1 || true)" 2>/dev/null || true
    printf '\n--- FILE\n'
    cat "$folder/tests.yaml" 2>/dev/null || true
  } >"$corpus/fuzz_rulebook/seed-$(basename "$folder")"
done
printf '核酸筛查\0徐练村\0emergency' >"$corpus/fuzz_owner_query/seed-1"
printf '開具親屬關係證明\0青浦区/练塘镇\0' >"$corpus/fuzz_owner_query/seed-2"
printf 'HS-01\0\0normal' >"$corpus/fuzz_owner_query/seed-3"
mkdir -p "$corpus/fuzz_serve_request"
printf 'GET /v1/owner?task=%%E6%%A0%%B8%%E9%%85%%B8&in=%%E5%%BE%%90%%E7%%BB%%83%%E6%%9D%%91&explain=1 HTTP/1.1\r\nHost: x\r\n\r\n' \
  >"$corpus/fuzz_serve_request/seed-owner"
printf 'POST /v1/owners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 65\r\n\r\n{"at":"2024-01-01","queries":[{"task":"ZM-01","in":"徐练村"}]}' \
  >"$corpus/fuzz_serve_request/seed-owners"
{
  printf 'POST /v1/check?lang=zh HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: %d\r\n\r\n' \
    "$(wc -c <examples/directives/county-routine-2025.yaml)"
  cat examples/directives/county-routine-2025.yaml
} >"$corpus/fuzz_serve_request/seed-check"
printf 'GET /v1/tasks?q=%%E8%%AF%%81%%E6%%98%%8E HTTP/1.1\r\nHost: x\r\n\r\n' >"$corpus/fuzz_serve_request/seed-tasks"
# fuzz_snapshot takes a snapshot's data without its 52-byte header (the target seals it).
mkdir -p "$corpus/fuzz_snapshot"
qingdan=$(command -v build/ci/src/cli/qingdan .venv/bin/qingdan 2>/dev/null | head -1 || true)
if [ -n "$qingdan" ]; then
  "$qingdan" compile rules/national-village -o build/fuzz/national.qds >/dev/null
  tail -c +53 build/fuzz/national.qds >"$corpus/fuzz_snapshot/seed-national"
fi

run() {
  local target=$1
  mkdir -p "$crashes/$target"
  build/fuzz/tests/fuzz/"$target" "$corpus/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$crashes/$target/" >"build/fuzz/$target.log" 2>&1
  local status=$?
  echo "$target: $(grep -E '^stat::number_of_executed_units' "build/fuzz/$target.log" | awk '{print $2}') runs in ${seconds} s, exit $status"
  if [ "$status" -ne 0 ]; then  # what failed, and the input that failed it, for a CI log
    grep -E -A12 '^==[0-9]+==|^SUMMARY|^Base64|^MS:' "build/fuzz/$target.log" | head -60 >&2
  fi
  return $status
}
export -f run
export seconds corpus crashes
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run {}' || {
  echo "a fuzz target failed; see build/fuzz/*.log and $crashes" >&2
  exit 1
}
