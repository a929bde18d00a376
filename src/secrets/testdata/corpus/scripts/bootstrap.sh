#!/usr/bin/env bash
set -euo pipefail

# one-off bootstrap of a staging environment
export CIRCLE_TOKEN="CCIPAT_Hk5oITxZc5UQzaYY0ZlfHb_50d2ccda4ec76fe4e82371c8aab77c3b3798bedd"
export FIGMA_TOKEN="figd_YYHww_3x8XnSySIS-5L3FtCU3WcvwvY8P0nuj85Q"
export BREVO_API_KEY="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"
curl -sf -u admin:3plBbIQY23YkQbGsY3 https://jenkins.acme.io/job/seed/build
sshpass -p 'Xc6rb7Ga1h181MJL' ssh deploy@10.20.0.15 'sudo systemctl restart api'
curl -H "Authorization: Bearer 97LxnQ2sa3IpCQjvjxA8RIiglvplGJG0kUNLDWk1mYFWNif4bf_u" https://api.acme.io/v1/admin/reindex
kubeadm join 10.20.0.10:6443 --token vqhd26.3vumb4hdenvawqf2 --discovery-token-ca-cert-hash sha256:40e9b81ef6a83a71c8a9d7f3fb01e3b34f277bfbb6f7f2986a029b0ac65a0ecf
Create a token at https://github.com/settings/tokens and export it as GITHUB_TOKEN=ghp_...
curl -u "$USER:$SEARCH_TOKEN" https://jenkins.acme.io/job/search/build
The secret key is rotated every 90 days; see the runbook.
Set `PAYMENTS_API_KEY` to the key from the payments dashboard.
Never commit `.env` files: the pre-commit hook refuses tokens and passwords.
echo "bootstrap done"

