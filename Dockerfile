# ofd-signer proxy: the built CLI (dist/node) and the standalone page (dist/page), run as the unprivileged `node`
# user on node:20-alpine. Build: docker build -t ofd-signer-proxy .   Run: see deploy/compose.yaml and docs/deployment.md.

# --- build: the whole toolchain, thrown away afterwards ---
FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json vite.server.config.ts vite.page.config.ts vite.warnings.ts index.html ./
COPY public ./public
COPY src ./src
RUN npm run build:server && npm run build:page

# --- runtime: production dependencies and the built files only ---
FROM node:20-alpine
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    STATIC_DIR=/app/page
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist/node ./dist/node
COPY --from=build /src/dist/page ./page
# Source maps stay out of the image (the proxy would refuse to serve them anyway).
RUN find /app/dist /app/page -name '*.map' -delete
USER node
EXPOSE 8787
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The bin's shebang flags (src/proxy/cli.ts), spelled out: busybox's env in the alpine image may not split `env -S`.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "dist/node/proxy-cli.js"]
