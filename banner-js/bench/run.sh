#!/usr/bin/env bash
# Banner benchmark (docs/PERFORMANCE.md, "## Banner"): gzipped size and time from navigation start to a visible
# banner (median of 10 runs, side by side in the same Chromium, at no CPU throttle and at 4x CPU slowdown) for our
# per-site script (one request), our /banner.js + config fetch, and orestbida's CookieConsent v3 (npm
# vanilla-cookieconsent), plus our cumulative layout shift. The other peers of issue 13 (klaro, cookieconsent,
# tarteaucitronjs, c15t) are not in it yet. Needs: a JDK, npm (only to fetch the
# comparison package; the build itself never uses Node) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p target/bench
(
  cd target/bench
  rm -rf package ./*.tgz
  tarball=$(npm pack "vanilla-cookieconsent@${CC_VERSION:-3}" --silent | tail -n 1)
  tar xzf "$tarball"
)
./mvnw -B -q test -Dtest=BannerBenchmark -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/results.md
