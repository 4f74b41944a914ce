#!/usr/bin/env bash
# Banner benchmark (docs/PERFORMANCE.md, "## Banner"): time from navigation start to a visible banner, median of 10
# runs, all banners interleaved in the same Chromium and the same run, at no CPU throttle and at 4x CPU slowdown, CLS,
# and the gzipped JS+CSS each page loads, for our per-site script (one request), our /banner.js + config fetch, and
# the peers of issue 13 from npm: vanilla-cookieconsent (CookieConsent v3), cookieconsent (osano), klaro,
# tarteaucitronjs and c15t. c15t is headless (its UI components need React): it runs in offline mode (no backend)
# with its documented minimal vanilla prompt (c15t-banner.js), bundled with the esbuild binary the Maven build
# unpacks. Needs: a JDK, npm (only to fetch the peers; the build itself never uses Node) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o generate-resources >/dev/null
esbuild=$(find target/esbuild -name esbuild -type f | head -n 1)
mkdir -p target/bench
(
  cd target/bench
  for spec in "vanilla-cookieconsent@${CC_VERSION:-3}" "cookieconsent@${OSANO_VERSION:-3}" "klaro@${KLARO_VERSION:-0.7}" \
              "tarteaucitronjs@${TAC_VERSION:-1}"; do
    name=${spec%@*}
    rm -rf "$name" && mkdir -p "$name"
    tarball=$(npm pack "$spec" --silent | tail -n 1)
    tar xzf "$tarball" -C "$name" && rm -f "$tarball"
  done
  rm -rf c15t && mkdir -p c15t
  cp ../../banner-js/bench/c15t-banner.js c15t/
  (cd c15t && npm install --silent --no-audit --no-fund --no-save "c15t@${C15T_VERSION:-2}" >/dev/null)
  "../../$esbuild" c15t/c15t-banner.js --bundle --minify --format=iife --target=es2019 --log-level=warning \
    --outfile=c15t/c15t-bench.js
)
./mvnw -B -q -o test -Dtest=BannerBenchmark -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/results.md
