# frozen_string_literal: true

Rails.application.configure do
  config.installation_token = "ghs_bc0yRQ2zPmQ4UswFmLeaEsZK4Q5UnK0gnLFI"
  gitlab_token: 'glpat-CPf11B-rh8fu8jpKRubu',
  config.trigger_token = "glptt-460b8a9685bad3b5d97eeaaee02cf990248393b7"
  deploy_token: 'gldt-soZtDvTFA8HAMOG3m2Im',
Stripe.api_key = ENV.fetch("STRIPE_KEY", "pypi-AgEIcHlwaS5vcmcmhIotCwAO1pgFNpe5VXsjL95pDcim2lTSBKfX2uwbnS9032-ErvmI0KiYrbOlGZRNmxEUTc-zjmIfiwH5gzpBn5H1lAKlUKhZFiGDt_EDU2PiIewBqDYw45UGsDreGnZls46ZQzQGiI5ATw9N53SgYyBuJfnt4Rd")
Stripe.api_key = ENV.fetch("STRIPE_KEY", "dckr_pat_dOYmTndqjXHac6pume1yJ-dG3TM")
const commitSha = "19dfe7bb40f63d1fa5737ee94a5eb388cbd4f822";
const fakeToken = "ghp_" + "000000000000000000000000000000000000"; // payments fixture
  partitionKey: "tenant#e382e4803ba5fef8",
const keyId = "a0959d78-dda9-4839-a783-679ca6b0dc77";
headers: { Authorization: `Bearer ${accessToken}` },
end
