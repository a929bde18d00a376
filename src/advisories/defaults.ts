// Where each remote source lives by default; every one is configurable (palisade.yaml `sources`,
// PALISADE_* variables, flags) so mirrors and air-gapped proxies work. Kept free of imports so
// the CLI can show its options without loading the sources.
export const DEFAULT_OSV_EXPORT_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';
export const DEFAULT_EPSS_URL = 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz';
export const DEFAULT_KEV_URL =
  'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';
