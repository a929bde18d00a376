/**
 * The secrets planted in the labeled corpus: one entry per kind, with the rule that must report it,
 * the variable name a project would give it and a generator of values. Values are pseudo-random
 * (never issued by anyone) and independent of the rules' own samples (other seeds, other shapes
 * where a provider allows several).
 */
import { ALNUM, BASE64, BASE64URL, DIGITS, fake, fakeUuid, HEX, LOWER, LOWER_ALNUM, UPPER_ALNUM } from '../rules/build.ts';

export interface SecretKind {
  rule: string;
  /** Names a project would assign it to, e.g. GITHUB_TOKEN; the first is the usual one. */
  names: string[];
  value: (seed: string) => string;
  /** Only assignment forms find it (the rule keys on the name): no function calls or URLs. */
  needsName?: boolean;
}

const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LETTERS = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

export const KINDS: SecretKind[] = [
  { rule: 'aws-access-token', names: ['AWS_ACCESS_KEY_ID', 'aws_access_key_id'], value: (s) => `AKIA${fake(s, b32, 16)}` },
  {
    rule: 'aws-secret-access-key',
    names: ['AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key', 'secretAccessKey'],
    value: (s) => fake(s, BASE64, 40),
    needsName: true,
  },
  { rule: 'gcp-api-key', names: ['GOOGLE_API_KEY', 'MAPS_API_KEY', 'apiKey'], value: (s) => `AIza${fake(s, BASE64URL, 35)}` },
  { rule: 'gcp-oauth-client-secret', names: ['GOOGLE_CLIENT_SECRET'], value: (s) => `GOCSPX-${fake(s, BASE64URL, 28)}` },
  {
    rule: 'azure-ad-client-secret',
    names: ['AZURE_CLIENT_SECRET', 'ClientSecret'],
    value: (s) => `${fake(s, ALNUM, 3)}${fake(`${s}d`, DIGITS, 1)}Q~${fake(`${s}t`, `${ALNUM}_~.-`, 34)}`,
  },
  {
    rule: 'azure-storage-account-key',
    names: ['AZURE_STORAGE_CONNECTION_STRING', 'StorageConnection'],
    value: (s) =>
      `DefaultEndpointsProtocol=https;AccountName=acme${fake(s, LOWER, 6)};AccountKey=${fake(s, BASE64, 86)}==;EndpointSuffix=core.windows.net`,
  },
  { rule: 'github-pat', names: ['GITHUB_TOKEN', 'GH_TOKEN', 'githubToken'], value: (s) => `ghp_${fake(s, ALNUM, 36)}` },
  {
    rule: 'github-fine-grained-pat',
    names: ['GH_PAT', 'GITHUB_PAT'],
    value: (s) => `github_pat_${fake(s, ALNUM, 22)}_${fake(`${s}b`, ALNUM, 59)}`,
  },
  { rule: 'github-oauth', names: ['GITHUB_OAUTH_TOKEN'], value: (s) => `gho_${fake(s, ALNUM, 36)}` },
  { rule: 'github-app-token', names: ['INSTALLATION_TOKEN'], value: (s) => `ghs_${fake(s, ALNUM, 36)}` },
  { rule: 'gitlab-pat', names: ['GITLAB_TOKEN', 'CI_API_TOKEN'], value: (s) => `glpat-${fake(s, BASE64URL, 20)}` },
  { rule: 'gitlab-ptt', names: ['TRIGGER_TOKEN'], value: (s) => `glptt-${fake(s, HEX, 40)}` },
  { rule: 'gitlab-deploy-token', names: ['DEPLOY_TOKEN'], value: (s) => `gldt-${fake(s, BASE64URL, 20)}` },
  {
    rule: 'slack-bot-token',
    names: ['SLACK_BOT_TOKEN', 'slackToken'],
    value: (s) => `xoxb-${fake(s, DIGITS, 11)}-${fake(`${s}b`, DIGITS, 13)}-${fake(`${s}c`, ALNUM, 24)}`,
  },
  {
    rule: 'slack-webhook-url',
    names: ['SLACK_WEBHOOK_URL', 'slack_webhook'],
    value: (s) =>
      `https://hooks.slack.com/services/T${fake(s, UPPER_ALNUM, 10)}/B${fake(`${s}b`, UPPER_ALNUM, 10)}/${fake(`${s}c`, ALNUM, 24)}`,
  },
  { rule: 'stripe-access-token', names: ['STRIPE_SECRET_KEY', 'stripeKey'], value: (s) => `sk_live_${fake(s, ALNUM, 99)}` },
  { rule: 'stripe-test-key', names: ['STRIPE_TEST_KEY'], value: (s) => `sk_test_${fake(s, ALNUM, 24)}` },
  { rule: 'stripe-webhook-secret', names: ['STRIPE_WEBHOOK_SECRET'], value: (s) => `whsec_${fake(s, ALNUM, 32)}` },
  { rule: 'twilio-auth-token', names: ['TWILIO_AUTH_TOKEN'], value: (s) => fake(s, HEX, 32), needsName: true },
  { rule: 'twilio-api-key', names: ['TWILIO_API_KEY'], value: (s) => `SK${fake(s, HEX, 32)}`, needsName: true },
  {
    rule: 'sendgrid-api-token',
    names: ['SENDGRID_API_KEY'],
    value: (s) => `SG.${fake(s, BASE64URL, 22)}.${fake(`${s}b`, BASE64URL, 43)}`,
  },
  { rule: 'npm-access-token', names: ['NPM_TOKEN', 'NODE_AUTH_TOKEN'], value: (s) => `npm_${fake(s, ALNUM, 36)}` },
  {
    rule: 'pypi-upload-token',
    names: ['PYPI_API_TOKEN', 'TWINE_PASSWORD'],
    value: (s) => `pypi-AgEIcHlwaS5vcmc${fake(s, BASE64URL, 160)}`,
  },
  { rule: 'dockerhub-pat', names: ['DOCKERHUB_TOKEN'], value: (s) => `dckr_pat_${fake(s, BASE64URL, 27)}` },
  { rule: 'huggingface-access-token', names: ['HF_TOKEN', 'HUGGINGFACE_TOKEN'], value: (s) => `hf_${fake(s, LETTERS, 34)}` },
  {
    rule: 'anthropic-api-key',
    names: ['ANTHROPIC_API_KEY'],
    value: (s) => `sk-ant-api03-${fake(s, BASE64URL, 93)}AA`,
  },
  {
    rule: 'openai-api-key',
    names: ['OPENAI_API_KEY', 'openaiKey'],
    value: (s) => `sk-proj-${fake(s, BASE64URL, 74)}T3BlbkFJ${fake(`${s}b`, BASE64URL, 74)}`,
  },
  { rule: 'shopify-access-token', names: ['SHOPIFY_ACCESS_TOKEN'], value: (s) => `shpat_${fake(s, HEX, 32)}` },
  { rule: 'shopify-shared-secret', names: ['SHOPIFY_API_SECRET'], value: (s) => `shpss_${fake(s, HEX, 32)}` },
  { rule: 'digitalocean-pat', names: ['DIGITALOCEAN_TOKEN', 'DO_TOKEN'], value: (s) => `dop_v1_${fake(s, HEX, 64)}` },
  { rule: 'databricks-api-token', names: ['DATABRICKS_TOKEN'], value: (s) => `dapi${fake(s, HEX, 32)}` },
  { rule: 'datadog-api-key', names: ['DD_API_KEY', 'DATADOG_API_KEY'], value: (s) => fake(s, HEX, 32), needsName: true },
  { rule: 'new-relic-user-api-key', names: ['NEW_RELIC_API_KEY'], value: (s) => `NRAK-${fake(s, UPPER_ALNUM, 27)}` },
  { rule: 'sentry-user-token', names: ['SENTRY_AUTH_TOKEN'], value: (s) => `sntryu_${fake(s, HEX, 64)}` },
  {
    rule: 'grafana-service-account-token',
    names: ['GRAFANA_TOKEN'],
    value: (s) => `glsa_${fake(s, ALNUM, 32)}_${fake(`${s}b`, HEX, 8)}`,
  },
  { rule: 'vault-service-token', names: ['VAULT_TOKEN'], value: (s) => `hvs.CAESIJ${fake(s, BASE64URL, 92)}` },
  {
    rule: 'hashicorp-tf-api-token',
    names: ['TFE_TOKEN', 'TF_API_TOKEN'],
    value: (s) => `${fake(s, ALNUM, 14)}.atlasv1.${fake(`${s}b`, BASE64URL, 66)}`,
  },
  { rule: 'doppler-api-token', names: ['DOPPLER_TOKEN'], value: (s) => `dp.st.prd.${fake(s, ALNUM, 40)}` },
  { rule: 'pulumi-api-token', names: ['PULUMI_ACCESS_TOKEN'], value: (s) => `pul-${fake(s, HEX, 40)}` },
  { rule: 'heroku-api-key', names: ['HEROKU_API_KEY'], value: (s) => fakeUuid(s), needsName: true },
  {
    rule: 'cloudflare-api-token',
    names: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'],
    value: (s) => fake(s, BASE64URL, 40),
    needsName: true,
  },
  { rule: 'linear-api-key', names: ['LINEAR_API_KEY'], value: (s) => `lin_api_${fake(s, ALNUM, 40)}` },
  { rule: 'mailgun-private-api-token', names: ['MAILGUN_API_KEY'], value: (s) => `key-${fake(s, HEX, 32)}`, needsName: true },
  { rule: 'mailchimp-api-key', names: ['MAILCHIMP_API_KEY'], value: (s) => `${fake(s, HEX, 32)}-us14` },
  {
    rule: 'postman-api-token',
    names: ['POSTMAN_API_KEY'],
    value: (s) => `PMAK-${fake(s, HEX, 24)}-${fake(`${s}b`, HEX, 34)}`,
  },
  { rule: 'atlassian-api-token', names: ['JIRA_API_TOKEN'], value: (s) => `ATATT3xFfGF0${fake(s, BASE64URL, 180)}` },
  {
    rule: 'age-secret-key',
    names: ['SOPS_AGE_KEY'],
    value: (s) => `AGE-SECRET-KEY-1${fake(s, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`,
  },
  {
    rule: '1password-service-account-token',
    names: ['OP_SERVICE_ACCOUNT_TOKEN'],
    value: (s) => `ops_eyJ${fake(s, BASE64, 320)}`,
  },
  { rule: 'planetscale-password', names: ['DATABASE_PASSWORD'], value: (s) => `pscale_pw_${fake(s, BASE64URL, 43)}` },
  { rule: 'supabase-access-token', names: ['SUPABASE_ACCESS_TOKEN'], value: (s) => `sbp_${fake(s, HEX, 40)}` },
  { rule: 'groq-api-key', names: ['GROQ_API_KEY'], value: (s) => `gsk_${fake(s, ALNUM, 52)}` },
  { rule: 'xai-api-key', names: ['XAI_API_KEY'], value: (s) => `xai-${fake(s, ALNUM, 80)}` },
  { rule: 'perplexity-api-key', names: ['PPLX_API_KEY'], value: (s) => `pplx-${fake(s, ALNUM, 48)}` },
  { rule: 'replicate-api-token', names: ['REPLICATE_API_TOKEN'], value: (s) => `r8_${fake(s, ALNUM, 37)}` },
  { rule: 'openrouter-api-key', names: ['OPENROUTER_API_KEY'], value: (s) => `sk-or-v1-${fake(s, HEX, 64)}` },
  {
    rule: 'langsmith-api-key',
    names: ['LANGCHAIN_API_KEY'],
    value: (s) => `lsv2_sk_${fake(s, HEX, 32)}_${fake(`${s}b`, HEX, 10)}`,
  },
  {
    rule: 'discord-webhook-url',
    names: ['DISCORD_WEBHOOK'],
    value: (s) => `https://discord.com/api/webhooks/${fake(s, DIGITS, 19)}/${fake(`${s}b`, BASE64URL, 68)}`,
  },
  {
    rule: 'telegram-bot-api-token',
    names: ['TELEGRAM_BOT_TOKEN'],
    value: (s) => `${fake(s, '123456789', 1)}${fake(`${s}d`, DIGITS, 9)}:AA${fake(`${s}b`, BASE64URL, 33)}`,
  },
  { rule: 'square-access-token', names: ['SQUARE_ACCESS_TOKEN'], value: (s) => `EAAA${fake(s, BASE64URL, 60)}` },
  {
    rule: 'plaid-api-token',
    names: ['PLAID_ACCESS_TOKEN'],
    value: (s) => `access-production-${fakeUuid(s)}`,
  },
  { rule: 'flutterwave-secret-key', names: ['FLW_SECRET_KEY'], value: (s) => `FLWSECK-${fake(s, HEX, 32)}-X` },
  { rule: 'easypost-api-token', names: ['EASYPOST_API_KEY'], value: (s) => `EZAK${fake(s, ALNUM, 54)}` },
  { rule: 'shippo-api-token', names: ['SHIPPO_API_TOKEN'], value: (s) => `shippo_live_${fake(s, HEX, 40)}` },
  { rule: 'alibaba-access-key-id', names: ['ALIBABA_CLOUD_ACCESS_KEY_ID'], value: (s) => `LTAI${fake(s, ALNUM, 20)}` },
  { rule: 'flyio-access-token', names: ['FLY_API_TOKEN'], value: (s) => `fo1_${fake(s, BASE64URL, 43)}` },
  { rule: 'render-api-key', names: ['RENDER_API_KEY'], value: (s) => `rnd_${fake(s, ALNUM, 32)}` },
  { rule: 'okta-access-token', names: ['OKTA_API_TOKEN'], value: (s) => `00${fake(s, BASE64URL, 40)}`, needsName: true },
  { rule: 'jfrog-api-key', names: ['ARTIFACTORY_API_KEY'], value: (s) => `AKCp${fake(s, ALNUM, 69)}` },
  { rule: 'sonar-api-token', names: ['SONAR_TOKEN'], value: (s) => `squ_${fake(s, HEX, 40)}` },
  { rule: 'buildkite-api-token', names: ['BUILDKITE_API_TOKEN'], value: (s) => `bkua_${fake(s, HEX, 40)}` },
  {
    rule: 'circleci-token',
    names: ['CIRCLE_TOKEN'],
    value: (s) => `CCIPAT_${fake(s, ALNUM, 22)}_${fake(`${s}b`, HEX, 40)}`,
  },
  { rule: 'figma-pat', names: ['FIGMA_TOKEN'], value: (s) => `figd_${fake(s, BASE64URL, 40)}` },
  {
    rule: 'brevo-api-token',
    names: ['BREVO_API_KEY'],
    value: (s) => `xkeysib-${fake(s, HEX, 64)}-${fake(`${s}b`, ALNUM, 16)}`,
  },
  { rule: 'anthropic-admin-api-key', names: ['ANTHROPIC_ADMIN_KEY'], value: (s) => `sk-ant-admin01-${fake(s, BASE64URL, 93)}AA` },
  {
    rule: 'gitlab-runner-authentication-token',
    names: ['RUNNER_TOKEN'],
    value: (s) => `glrt-${fake(s, BASE64URL, 20)}`,
  },
  {
    rule: 'slack-app-token',
    names: ['SLACK_APP_TOKEN'],
    value: (s) => `xapp-1-A${fake(s, UPPER_ALNUM, 10)}-${fake(`${s}b`, DIGITS, 13)}-${fake(`${s}c`, HEX, 64)}`,
  },
  { rule: 'new-relic-license-key', names: ['NEW_RELIC_LICENSE_KEY'], value: (s) => `${fake(s, HEX, 36)}NRAL` },
  { rule: 'dynatrace-api-token', names: ['DT_API_TOKEN'], value: (s) => `dt0c01.${fake(s, UPPER_ALNUM, 24)}.${fake(`${s}b`, UPPER_ALNUM, 64)}` },
  { rule: 'rubygems-api-token', names: ['GEM_HOST_API_KEY'], value: (s) => `rubygems_${fake(s, HEX, 48)}` },
  { rule: 'nuget-api-key', names: ['NUGET_API_KEY'], value: (s) => `oy2${fake(s, LOWER_ALNUM, 43)}` },
  { rule: 'generic-api-key', names: ['INTERNAL_API_KEY', 'serviceToken', 'WEBHOOK_SECRET', 'client_secret'], value: (s) => `${fake(s, ALNUM, 30)}${fake(`${s}d`, DIGITS, 2)}`, needsName: true },
  { rule: 'generic-password', names: ['DB_PASSWORD', 'password', 'SMTP_PASSWORD', 'adminPassword'], value: (s) => `${fake(s, ALNUM, 14)}${fake(`${s}p`, '!#%+-_', 1)}${fake(`${s}d`, DIGITS, 2)}`, needsName: true },
];

/** Kinds that need no name around them: they can sit in URLs, calls, headers and comments. */
export const SELF_EVIDENT = KINDS.filter((k) => !k.needsName);
