#!/usr/bin/env bash
# Builds Kyverno's CLI (kubectl-kyverno, installed as `kyverno`), its admission controller (cmd/kyverno,
# installed as `kyverno-controller`) and the strategic-merge oracle (test/e2e/tools/kyverno/merge-oracle, Kyverno's
# patch package behind a JSON-lines pipe, installed as `kyverno-merge`) from the Go module pinned in
# test/e2e/tools/kyverno, once, into the e2e tools' cache outside the repository, with the release's manifests
# the controller needs on a bare cluster (its CRDs and install manifest, copied from the same module version):
#   ${TOLLGATE_E2E_CACHE:-$HOME/.cache/tollgate-e2e}/<key>/bin/{kyverno,kyverno-controller,kyverno-merge}
#   ${TOLLGATE_E2E_CACHE:-$HOME/.cache/tollgate-e2e}/<key>/bin/kyverno-config/{crds/,install.yaml}
# <key> hashes the pinned module files and this script (not build-tools.sh's files, so the two caches never
# invalidate each other): a version or flag change builds anew, an unchanged pin reuses the binaries (Go is then
# not even needed). Progress goes to stderr; the last line on stdout is the bin directory.
set -euo pipefail

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
root=$(cd "$(dirname "$self")/../.." && pwd)
mod="$root/test/e2e/tools/kyverno"
cache="${TOLLGATE_E2E_CACHE:-$HOME/.cache/tollgate-e2e}"

key=$(cd "$mod" && cat go.mod go.sum merge-oracle/main.go "$self" | sha256sum | cut -c1-16)
bin="$cache/$key/bin"
if [[ -x "$bin/kyverno" && -x "$bin/kyverno-controller" && -x "$bin/kyverno-merge" ]]; then
  echo "$bin"
  exit 0
fi

go=$(command -v go || true)
[[ -z "$go" && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
if [[ -z "$go" ]]; then
  echo "build-kyverno: Go is not installed (need Go >= 1.26.6 on PATH) to build Kyverno's CLI and admission controller into $bin" >&2
  exit 1
fi
# Never fetch a newer Go toolchain: an older Go fails here with its own clear message instead.
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false

# Build into a private directory and rename it into place, so an interrupted or concurrent build never
# leaves a half-filled bin directory that a later run would take as complete.
mkdir -p "$cache/$key"
tmp=$(mktemp -d "$cache/$key/bin.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
echo "build-kyverno: building into $bin (first run takes a few minutes)" >&2

# As Kyverno's release build makes it (Makefile: CGO_ENABLED=0, no build tags, -ldflags "-s -w -X
# .../pkg/version.BuildVersion=$VERSION"): built from this wrapper module, the version would otherwise read
# the wrapper's "(devel)", so the pinned release is stamped in and `kyverno version` reports it.
kver=$(cd "$mod" && "$go" list -m -f '{{.Version}}' github.com/kyverno/kyverno)
ldflags="-s -w -X github.com/kyverno/kyverno/pkg/version.BuildVersion=$kver"
(cd "$mod" && "$go" build -trimpath -ldflags "$ldflags" -o "$tmp/kyverno" github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno)
(cd "$mod" && "$go" build -trimpath -ldflags "$ldflags" -o "$tmp/kyverno-controller" github.com/kyverno/kyverno/cmd/kyverno)
(cd "$mod" && "$go" build -trimpath -ldflags "-s -w" -o "$tmp/kyverno-merge" ./merge-oracle)
# The controller refuses to start without its CRDs, and reads its ConfigMaps (resource filters, webhook namespace
# selector) from the namespace the release's install manifest creates: both from the module source of this version.
src=$(cd "$mod" && "$go" list -m -f '{{.Dir}}' github.com/kyverno/kyverno)
mkdir "$tmp/kyverno-config"
cp -R "$src/config/crds" "$tmp/kyverno-config/crds"
cp "$src/config/install-latest-testing.yaml" "$tmp/kyverno-config/install.yaml"
chmod -R u+w "$tmp/kyverno-config"

# Another run may have finished first: its directory is as good as ours.
mv -T "$tmp" "$bin" 2>/dev/null || true
echo "build-kyverno: built Kyverno $kver in $((SECONDS - start)) s" >&2
echo "$bin"
