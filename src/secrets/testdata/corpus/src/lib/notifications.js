import { logger } from './logger';

// Credentials for the third-party APIs below.
const plaidAccessToken = "access-production-ef1f1353-eb58-4229-a336-ca11ba665030";
  flwSecretKey: 'FLWSECK-9e534bf86a8d69068c4438f89b11a405-X',
export const EASYPOST_API_KEY = `EZAKeQkJPoFq1brk4B6tfVzROa58r6bUrWNyiW18VwU6DBW8fyW77cfpkU`;
const shippoApiToken = "shippo_live_ac8ae73713021b1102c4ecefd35294a52ee8e47e";
const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
apiKey := r.Header.Get("X-Api-Key")
token_type: "Bearer", // notify
const token = jwt.sign({ sub: user.id, scope: "payments" }, signingKey, { expiresIn: "1h" });
const cacheKey = "acbe2644443c22d06ced61747e510256fe09b38b";

export function send(payload) {
  return fetch(endpoint, { method: "POST", body: JSON.stringify(payload) });
}
  const client = createClient({ credentials: "ghs_s6kKihS3bBNodh49OIfNNAnS7azl9M46h1k8" });
client = Client("glpat-CKYM--G65MxsK8LCbyLH", timeout=30)
const secretName = `${env}/payments/stripe`;
const sessionKey = `session:${userId}:gateway`;
integrity: "sha512-cyP//gZ6pfeyZNV0t9u6ZdKtkcgXsXpAWVdt6bSu2p0ugxp6WlupmjsAG7oxhoinZN2AKqpD9JLrNDD9fMH/kv==",
