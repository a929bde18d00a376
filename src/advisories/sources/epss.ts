import { gunzipSync } from 'node:zlib';
import { type EpssScore, PalisadeError } from '../../model/index.ts';

export { DEFAULT_EPSS_URL } from '../defaults.ts';

/**
 * Parses FIRST's daily EPSS file: gzip of a CSV whose first line is a comment
 * `#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000`, then `cve,epss,percentile`.
 * Hand-parsed: three numeric columns need no CSV library, and this runs over ~300,000 lines.
 */
export function parseEpss(body: Buffer, where: string): Map<string, EpssScore> {
  let text: string;
  try {
    text =
      body[0] === 0x1f && body[1] === 0x8b
        ? gunzipSync(body, { maxOutputLength: 512 * 1024 * 1024 }).toString('utf8')
        : body.toString('utf8');
  } catch {
    throw new PalisadeError('input', `${where}: EPSS data is not valid gzip; check the epss URL or mirror`);
  }
  const lines = text.split('\n');
  let date = '';
  let i = 0;
  if (lines[0]?.startsWith('#')) {
    date = /score_date:([0-9-]+)/.exec(lines[0])?.[1] ?? '';
    i = 1;
  }
  if (lines[i]?.trim() !== 'cve,epss,percentile') {
    throw new PalisadeError(
      'input',
      `${where}:${i + 1}: expected the header 'cve,epss,percentile'; check the epss URL or mirror`,
    );
  }
  const scores = new Map<string, EpssScore>();
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const [cve, epss, percentile] = line.split(',');
    const score = Number(epss);
    const pct = Number(percentile);
    if (!cve?.startsWith('CVE-') || !(score >= 0 && score <= 1) || !(pct >= 0 && pct <= 1)) {
      throw new PalisadeError('input', `${where}:${i + 1}: malformed EPSS row; check the epss URL or mirror`);
    }
    scores.set(cve, { score, percentile: pct, date });
  }
  return scores;
}
