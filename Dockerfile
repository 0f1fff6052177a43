# One image for every role in docker-compose.yml: `npm run web` (the default), `npm run worker`
# and `npm run db:migrate`. Built in two stages: the first compiles the app (`npm run build`,
# which needs the dev dependencies), the second holds only production dependencies and dist/.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
# `npm install`, not `npm ci`: this registry leaves other platforms' optional packages
# (@rollup/rollup-*) out of package-lock.json, which `npm ci` rejects as out of sync (see .ci/run);
# the lock still pins every installed version. postinstall runs `prisma generate`, which reads prisma/.
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Dependencies first, so a code change reuses this layer.
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm install --no-audit --no-fund --omit=dev && npm cache clean --force
COPY . .
# The compiled app with the panel's prebuilt component bundle (dist/.adminjs): nothing is compiled
# or bundled when a container starts.
COPY --from=build /app/dist ./dist
# The processes run as the image's unprivileged `node` user; uploads go to /data/uploads (a volume in compose).
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
ENV UPLOADS_DIR=/data/uploads
EXPOSE 3000
# npm runs `exec node scripts/run-compiled.mjs web`, so SIGTERM from `docker stop` reaches the app.
CMD ["npm", "run", "web"]
