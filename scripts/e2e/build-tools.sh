#!/usr/bin/env bash
# Builds the e2e suite's tools (kube-apiserver, kube-controller-manager, kubectl, etcd, chainsaw) from the
# Go modules pinned in test/e2e/tools, once, into a cache outside the repository:
#   ${TOLLGATE_E2E_CACHE:-$HOME/.cache/tollgate-e2e}/<key>/bin
# <key> hashes the pinned module files and this script, so a version or flag change builds anew and an
# unchanged pin reuses the binaries (Go is then not even needed). Progress goes to stderr; the last line
# on stdout is the bin directory.
set -euo pipefail

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
root=$(cd "$(dirname "$self")/../.." && pwd)
tools="$root/test/e2e/tools"
cache="${TOLLGATE_E2E_CACHE:-$HOME/.cache/tollgate-e2e}"

key=$(cd "$tools" && cat go.mod go.sum etcd/go.mod etcd/go.sum etcd/cmd/etcd/main.go chainsaw/go.mod chainsaw/go.sum \
  chainsaw/_overlay/module_path.go "$self" | sha256sum | cut -c1-16)
bin="$cache/$key/bin"
if [[ -x "$bin/kube-apiserver" && -x "$bin/kube-controller-manager" && -x "$bin/kubectl" && -x "$bin/etcd" && -x "$bin/chainsaw" ]]; then
  echo "$bin"
  exit 0
fi

go=$(command -v go || true)
[[ -z "$go" && -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go
if [[ -z "$go" ]]; then
  echo "build-tools: Go is not installed (need Go >= 1.26 on PATH) to build the e2e tools into $bin" >&2
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
echo "build-tools: building into $bin (first run takes several minutes)" >&2

# The Kubernetes binaries as its release build makes them: static, the same build tags, and the version
# stamped in, so `kubectl version` and the API server's /version report the pinned release, not v0.0.0.
kver=$(cd "$tools" && "$go" list -m -f '{{.Version}}' k8s.io/kubernetes)
minor=${kver#v1.}
minor=${minor%%.*}
vflags=""
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  vflags+=" -X $pkg.gitVersion=$kver -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
(cd "$tools" && "$go" build -trimpath -tags selinux,notest,grpcnotrace -ldflags "-s -w$vflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)
(cd "$tools/etcd" && "$go" build -trimpath -ldflags '-s -w' -o "$tmp/etcd" ./cmd/etcd)
# chainsaw as its own release build makes it (`go build .` in its module, with its go.mod and go.sum), with one
# file added: v0.2.12 predates Go 1.25's testing.testDeps.ModulePath (see chainsaw/_overlay). `go build
# -overlay` cannot patch the module cache, so the verified module is copied next to the binaries first.
read -r csrc cver < <(cd "$tools/chainsaw" && "$go" mod download github.com/kyverno/chainsaw &&
  "$go" list -m -f '{{.Dir}} {{.Version}}' github.com/kyverno/chainsaw)
cp -r "$csrc" "$tmp/chainsaw-src"
chmod -R u+w "$tmp/chainsaw-src"
cp "$tools/chainsaw/_overlay/module_path.go" "$tmp/chainsaw-src/pkg/runner/internal/"
(cd "$tmp/chainsaw-src" && "$go" build -trimpath \
  -ldflags "-s -w -X github.com/kyverno/chainsaw/pkg/version.BuildVersion=$cver" -o "$tmp/chainsaw" .)
rm -rf "$tmp/chainsaw-src"

# Another run may have finished first: its directory is as good as ours.
mv -T "$tmp" "$bin" 2>/dev/null || true
echo "build-tools: built in $((SECONDS - start)) s" >&2
echo "$bin"
