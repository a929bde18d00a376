const assert = require('assert');
const { describe, it } = require('mocha');
const { renderInvoice } = require('../lib/render');

describe('renderInvoice', () => {
  it('names the month', () => assert.match(renderInvoice('2021-03'), /2021-03/));
});
