#!/usr/bin/env bash
# Sets everything up, then asks the shipped Qingpu rulebook who owns mass PCR screening in 徐练村
# during the April 2022 lockdown, and lints the rulebook.
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
echo "\$ qingdan lint $rules"
"$qingdan" lint "$rules"
