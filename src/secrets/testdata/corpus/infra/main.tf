terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region = "eu-west-1"
  database_password = "pscale_pw_-ZTl89gQOtY68ul791VlDA978qS7uKYCrZPtqGgv_RT"
  supabase_access_token = "sbp_82329784615dc6808ed29109cdf133a40cd1cea7"
  groq_api_key = "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"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  password = "aGAItLiOCTayGSK8AReq"
  password = var.db_password
}
  client_id: "d4ff1df4-2255-481e-ac34-a2fb521e36a6"
  aws_secret_access_key: !Ref ordersSecretAccessKey
    secretName: auth-tls
  client_id: "bd46b68e-16cb-4480-a4be-a4c2a79d862e"
