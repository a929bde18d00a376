import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type XmlElement as Element, stringifyXml } from './stringify.ts';

describe('stringifyXml', () => {
  it('writes the declaration, the namespace once, attributes, text and empty elements', () => {
    const root: Element = {
      type: 'element',
      name: 'bom',
      namespace: 'http://cyclonedx.org/schema/bom/1.6',
      attributes: { version: 1, serialNumber: undefined },
      children: [
        { type: 'element', name: 'components', children: [] },
        {
          type: 'element',
          name: 'metadata',
          children: [
            { type: 'element', name: 'timestamp', children: '1970-01-01T00:00:00.000Z' },
            { type: 'element', name: 'line', children: 42 },
            { type: 'element', name: 'empty' },
          ],
        },
        { type: 'comment', text: 'a -- b' },
      ],
    };
    assert.equal(
      stringifyXml(root),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">',
        '  <components/>',
        '  <metadata>',
        '    <timestamp>1970-01-01T00:00:00.000Z</timestamp>',
        '    <line>42</line>',
        '    <empty/>',
        '  </metadata>',
        '  <!--a - - b-->',
        '</bom>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup and drops characters XML cannot carry, so any name parses back as written', () => {
    const nasty = 'a<b>&"c"\t\r\n\u0001\uD800z';
    const root: Element = {
      type: 'element',
      name: 'component',
      attributes: { 'bom-ref': nasty },
      children: [{ type: 'element', name: 'name', children: nasty }],
    };
    const text = stringifyXml(root);
    assert.equal(XMLValidator.validate(text), true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      trimValues: false,
      processEntities: true,
      htmlEntities: true,
    }).parse(text) as { component: { '@bom-ref': string; name: string } };
    assert.equal(parsed.component.name, 'a<b>&"c"\t\r\n\uFFFD\uFFFDz');
    assert.equal(parsed.component['@bom-ref'], 'a<b>&"c"\t\r\n\uFFFD\uFFFDz');
  });

  it('declares a child namespace only where it changes', () => {
    const root: Element = {
      type: 'element',
      name: 'a',
      namespace: 'urn:x',
      children: [
        { type: 'element', name: 'b', namespace: 'urn:x', children: 't' },
        { type: 'element', name: 'c', namespace: new URL('urn:y'), children: 't' },
      ],
    };
    assert.equal(
      stringifyXml(root, ''),
      '<?xml version="1.0" encoding="UTF-8"?>\n<a xmlns="urn:x">\n<b>t</b>\n<c xmlns="urn:y">t</c>\n</a>\n',
    );
  });
});
