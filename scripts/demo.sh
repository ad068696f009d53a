#!/usr/bin/env bash
# Sets everything up, then asks the shipped Qingpu rulebook who owns mass PCR screening in 徐练村
# during the April 2022 lockdown, checks the district's lockdown directive against the lists and
# the villages' capacity (writing build/lockdown-report.html), and lints the rulebook.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh qingdan-cli
qingdan=build/ci/src/cli/qingdan
rules=rules/shanghai-qingpu

echo
echo "\$ qingdan owner 核酸筛查 --rules $rules --at 2022-04-15 --in 徐练村 --mode emergency --explain"
"$qingdan" owner 核酸筛查 --rules "$rules" --at 2022-04-15 --in 徐练村 --mode emergency --explain
echo
echo "\$ qingdan owner 开具亲属关系证明 --rules $rules --at 2024-09-01 --in 徐练村"
"$qingdan" owner 开具亲属关系证明 --rules "$rules" --at 2024-09-01 --in 徐练村
echo
directive=examples/directives/lockdown-2022.yaml
villages=examples/villages/qingpu.csv
echo "\$ qingdan check $directive --rules $rules --villages $villages --html build/lockdown-report.html"
"$qingdan" check "$directive" --rules "$rules" --villages "$villages" --html build/lockdown-report.html ||
  echo "(exit status $?: the directive goes back for review or rejection; see build/lockdown-report.html)"
echo
echo "\$ qingdan lint $rules"
"$qingdan" lint "$rules"
