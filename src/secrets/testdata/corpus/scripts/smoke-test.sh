#!/bin/sh
curl -H "Authorization: token ghp_muSAvkSf2azy9h9UHYQgbz2Hw1pX013YZ9Im" https://api.github.com/rate_limit # palisade:allow revoked test token
export STRIPE_KEY=sk_live_IhhhSU55iJir0aTCNjKjsCTh1fiNHb # gitleaks:allow
export SENTRY_AUTH_TOKEN=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
export GRAFANA_TOKEN=glsa_hB1GeZ2G9pjVcFKbCwIoRv94YpiTAK0p_0f0a1158
Example: `sk_live_` keys are live-mode Stripe keys; `sk_test_` keys are test-mode.
Tokens look like `xoxb-123456789012-1234567890123-<24 characters>`.
Create a token at https://github.com/settings/tokens and export it as GITHUB_TOKEN=ghp_...
