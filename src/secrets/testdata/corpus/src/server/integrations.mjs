import { logger } from './logger';

// Credentials for the third-party APIs below.
const alibabaCloudAccessKeyId = "LTAIJlfxGNbXjys5tjY6QGlI";
  flyApiToken: 'fo1_jBetmkDBnDC9cxuOIMENx4hGdeK1qIeAPljJAli3hRN',
export const RENDER_API_KEY = `rnd_uhPqTM5ByIdtLqNKjisil9Qa4jaG5Ibf`;
const oktaApiToken = "00hh_vuhYi7OgWRt_54mcIAlCEAE2efazMmRnpQ09j";
password = getpass.getpass("Password for search: ")
const authorName = "payments team <team@acme.io>";
const secret = await vault.read("secret/data/search");
const stripePublishableKey = "pk_live_ysFjd7SIYpMYbTnXed4WGw5N";
PUBLIC_KEY = "ETLXll0FVVSx9Kl7j9qX3r24dUVB8on8nL0nsDLQXGhS3V9Rt8JjQtrq93YiQVTr"

export function send(payload) {
  return fetch(endpoint, { method: "POST", body: JSON.stringify(payload) });
}
  const client = createClient({ credentials: "glptt-80a6314a4aff43df17cfb978863e1d4a2d564564" });
client = Client("gldt-hnbk5KTVTRxNM5JvOkw2", timeout=30)
private static final String TOKEN_HEADER = "X-inventory-Token";
const requestId = "0cb041c5-7369-43be-a620-8c243ccd60d3";
apiKey: "INVENTORY_API_KEY_PLACEHOLDER",
