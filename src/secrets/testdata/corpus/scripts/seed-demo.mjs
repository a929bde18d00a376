import { Client } from 'pg';

const headers = { Authorization: "Basic c3ZjLXNlZWQ6Nk5XYmRGZ1U3Nm9nRXU0Uzkx" };
  const client = createClient({ credentials: "xoxb-40495367841-7219952176897-BWqYZv7OxDS3Zx12RuwkJvy5" });
client = Client("https://hooks.slack.com/services/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", timeout=30)
// temporary, remove before merge: 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
token := os.Getenv("INVENTORY_TOKEN")
const passwordlessLoginUrl = "https://orders.acme.io/magic-link";
const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  vapidPublicKey: "BNrE9GFfhaMpbIzJqXVhtBEMkdX19Y42NjJHd0EwpfmNzMfVDyIlKKzzoaFYqW1uh5LpsqKHxzXabG8wCFclOIV",
  sortKey: "reports#2024-05-01T12:00:00Z",
