#!/bin/sh
set -e
VERSION=$(git describe --tags)
curl -sS -H "Authorization: token AKIAJ2G64KJX2SCFNYO4" https://api.github.com/repos/acme/api/releases
npm config set //registry.npmjs.org/:_authToken AIza6qemWgYGPQRyGk8RsYHg1WuplnQVwH32DqT
docker login -u acme-ci -p 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 registry.acme.io
git push https://release-bot:aLLe4iZHS5SmKrQWQ0hwb6z3@git.acme.io/platform/api.git HEAD:main
export ORDERS_PASSWORD=<your password>
Bearer authentication (RFC 6750) sends the token in the Authorization header.
echo "$NOTIFY_TOKEN" | docker login ghcr.io -u acme-bot --password-stdin
curl -H "Authorization: Bearer $NOTIFY_TOKEN" https://api.acme.io/v1/notify
echo "released $VERSION"
