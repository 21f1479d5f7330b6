/**
 * Prepares sanitised post HTML (the BFF allow-lists it) for <RichText>: images and tables are
 * given inline widths, because weapp's rich-text cannot be reached by page styles.
 * @param html the sanitised body.
 * @returns HTML for RichText's nodes.
 */
export function richTextHtml(html: string): string {
  return html
    .replace(/<img\b/gi, '<img style="max-width:100%;height:auto;display:block;margin:8px 0"')
    .replace(/<table\b/gi, '<table style="width:100%;border-collapse:collapse"')
    .replace(/<(td|th)\b/gi, '<$1 style="border:1px solid #c9cfd8;padding:4px"');
}
