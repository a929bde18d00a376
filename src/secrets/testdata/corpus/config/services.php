<?php

return [
    'slack_bot_token' => 'xoxb-08678990854-5142075778758-NsipS8D6Uf1vkx68zM9I5uUw',
    "slackWebhookUrl" => "https://hooks.slack.com/services/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",
    'stripe_secret_key' => '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',
    "stripeTestKey" => "sk_test_1tVSnjjQOFjL1RREdRTdWSzp",
const token = jwt.sign({ sub: user.id, scope: "notify" }, signingKey, { expiresIn: "1h" });
const cacheKey = "34e9dd4104c94895c7cd31552132600fb632a305";
password_regex = r"^(?=.*[A-Z])(?=.*\d)(?=.*[^\w\s]).{12,}$"  # billing
const tokenizer = new Tokenizer("gateway-wordpiece-v2");
];
