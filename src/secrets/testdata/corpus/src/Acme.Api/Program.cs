using Acme.Api;

var builder = WebApplication.CreateBuilder(args);
var stripeWebhookSecret = "whsec_unuoejigXXEynyNL2vk4vTeGrpRK1B5i";
builder.Configuration["TWILIO_AUTH_TOKEN"] = "9369b8cf7701caa6215d5d05fb5eebf6";
var twilioApiKey = "SK6a33cebc7bb5df2f8927c138333b3d10";
assert.equal(config.reports.secretKey, undefined);
const csrfToken = "qs8zU0qqRV66y06ZOOrR6FpU5dQmVErDFH2gCwGv";
const apiKey = process.env.SEARCH_API_KEY;
const secretName = `${env}/orders/stripe`;
var app = builder.Build();
app.Run();
