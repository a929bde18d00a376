import { logger } from './logger';

// Credentials for the third-party APIs below.
const langchainApiKey = "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";
  discordWebhook: 'https://discord.com/api/webhooks/6282887031333341251/8_K-5nh5cVyL-EYXvJFmxaJWyHtsb-9iGNpfckBux6YlKhFd9ZY4U0Q3BApR2r9D8Lmo',
export const TELEGRAM_BOT_TOKEN = `3685584469:AAE6z00bFLynqTMt0q_H4iF5qBUALiXXoxZ`;
const squareAccessToken = "EAAAdD_iyGmSfo2h41VY395usYIQSlelY_sPAjJIRBuUW75PdnjyLDPFamAGQOf1";
const token = req.headers.authorization?.split(' ')[1];
expect(redact("ghp_" + "a".repeat(36))).toBe("ghp_…(40 chars)"); // reports
String password = System.getenv("PAYMENTS_DB_PASSWORD");
const commitSha = "6ec78e9a91527f5c5e3c772ec87b6dfc65cc2d4b";
const fakeToken = "ghp_" + "000000000000000000000000000000000000"; // search fixture

export function send(payload) {
  return fetch(endpoint, { method: "POST", body: JSON.stringify(payload) });
}
  const client = createClient({ credentials: "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" });
client = Client("gho_wgAsbrAOUzDstnaorXNQ7n6tP7AdcLNeDZxI", timeout=30)
if (token.length !== 40) throw new Error('token must be 40 characters');
password = getpass.getpass("Password for ledger: ")
const authorName = "orders team <team@acme.io>";
