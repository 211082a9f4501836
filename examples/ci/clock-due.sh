#!/usr/bin/env bash
# Prints `due=true` when the site's state changed by the clock within the
# last SCHEDULE_MINUTES (the schedule's interval), else `due=false`: asks
# `sitrep next-change` for the first change after the previous run and
# compares it with now. The clock is SOURCE_DATE_EPOCH when set (tests), else
# the real one. Used by both example pipelines.
set -euo pipefail
sitrep=${SITREP:-build/generator/sitrep}
minutes=${SCHEDULE_MINUTES:-15}
now=${SOURCE_DATE_EPOCH:-$(date +%s)}
since=$(date -u -d "@$((now - minutes * 60))" +%Y-%m-%dT%H:%M:%SZ)
next=$("$sitrep" next-change --now "$since" -q | sed -n 's/^next change: //p')
if [ -n "$next" ] && [ "$(date -u -d "$next" +%s)" -le "$now" ]; then
  echo "due=true"
else
  echo "due=false"
fi
