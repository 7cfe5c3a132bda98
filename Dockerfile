# Image of room-server, the standalone judge service and the judge worker (same code,
# another command). Used by docker-compose.yml and deploy/compose.single.yml. The sandbox
# image the judge starts is built on the Docker host with sandbox/build.sh.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY judge/package.json judge/
COPY room-server/package.json room-server/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w web && node scripts/build-server.mjs
ENV HOST=0.0.0.0
EXPOSE 8080
CMD ["node", "--enable-source-maps", "room-server/dist/main.mjs"]
