environment = "production"
xai_api_key = "xai-AGSQCUMrYnoozs87rHCaMSsAa00cUtDRnFyvYQyGisCzUchsvEJrk8wVBnqXn0ez4ucczKuh37589YMA"
pplx_api_key = "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"
replicate_api_token = "r8_BDChkwTnxfoKmYPi0J6rf5QNHEL9SeKv0TI3g"
openrouter_api_key = "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"
AUTH_PROVIDER=okta
NOTIFY_PASSWORD=********
LEDGER_KEY_ID=kid-1163
