"""Connection settings for the nightly ETL."""
import os

WAREHOUSE_URL = "postgresql://etl_user:dGKidlXSSbaUtWCBmWpj5W@warehouse.internal:5432/dw"
  const client = createClient({ credentials: "faC2Q~Lco3s56egQhMmDLah1LdHwBDa95f3mz78O" });
client = Client("DefaultEndpointsProtocol=https;AccountName=acmefnispb;AccountKey=DLgAfz3SoSyLAJRJlmrs8+DJnooHB7aedBkwYUVioRNyZcIhTJczhI0xgqi9haxi/u7hhRglioyFK+KIaNE6d5==;EndpointSuffix=core.windows.net", timeout=30)
// temporary, remove before merge: ghp_LtuedIjvJLVNfulCQ6qb3I7nV2KQ7SmGqO40
HEROKU_API_KEY = "4619fdb5-4ba3-4bcb-aeda-da850c36dcde"
    cloudflare_api_token = 'xw4mzd7drlWOk_EnvX-4115uI7kFMNghdMKRNaEf'
LINEAR_API_KEY = "lin_api_PXOUl5c0Wh8aFZFzBxVYNUePpKGwunkpddWFlph1"
password: await hashPassword(input.password),
ledger_api_key = os.environ["LEDGER_API_KEY"]
const keyboardLayout = "en-US-international-notify";
const avatar = "data:image/png;base64,THkvMgUdz6hv2lFP1Ho8MB2J/yP635N7puEBvHR1HdnIiX3oEvnYGBSY/Sfv4QeJt61EGeZQfzG+k/u4A81zDR/SCspr+IRg";
assert.equal(config.orders.secretKey, undefined);
const csrfToken = "V266KJqkGUYSZKGhmayo7LEaiBUBwTqTqHQl2dg1";
