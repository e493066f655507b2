#!/usr/bin/env bash
# Installs exactly what the workspace needs on a fresh machine: the pinned pnpm (through
# corepack and package.json's packageManager), the locked dependencies, and with --browser
# Debian's Chromium for the docs' browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 REDOCLY_TELEMETRY=off SCARF_ANALYTICS=false
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# Some registries (mirrors) serve no signatures for pnpm; corepack then needs this to proceed.
export COREPACK_INTEGRITY_KEYS=0

if [[ " $* " == *" --browser "* ]] && ! command -v "${CHERT_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

corepack enable
pnpm --version >/dev/null
pnpm install --frozen-lockfile
pnpm exec turbo telemetry disable >/dev/null 2>&1 || true
