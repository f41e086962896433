# The note server (API + recipient page) as a container: `docker build -t burnlink .`
# Run: docker run -p 8787:8787 -v burnlink-data:/data burnlink   (SQLite in the volume)
#  or: docker run -e REDIS_URL=redis://redis:6379 ... (several instances; see docs/DEPLOY.md)

FROM node:20-slim AS build
WORKDIR /app
# Only needed when better-sqlite3 has no prebuilt binary for the platform and builds from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The project's postinstall (wxt prepare) needs the sources: run it below, after copying them.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 esbuild
COPY . .
RUN npx wxt prepare \
 && npx vite build --config server/web/vite.config.ts \
 && npm prune --omit=dev --ignore-scripts

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/server ./server
COPY --from=build /app/utils ./utils
COPY --from=build /app/.output/web ./.output/web
# The image's files belong to root and cannot be changed by the server; only /data is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
# SIGTERM finishes requests in flight and closes the store (allow at least 10 s to stop).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "server/index.ts"]
