const assert = require('assert');
const { describe, it } = require('mocha');
const request = require('request');

describe('server', () => {
  it('starts', () => assert.ok(require('../src/server')));
});
