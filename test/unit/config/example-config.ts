/** A full example config using every key, verbatim, shared by the config tests. */
export const EXAMPLE_CONFIG = `enabled: true
schedule: twice-monthly        # daily | weekly | twice-monthly | monthly | a 5-field cron
timezone: UTC
strategy: direct               # direct: bump direct requirements, MVS carries the rest; all: also indirect
update-types: [minor, patch]   # add major for /vN moves (separate PR per dependency)
go-directive: keep             # keep: never raise \`go\`/add \`toolchain\`; allow
ignore:
  - dependency: github.com/foo/*
    update-types: [minor]
groups:                        # default: one PR per run for everything
  - name: observability
    patterns: ["go.opentelemetry.io/*"]
services: ["services/*"]       # module dirs that form the impact matrix; default: modules with a main package
impact:
  workflow: gomod-impact.yml   # absent file → the check run says how to add it
  automerge: none              # none | patch | minor, only when the matrix is green
  automerge-v0: false          # true: automerge: minor also merges v0 minors (v0.30 → v0.37), which may break
labels: [dependencies, go]
reviewers: []
open-pull-requests-limit: 5
`;
