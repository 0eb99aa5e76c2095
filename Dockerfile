# syntax=docker/dockerfile:1
# The e-Votare server image (docs/OPERATIONS.md, "Deployment"): `evotare serve` by default,
# `evotare db migrate` for the one-shot migration service. The image holds the sources, the
# production dependencies, the booth bundled once at build time and the server built into one ES
# module with its chunks (server/dist/evotare.mjs, `npm run build`: a start parses it instead of
# stripping the types of hundreds of files); no compiler, no dev dependency, no npm cache, not root.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, the booth bundle, then only the production dependencies ---------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
# The booth (client/) is bundled here, once, rather than by each instance on its first request; the
# server is built here too (server/src/build.ts).
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm ci --omit=dev --no-audit --no-fund \
 && rm -rf test bench \
 && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    EVOTARE_DATA_DIR=/var/lib/evotare
WORKDIR /app
# Owned by root and read-only to the server's user: a compromised process cannot change the code.
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /var/lib/evotare && chown node:node /var/lib/evotare
# `node` (uid 1000) is the unprivileged user of the official Node.js images.
USER node
EXPOSE 8080
# Ready when it reaches its database (GET /readyz; docs/OPERATIONS.md, "Reliability").
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "server/dist/evotare.mjs"]
CMD ["serve"]
