# Tollgate as a container image: `tollgate` is the entrypoint (serve, check, report …), running as non-root on a
# read-only root filesystem. Build (Docker or, daemonless, Debian's buildah):
#   docker build -t REGISTRY/tollgate:0.1.0 .
#   buildah bud --storage-driver vfs --isolation chroot -t REGISTRY/tollgate:0.1.0 .
# Without access to the base images, see scripts/image/build-local.sh (a local Debian base with the machine's Node.js).
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim
# Distroless: Node.js and its libraries only — no shell, no package manager; user 65532 (nonroot).
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs20-debian12:nonroot

# The build: TypeScript, then the esbuild bundle the CLI runs.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Runtime dependencies only: the bundle carries everything but the Kubernetes client (serve, report --cluster) and
# better-sqlite3 (the dashboard's store), whose native addon is fetched prebuilt or compiled by its install script;
# where neither can be had the image still builds, and only `tollgate dashboard` fails (with one line) in it.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && \
    (npm rebuild better-sqlite3 || echo "better-sqlite3 not built: tollgate dashboard will not run in this image")

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist/bundle ./dist/bundle
COPY --from=build /src/dist/dashboard-ui ./dist/dashboard-ui
# package.json makes dist/bundle ES modules; the starter policies ship with the image.
COPY package.json ./
COPY policies/starter ./policies/starter
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/bundle/bin.js"]
CMD ["--help"]
