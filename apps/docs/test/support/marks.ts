// The document's `x-chert-assumed` marks found by a plain scan of our own, not the docs'
// module, so the tests that hold the page to the document do not trust what they test.

/** Every mark of a document as [JSON pointer, text]. */
export function marksOf(node: unknown, at = ''): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((n, i) => marksOf(n, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const own: Array<[string, string]> = Object.hasOwn(node, 'x-chert-assumed') ? [[at, (node as Record<string, string>)['x-chert-assumed'] ?? '']] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => marksOf(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
}
