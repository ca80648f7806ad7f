# Baliewijzer bot: POST /api/messages and GET /healthz on port 3978.
#   docker build -t baliewijzer .
#   docker run --init -p 3978:3978 --env-file .env baliewijzer
FROM node:20-slim

WORKDIR /app

# Full install: `npm start` runs `tsx src/index.ts`, and tsx is a devDependency.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

# Only what the running bot reads. Files stay owned by root, so the bot cannot change its own code.
COPY tsconfig.json ./
COPY src ./src
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

CMD ["npm", "start"]
