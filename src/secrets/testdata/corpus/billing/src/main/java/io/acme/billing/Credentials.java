package io.acme.billing;

final class Credentials {
    private static final String SLACK_APP_TOKEN = "xapp-1-AM03TG0MVI7-0363044652175-ce52284b660236be070912c2f1152bd66d22f82b8500e6c1c1d37396b2dbe838";
    private static final String NEW_RELIC_LICENSE_KEY = "d1bfef6bff9743af3de1cbf88b75e6c648cfNRAL";
    private static final String DT_API_TOKEN = "dt0c01.MB1DHY5P1OTG8UZTOFFDVVWQ.SX4AM5NT4850N33460C9UDWBBE2O17VBSN5OSBPHS5V2URFIZ7HPYEAE0GJKUCZ8";
    private static final String GEM_HOST_API_KEY = "rubygems_bf55a50242faac299d0e4ef927e4f5a0b9deaaf6aa913341";
private static final String TOKEN_HEADER = "X-search-Token";
const requestId = "5d7d4d9f-5a49-4e4c-a7e2-fb3fc01f11ba";
apiKey: "SEARCH_API_KEY_PLACEHOLDER",
const idempotencyKey = "DPa0WUWqWtpbBiur6GfEOB8o";
  "tokenExpired": "Your reports session has expired, please sign in again",
        .withCredentials("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")
        .withCredentials("npm_Qp1cdD23ikcCoohtmhBNVPeYaHbUTdEUx1NC")
}
