/**
 * An XML tree: the shape of the CycloneDX library's normalized XML (its SimpleXml types), which
 * the other XML documents (JUnit reports of scans and of policy tests) are built as too.
 */
export interface XmlElement {
  type: 'element';
  name: string;
  namespace?: string | URL;
  attributes?: Record<string, string | number | undefined>;
  children?: Iterable<XmlElement | XmlComment> | string | number | undefined;
}

export interface XmlComment {
  type: 'comment';
  text?: string | number;
}

/** An element; `children` a list of nodes, or text. */
export function xmlElement(
  name: string,
  attributes: Record<string, string | number | undefined> = {},
  children?: XmlElement['children'],
): XmlElement {
  return children === undefined
    ? { type: 'element', name, attributes }
    : { type: 'element', name, attributes, children };
}

type Element = XmlElement;
type Comment = XmlComment;

/**
 * Renders an XML tree: the one XML writer of the project, so escaping (markup, and the
 * characters XML 1.0 cannot carry) is done once. The CycloneDX library's own XmlSerializer needs
 * the optional dependency `xmlbuilder2`; the tree is simple (elements, attributes, text,
 * comments), so a small writer avoids that dependency and keeps the output byte-stable.
 */
export function stringifyXml(root: Element, indent = '  '): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeNode(out, root, '', indent, undefined);
  return out.join('');
}

function writeNode(out: string[], node: Element | Comment, pad: string, indent: string, ns?: string): void {
  if (node.type === 'comment') {
    // "--" may not occur inside a comment.
    out.push(`${pad}<!--${escapeText(String(node.text ?? '')).replace(/--/g, '- -')}-->\n`);
    return;
  }
  const namespace = node.namespace === undefined ? ns : String(node.namespace);
  let open = `${pad}<${node.name}`;
  if (namespace !== undefined && namespace !== ns) open += ` xmlns="${escapeAttribute(namespace)}"`;
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    if (value !== undefined) open += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  const children = node.children;
  if (children === undefined) {
    out.push(`${open}/>\n`);
  } else if (typeof children === 'string' || typeof children === 'number') {
    out.push(`${open}>${escapeText(String(children))}</${node.name}>\n`);
  } else {
    const list = Array.from(children);
    if (list.length === 0) {
      out.push(`${open}/>\n`);
      return;
    }
    out.push(`${open}>\n`);
    for (const child of list) writeNode(out, child, pad + indent, indent, namespace);
    out.push(`${pad}</${node.name}>\n`);
  }
}

// Characters XML 1.0 cannot carry at all, escaped or not; lone surrogates included.
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything that needs work; most names, versions and purls have none, and skip the replacements.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point
const SPECIAL = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>\r]/g, (c) => ENTITY[c] ?? c);
}

function escapeAttribute(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"\t\n\r]/g, (c) => ENTITY[c] ?? c);
}
