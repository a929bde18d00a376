import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalisadeError } from '../model/index.ts';
import { documentUuid, sbomTimestamp, uuidFromDigest } from './sbom-meta.ts';

const DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('sbomTimestamp', () => {
  const now = new Date('2025-01-02T03:04:05.678Z');

  it('is the given time, or the current one, when not reproducible', () => {
    assert.equal(sbomTimestamp({ toolVersion: '1', reproducible: false, now }, {}), now);
    const before = Date.now();
    const current = sbomTimestamp({ toolVersion: '1', reproducible: false }, {}).getTime();
    assert.ok(current >= before && current <= Date.now());
  });

  it('is the Unix epoch when reproducible, whatever `now` says', () => {
    assert.equal(
      sbomTimestamp({ toolVersion: '1', reproducible: true, now }, {}).toISOString(),
      '1970-01-01T00:00:00.000Z',
    );
    assert.equal(
      sbomTimestamp({ toolVersion: '1', reproducible: true }, { SOURCE_DATE_EPOCH: '' }).toISOString(),
      '1970-01-01T00:00:00.000Z',
    );
  });

  it('follows SOURCE_DATE_EPOCH when reproducible', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    assert.equal(
      sbomTimestamp({ toolVersion: '1', reproducible: true }, env).toISOString(),
      '2023-11-14T22:13:20.000Z',
    );
    // Ignored when not reproducible: the document says when it was made.
    assert.equal(sbomTimestamp({ toolVersion: '1', reproducible: false, now }, env), now);
  });

  for (const bad of ['-1', '1.5', '17e8', 'now', '99999999999999']) {
    it(`rejects SOURCE_DATE_EPOCH=${bad}`, () => {
      assert.throws(
        () => sbomTimestamp({ toolVersion: '1', reproducible: true }, { SOURCE_DATE_EPOCH: bad }),
        (error: unknown) =>
          error instanceof PalisadeError && error.code === 'config' && !error.message.includes('\n'),
      );
    });
  }
});

describe('document UUIDs', () => {
  it('derives a version-5-style UUID from a digest', () => {
    assert.equal(uuidFromDigest(DIGEST), 'e3b0c442-98fc-5c14-9afb-f4c8996fb924');
    assert.equal(
      documentUuid({ toolVersion: '1', reproducible: true }, () => DIGEST),
      'e3b0c442-98fc-5c14-9afb-f4c8996fb924',
    );
  });

  it('is random when not reproducible', () => {
    const options = { toolVersion: '1', reproducible: false };
    const digest = (): string => assert.fail('no digest is needed for a random UUID');
    assert.notEqual(documentUuid(options, digest), documentUuid(options, digest));
    assert.match(
      documentUuid(options, digest),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
