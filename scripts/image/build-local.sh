#!/usr/bin/env bash
# Builds the Tollgate image where no base image can be pulled: a Debian bookworm rootfs (debootstrap, from Debian's
# packages) with this machine's Node.js placed where the distroless image keeps it (/nodejs/bin/node), imported as
# localhost/tollgate-node:20, then the Dockerfile with buildah (no daemon: vfs storage, chroot isolation), and
# finally `tollgate --version` run from the image with crun.
#   sudo scripts/image/build-local.sh [TAG]      (needs buildah, crun, debootstrap; root)
set -euo pipefail
cd "$(dirname "$0")/../.."
tag=${1:-localhost/tollgate:0.1.0}
work=${TOLLGATE_IMAGE_WORK:-/tmp/tollgate-image}
storage=(--storage-driver vfs)
mkdir -p "$work"

if ! buildah "${storage[@]}" images --quiet localhost/tollgate-node:20 >/dev/null 2>&1; then
  rootfs=$work/rootfs
  [ -x "$rootfs/bin/sh" ] || debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian
  node=$(readlink -f "$(command -v node)")
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  mkdir -p "$rootfs/nodejs/bin" "$rootfs/usr/lib/node_modules"
  cp "$node" "$rootfs/nodejs/bin/node"
  ln -sf /nodejs/bin/node "$rootfs/usr/local/bin/node"
  cp -a "$npm_dir" "$rootfs/usr/lib/node_modules/npm"
  ln -sf /usr/lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  # The machine's CA trust too: npm in the build stage reaches the registry the way this machine does.
  mkdir -p "$rootfs/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  tar -C "$rootfs" -cf "$work/rootfs.tar" .
  ctr=$(buildah "${storage[@]}" from scratch)
  buildah "${storage[@]}" add "$ctr" "$work/rootfs.tar" /
  buildah "${storage[@]}" config --env PATH=/usr/local/bin:/usr/bin:/bin \
    --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt "$ctr"
  buildah "${storage[@]}" commit "$ctr" localhost/tollgate-node:20
  buildah "${storage[@]}" rm "$ctr"
fi

buildah "${storage[@]}" bud --isolation chroot \
  --build-arg NODE_IMAGE=localhost/tollgate-node:20 --build-arg RUNTIME_IMAGE=localhost/tollgate-node:20 \
  -t "$tag" .

# Run the image's entrypoint as the image says (user 65532): with crun where the machine's cgroups allow it, else
# with buildah's chroot isolation (crun refuses cgroups in hybrid mode, as on the machine this was written on).
ctr=$(buildah "${storage[@]}" from "$tag")
trap 'buildah "${storage[@]}" rm "$ctr" >/dev/null' EXIT
bundle=$work/bundle
rm -rf "$bundle" && mkdir -p "$bundle/rootfs"
cp -a "$(buildah "${storage[@]}" mount "$ctr")/." "$bundle/rootfs/"
buildah "${storage[@]}" umount "$ctr" >/dev/null
(cd "$bundle" && crun spec)
node -e '
const fs = require("fs"); const p = process.argv[1] + "/config.json"; const c = JSON.parse(fs.readFileSync(p));
c.process.args = ["/nodejs/bin/node", "/app/dist/bundle/bin.js", "--version"];
c.process.user = { uid: 65532, gid: 65532 }; c.process.terminal = false; c.process.cwd = "/app";
c.root.readonly = true; fs.writeFileSync(p, JSON.stringify(c));' "$bundle"
if ! crun run --bundle "$bundle" "tollgate-version-$$"; then
  echo "crun cannot run containers here; running the entrypoint with buildah (chroot isolation) instead" >&2
  buildah "${storage[@]}" run --isolation chroot --user 65532:65532 "$ctr" -- /nodejs/bin/node /app/dist/bundle/bin.js --version
fi
