# syntax=docker/dockerfile:1
# The gateway as an image: `docker build -t para-gateway .`; compose.yaml runs two replicas on Redis.
# test/deploy/dockerfile.test.ts executes this file's build steps and its start command without Docker:
# keep RUN lines plain shell, and COPY sources in .dockerignore's view of the repository.
# For reproducible builds, pin the base image by digest (node:20-bookworm-slim@sha256:…).

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its SQLite binding with node-gyp: Python, make and a C++ compiler.
# Only in this stage: the runtime image gets the compiled binding, not the toolchain.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Dependencies in layers of their own, before the sources: editing src/ neither reinstalls nor recompiles
# them. --ignore-scripts because `prepare` (the build) needs src/, not copied yet; the only install script
# the tree has that matters, better-sqlite3's, runs next. Together with `npm run build` below this is
# exactly what a plain `npm ci` does.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
# Compiled here rather than downloaded by prebuild-install from GitHub: built against this image's Node
# headers (nodedir: no headers download from nodejs.org either) and glibc, from the tarball the lockfile's
# integrity pins, with the npm registry as the only network. npm calls build_from_source an "unknown env
# config" in a warning; prebuild-install reads it from the environment all the same.
RUN npm_config_build_from_source=better-sqlite3 \
    npm_config_nodedir="$(node -p 'path.resolve(process.execPath, "../..")')" \
    npm rebuild better-sqlite3

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The gateway only: the frontends' client package (packages/client) has no place in the image.
RUN npm run build:gateway

# Production dependencies only, pruned in place: the better-sqlite3 binary compiled above stays where it
# is. (The alternative, a fresh `npm ci --omit=dev` in another stage, would need --ignore-scripts, since
# `prepare` runs tsc which it does not install, and then the binary copied over by hand.)
# --omit=optional as well: the optional packages left are TypeScript (an optional peer of viem's
# abitype and ox, types only), graphql-armor's type declarations and esbuild's binary (for tsx, which
# the image never runs). Then the binding's sources and build intermediates (about 27 MB): only
# build/Release/better_sqlite3.node is loaded.
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node . \
 && rm -rf build deps src \
 && mkdir -p build/Release \
 && mv better_sqlite3.node build/Release/

FROM node:20-bookworm-slim AS runtime
# Production mode is also the gateway's default; said here so that every tool in the container agrees.
ENV NODE_ENV=production
WORKDIR /app
# Only what `node dist/main.js` loads. package.json is needed: its "type": "module" makes dist/ ES
# modules. Owned by root, so read-only to the gateway's user.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The default session store, sqlite:./data/sessions.db. Created and handed to `node` before VOLUME, so a
# new volume starts out with that owner; the only place the gateway writes.
RUN mkdir -p data && chown node:node data
VOLUME ["/app/data"]
# The image's unprivileged user (uid 1000).
USER node
EXPOSE 4000
# Node itself (slim images have no curl), with http rather than fetch: about half the memory, and this
# runs inside the container's limit every interval. PORT if set, else 4000; loopback, as HOST is 0.0.0.0.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "require('node:http').get('http://127.0.0.1:'+(process.env.PORT||4000)+'/health',{timeout:3000},r=>process.exit(r.statusCode===200?0:1)).on('timeout',()=>process.exit(1)).on('error',()=>process.exit(1))"]
# node as PID 1 (the base image's entrypoint execs it): no npm, no loader, and SIGTERM reaches the
# gateway, which drains for up to 10 s (give `docker stop` / stop_grace_period more than that).
# Under a memory limit it is a small supervisor that forks the worker(s); --workers N or WORKERS=N.
CMD ["node", "dist/main.js"]
