package io.acme.app

object Config {
    const val SENDGRID_API_KEY = "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"
    val npmToken: String = "npm_MGohudTTiEuLCasnwYVGC8ekA00nIcyArJfG"
    const val PYPI_API_TOKEN = "pypi-AgEIcHlwaS5vcmc_mAqPZndocL8tOH1Oj24LxL921vUSpI9h0N0ALANPckhYWb_Dfzvhj0wQXix_v0VYLWKOeBkbHPDGnAWGN-0XU6OgGYNBCohMDGvq0vZy_cB9ldEHubsrTN2HS2B7VZqkHzcZ368xR-ZHdIJtbKo2WJKzzsGyQ7b"
    val dockerhubToken: String = "dckr_pat_muSDOWY3VlCEx9tyB6UjKTvqTGM"
  partitionKey: "tenant#07fe63628c0d5e0e",
const keyId = "55719a54-16f7-42dc-affd-45af8aba9e7b";
headers: { Authorization: `Bearer ${accessToken}` },
private static final String TOKEN_HEADER = "X-notify-Token";
}
