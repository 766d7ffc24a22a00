# SyncOps for Teams as a container (Azure Container Apps or any container host).
# State lives in Azure Blob Storage (AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING), so any
# number of replicas share it. Configuration comes from the environment at run time; no secret is baked in.

# Build: the TypeScript compiler and the other dev dependencies stay in this stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY cards ./cards
COPY appPackage ./appPackage
COPY scripts ./scripts
RUN npx tsc -p tsconfig.build.json

# Run: Node 20 slim, production dependencies only, as the image's unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
# GET /healthz answers 200 once the bot is ready; fetch is built into Node 20, so no curl is needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--disable-warning=DEP0111", "dist/bot/index.js"]
