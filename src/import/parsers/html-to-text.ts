import { compile } from 'html-to-text';

// A tag that a crawled page would contain; plain text with a stray "<" does not match.
const HTML_TAG = /<(?:!doctype|html|head|body|p|div|br|span|h[1-6]|ul|ol|li|article|section|main|header|footer|a|strong|em|b|i|blockquote|table)\b[^>]*>/i;

/** True when the input looks like HTML rather than the plain text of a page. */
export function looksLikeHtml(input: string): boolean {
  return HTML_TAG.test(input);
}

// Compiled once: compiling the selector tree costs more than converting a page.
const convert = compile({
  // Lines must stay as the page has them: wrapping would split titles and signature lines.
  wordwrap: false,
  selectors: [
    // Hrefs are not page text; keeping them would put URLs into bodies and mentions.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // Headings are answer titles: keep them as written.
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

/** Plain text of an HTML page: one line per block or `<br>`, blocks separated by blank lines. */
export function htmlToPlainText(html: string): string {
  return convert(html);
}
