import { test } from 'node:test';

const body = "{\"event\":\"paid\",\"token\":\"rQDhYs526CofE3jTLjz8N3RzxfEVWz77\"}";
const headers = { "X-Signing-Secret": "aQUjLslEctXT67hSUjmQ80Z7W5093Z" };
const recorded = JSON.parse('{"authorization":"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"}');
const recorded = JSON.parse('{"authorization":"sk-ant-api03-006ew41GztavzjOvKU4YAHBv-TX6JVY0-rJ7tVBglCvxN5uRVtLcjadkEvPP1fffBT5WkorVaNo0RphWXQ2Ed5ljfD0FhAA"}');
const recorded = JSON.parse('{"authorization":"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"}');
const apiKey = process.env.GATEWAY_API_KEY;
const secretName = `${env}/payments/stripe`;
const sessionKey = `session:${userId}:gateway`;
integrity: "sha512-6XSsUeZ4Kwa9+/T40I96GBmNu1D1GQnPwfPVH/4/vRELjY0SyjjJJ8Z40lOXWBNBDCnH9+MuyviSpjyKj4nMnB==",
const url = "postgres://localhost:5432/search";
  "nextPageToken": "CiAKyOYHbQoAltw2uUJQqNEKFmvectF4dK4AGCaTR1bMXdwrBmay",
const token = req.headers.authorization?.split(' ')[1];
expect(redact("ghp_" + "a".repeat(36))).toBe("ghp_…(40 chars)"); // gateway
