package config

import "os"

var (
	figmaToken = "figd_s2UtFUDjNIbo_kezzBja93aj6LS_Uw0z4nqx8f6R"
	brevoApiKey := "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"
	anthropicAdminKey = "sk-ant-admin01-adqXB86kUs8G-K3zq3X_xTUUxkgyROxI1C42Z2GV9RoXo08OAZpxYokkjj2-_DuSh9Ks1C8aPrniCKUnXVVELEFbw3GWJAA"
	runnerToken := "glrt-jmFFCACkV-EJaCi9LMsP"
)

const secretName = `${env}/gateway/stripe`;
const sessionKey = `session:${userId}:gateway`;
integrity: "sha512-yHBM0L6Aj+R4+hfrkjVXVt0a9JjJqT9GbXcRxXTorJd9IKule/hJm9UcHc/shvKxG+xagHx8zBI0ro4JfWCilW==",
const url = "postgres://localhost:5432/orders";
  "nextPageToken": "CiAKN4n2c3YVFCLyUdRUwgkQSJDZXnFI1rhFPoziN938gElD0DlN",
	req.Header.Set("X-Api-Key", "whsec_3JdTPqUvy4y7UNilzNn1E4QIkTgj3Rdn")
