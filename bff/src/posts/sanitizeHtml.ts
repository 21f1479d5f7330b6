import type sanitizeHtml from "sanitize-html";

let loaded: typeof sanitizeHtml | null = null;

/** sanitize-html (with htmlparser2 and postcss) is loaded on the first post it cleans, not at start. */
function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("sanitize-html") as typeof sanitizeHtml;
  return loaded(html, options);
}

/**
 * The allow-list for post bodies: structure and emphasis, links, https images and simple tables.
 * Everything else (scripts, styles, frames, forms, event handlers, inline styles, classes) goes,
 * and the text inside script/style-like elements goes with it.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "span", "code", "pre",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
    ol: ["start"],
  },
  // Links may be web, mail or phone links; images only https (mini-program image hosts must be https).
  allowedSchemes: ["https", "http", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "template", "iframe", "object"],
  transformTags: {
    // Only absolute links: a relative one means nothing inside the mini-program.
    a: (tagName, attribs) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(attribs)) {
        if (k !== "href" || /^(https?:\/\/|mailto:|tel:)/i.test(v.trim())) out[k] = k === "href" ? v.trim() : v;
      }
      return { tagName, attribs: { ...out, rel: "noopener noreferrer nofollow", target: "_blank" } };
    },
    // Images only from https hosts (the mini-program loads nothing else); others are dropped.
    img: (tagName, attribs) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(attribs)) {
        if (k !== "src" || /^https:\/\//i.test(v.trim())) out[k] = k === "src" ? v.trim() : v;
      }
      return { tagName, attribs: out };
    },
    b: "strong",
    i: "em",
  },
  allowedAttributesAppliedAfterTransform: undefined,
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
} as sanitizeHtml.IOptions;

// The attributes added by transformTags must survive the attribute filter.
(OPTIONS.allowedAttributes as Record<string, string[]>).a.push("rel", "target");

/**
 * Cleans rich text written in the workbench (or pasted from elsewhere) with sanitize-html.
 * @param html untrusted HTML.
 * @returns HTML safe to render in the mini-program's rich-text and in the H5 build.
 */
export function sanitizePostHtml(html: string): string {
  return sanitize(html, OPTIONS).trim();
}

/**
 * The readable text of (sanitised) HTML, for search, summaries and notices.
 * @param html HTML.
 * @returns text with block boundaries as spaces.
 */
export function htmlToText(html: string): string {
  const spaced = html.replace(/<\/(p|h[1-6]|li|td|th|tr|blockquote|figcaption|pre)>|<br\s*\/?>/gi, "$& ");
  return sanitize(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags })
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A summary from the text when the author wrote none.
 * @param text plain text.
 * @param max characters.
 * @returns the first sentences, cut at `max` with an ellipsis.
 */
export function summarize(text: string, max = 120): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
