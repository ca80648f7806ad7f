# Baliewijzer bot: POST /api/messages, GET /healthz and /readyz on port 3978.
#   docker build -t baliewijzer .
#   docker run --init -p 3978:3978 --env-file .env baliewijzer

# Stage 1: type-check src/ and bundle it with its packages into dist/index.js (npm run build).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts ./scripts/
COPY scripts/build ./scripts/build
COPY scripts/cli ./scripts/cli
COPY src ./src
RUN npm run build

# Stage 2: only what the running bot needs: production dependencies (the bundle leaves out the Blob
# SDK and restify's optional DTrace addon and loads them from here), the bundle, the flows and the
# card templates. No tsx, no test tools, no TypeScript sources.
FROM node:20-slim
WORKDIR /app
# --ignore-scripts: the only install script among the production dependencies is
# botbuilder-dialogs' "npx rimraf" clean-up, which needs a devDependency and is not needed here.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# Files stay owned by root, so the bot cannot change its own code.
COPY --from=build /app/dist ./dist
COPY flows ./flows
COPY cards ./cards

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978

# STORAGE=file (the default) keeps open cases in /app/.data: the one folder the bot may write.
# Mount a volume there so cases survive a new container; several instances need STORAGE=blob.
RUN mkdir -p /app/.data && chown node:node /app/.data
VOLUME ["/app/.data"]

# The node image's unprivileged user (uid 1000).
USER node

EXPOSE 3978

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node directly (not npm start), so SIGTERM from `docker stop` reaches the bot and it drains; the
# same flags as `npm run start:prod`.
# --enable-source-maps: stack traces name src/ files and lines (dist/index.js.map covers our code only).
# --expose-gc: lets the bot give its start-up heap back once started (src/release-start-up-memory.ts).
# DEP0111: restify 11 loads spdy, whose http-deceiver reads process.binding('http_parser') at
# start-up; harmless here (no HTTP/2 is served) and not ours to fix, so that one warning is muted.
CMD ["node", "--enable-source-maps", "--expose-gc", "--max-semi-space-size=32", "--disable-warning=DEP0111", "dist/index.js"]
