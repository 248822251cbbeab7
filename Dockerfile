# syntax=docker/dockerfile:1
# The gateway as an image: `docker build -t para-gateway .`; compose.yaml runs two replicas on Redis.
# test/deploy/dockerfile.test.ts executes this file's build steps and its start command without Docker:
# keep RUN lines plain shell, and COPY sources in .dockerignore's view of the repository.
# For reproducible builds, pin the base image by digest (node:24-bookworm-slim@sha256:…).

FROM node:24-bookworm-slim AS build
WORKDIR /app

# Dependencies in a layer of their own, before the sources: editing src/ does not reinstall them.
# --ignore-scripts because `prepare` (the build) needs src/, not copied yet; no dependency needs an install
# script (the SQLite store is Node's own node:sqlite: nothing native to compile, no toolchain in the image).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The gateway only: the frontends' client package (packages/client) has no place in the image.
RUN npm run build:gateway

# Production dependencies only, pruned in place. --omit=optional as well: the optional packages left are
# TypeScript (an optional peer of viem's abitype and ox, types only), graphql-armor's type declarations and
# esbuild's binary (for tsx, which the image never runs).
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
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
