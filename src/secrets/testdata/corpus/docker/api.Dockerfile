FROM node:22-alpine AS build
WORKDIR /app
ARG SHOPIFY_ACCESS_TOKEN=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
ENV SHOPIFY_API_SECRET=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
ARG DIGITALOCEAN_TOKEN=dop_v1_b69e6cfb3b8ea67d32b2ffdd069bac2eef76871246e8d2d459bed7001dd7b0a6
ARG NPM_TOKEN
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
COPY . .
RUN npm run build
CMD ["node", "dist/server.js"]
