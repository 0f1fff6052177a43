# One image for every role in docker-compose.yml: `npm run web` (the default), `npm run worker`
# and `npm run db:migrate`. There is no build output: the processes run TypeScript through tsx.
FROM node:20.20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Dependencies first, so a code change reuses this layer. `npm install`, not `npm ci`: this
# registry leaves other platforms' optional packages (@rollup/rollup-*) out of package-lock.json,
# which `npm ci` rejects as out of sync (see .ci/run); the lock still pins every installed
# version. The project's postinstall runs `prisma generate`, which reads prisma/.
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm install --no-audit --no-fund --omit=dev && npm cache clean --force

COPY . .
# The processes run as the image's unprivileged `node` user. AdminJS writes its production
# component bundle to .adminjs/ at start; uploads go to /data/uploads (a volume in compose).
RUN mkdir -p .adminjs /data/uploads && chown node:node .adminjs /data/uploads
USER node
ENV UPLOADS_DIR=/data/uploads
EXPOSE 3000
# npm runs `exec node --import tsx src/main.ts web`, so SIGTERM from `docker stop` reaches the app.
CMD ["npm", "run", "web"]
