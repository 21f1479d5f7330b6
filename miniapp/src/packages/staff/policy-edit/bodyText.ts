/**
 * The policy editor lets staff write the body as plain text (a mini-program has no HTML editor):
 * a blank line starts a new paragraph, a line starting with "## " is a subheading and lines
 * starting with "- " form a list. The BFF sanitises the HTML again on save.
 */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/**
 * Turns the editor's plain text into simple HTML.
 * @param text paragraphs separated by blank lines; "## " subheadings; "- " list items.
 * @returns HTML with <p>, <h3>, <ul><li> and <br> only.
 */
export function textToHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split("\n").map((l) => l.trim());
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) html.push(`<p>${paragraph.map(escapeHtml).join("<br/>")}</p>`);
      if (list.length)
        html.push(`<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`);
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (/^##\s+/.test(line)) {
        flush();
        html.push(`<h3>${escapeHtml(line.replace(/^##\s+/, ""))}</h3>`);
      } else if (/^[-•·]\s+/.test(line)) {
        if (paragraph.length) {
          html.push(`<p>${paragraph.map(escapeHtml).join("<br/>")}</p>`);
          paragraph = [];
        }
        list.push(line.replace(/^[-•·]\s+/, ""));
      } else {
        if (list.length) {
          html.push(`<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`);
          list = [];
        }
        paragraph.push(line);
      }
    }
    flush();
  }
  return html.join("");
}

/**
 * Turns a stored body (sanitised HTML, possibly written elsewhere) back into editor text.
 * Formatting the editor cannot express (links, tables, bold) is reduced to its text.
 * @param html the stored body.
 * @returns plain text in the editor's conventions.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/\r\n?/g, "\n")
    .replace(/\n/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<h[1-6][^>]*>/gi, "\n\n## ")
    .replace(/<\/h[1-6]>/gi, "\n\n")
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<\/(ul|ol)>/gi, "\n\n")
    .replace(/<\/(p|div|blockquote|table|tr)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "");
  return unescapeHtml(text)
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Splits a comma / 、 / space separated list typed by staff.
 * @param value what was typed.
 * @returns the distinct non-empty entries.
 */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
