#!/bin/bash
az storage blob download --blob-url "https://acmebackups.blob.core.windows.net/db/latest.dump?sv=2022-11-02&ss=b&srt=o&sp=r&se=2031-01-01T00:00:00Z&sig=OQpz13mfgp4R5VnqGtQsjexZHSEIHeO0oFwm9zWv5qS%3D"
EVENTHUB="Endpoint=sb://acme-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=tbeRwcqLIk9YIVBXQEpy62uepEx1LAQgmTUFohO02y8="
echo "$SEARCH_TOKEN" | docker login ghcr.io -u acme-bot --password-stdin
curl -H "Authorization: Bearer $GATEWAY_TOKEN" https://api.acme.io/v1/gateway
Example: `sk_live_` keys are live-mode Stripe keys; `sk_test_` keys are test-mode.
