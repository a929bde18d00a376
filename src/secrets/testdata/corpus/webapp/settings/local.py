import os

# Defaults for a developer machine; the real values come from the environment.
os.environ.setdefault("SHOPIFY_API_SECRET", "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")
os.environ.setdefault("DIGITALOCEAN_TOKEN", "dop_v1_348a7eddb8dc836522574770c07d505265c57b5f7eb943f6214a2587dca6931d")
os.environ.setdefault("DATABRICKS_TOKEN", "dapi280667d7dd72d7c1f1de704d265a1211")
os.environ.setdefault("DD_API_KEY", "6e3c9fcb522dc068c81cbb34fe4bbe23")
os.environ.setdefault("NEW_RELIC_API_KEY", "NRAK-MXVESUX6XIYXUNQ164154KNWBRB")
password_regex = r"^(?=.*[A-Z])(?=.*\d)(?=.*[^\w\s]).{12,}$"  # search
const tokenizer = new Tokenizer("auth-wordpiece-v2");
token := os.Getenv("SEARCH_TOKEN")
const passwordlessLoginUrl = "https://gateway.acme.io/magic-link";
