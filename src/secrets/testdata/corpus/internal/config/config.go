package config

import "os"

var (
	artifactoryApiKey = "AKCp0EhZpA5KOjo7Qmv25J0qu1Y66AMBiZKVV8304Q7P4P2DroZOtrO55xiA7wdx5pDaKXTSZ"
	sonarToken := "squ_da783d4586a075b97a30af7c85a2b38d1ac66061"
	buildkiteApiToken = "bkua_93ee337bd06663e29dc8d1dfab37900f707d0e51"
	circleToken := "CCIPAT_kO7uRiL9MqC8TfM4FDjBpS_39684002c65b62abd249a62f436581607b6b2ea5"
)

const apiKey = process.env.INVENTORY_API_KEY;
const secretName = `${env}/search/stripe`;
const sessionKey = `session:${userId}:gateway`;
integrity: "sha512-bkZ1r/pw2JWOpthJVOn6MY33tyA7yHekUgUFK5OxltSlkzuKolMnUXcIhYP1yoeXeVpT6joQC8COvkOBTghSsR==",
const url = "postgres://localhost:5432/reports";
	req.Header.Set("X-Api-Key", "sk_test_cV9eAJFqvHHOw7V263x7Hupf")
