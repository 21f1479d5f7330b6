import { htmlToText, sanitizePostHtml, summarize } from "../../../bff/src/posts/sanitizeHtml";

/**
 * Payloads from the usual XSS cheat sheets (OWASP filter-evasion list, PortSwigger): scripts,
 * event handlers, dangerous URL schemes with encodings and whitespace tricks, SVG/MathML,
 * frames, forms, styles, meta refresh, template and comment tricks.
 */
const PAYLOADS = [
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`,
  `<img src=x onerror=alert(1)>`,
  `<img src="https://ok.example/a.png" onload="alert(1)">`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<a href="javascript:alert(1)">点我</a>`,
  `<a href="JAVASCRIPT:alert(1)">点我</a>`,
  `<a href=" javascript:alert(1)">点我</a>`,
  `<a href="java\0script:alert(1)">点我</a>`,
  `<a href="&#x6A;avascript:alert(1)">点我</a>`,
  `<a href="vbscript:msgbox(1)">点我</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<svg onload=alert(1)>`,
  `<svg><script>alert(1)</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
  `<iframe src="https://evil.example"></iframe>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<object data="javascript:alert(1)"></object>`,
  `<embed src="javascript:alert(1)">`,
  `<body onload=alert(1)>`,
  `<div style="background:url(javascript:alert(1))">x</div>`,
  `<p style="behavior:url(xss.htc)">x</p>`,
  `<style>@import 'https://evil.example/x.css';</style>`,
  `<link rel=stylesheet href="https://evil.example/x.css">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<form action="https://evil.example"><input name=x><button>提交</button></form>`,
  `<details open ontoggle=alert(1)>`,
  `<video><source onerror="alert(1)"></video>`,
  `<audio src=x onerror=alert(1)>`,
  `<base href="https://evil.example/">`,
  `<template><script>alert(1)</script></template>`,
  `<!--<img src="--><img src=x onerror=alert(1)//">`,
  `<img src="http://insecure.example/a.png">`,
  `<img src="//protocol-relative.example/a.png">`,
  `<a href="//evil.example/">点我</a>`,
  `"><script>alert(document.cookie)</script>`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<p onclick="alert(1)" onmouseover="alert(2)">文字</p>`,
  `<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
];

/** What must never survive: executable tags, handlers, script-ish schemes, styles. */
function assertSafe(out: string): void {
  const lower = out.toLowerCase();
  expect(lower).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|style|link|meta|form|input|button|base|body|video|audio|source|details|template|noscript)\b/);
  expect(lower).not.toMatch(/\son[a-z]+\s*=/);
  expect(lower).not.toMatch(/(javascript|vbscript|data):/);
  expect(lower).not.toMatch(/\sstyle\s*=/);
  expect(lower).not.toMatch(/\s(srcdoc|background|action)\s*=/);
  for (const m of out.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/gi)) expect(m[1]).toMatch(/^https:\/\//);
  for (const m of out.matchAll(/<a\b[^>]*\bhref="([^"]*)"/gi)) expect(m[1]).toMatch(/^(https?:|mailto:|tel:)/);
}

describe("sanitizePostHtml", () => {
  it("is tested with at least 30 payloads", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(PAYLOADS.map((p, i) => [i, p]))("neutralises payload %i: %s", (_i, payload) => {
    assertSafe(sanitizePostHtml(payload as string));
    // Embedded in legitimate content, the content survives and the payload does not.
    const mixed = sanitizePostHtml(`<p>清单动态</p>${payload as string}<p>政策解读</p>`);
    assertSafe(mixed);
    expect(mixed).toContain("<p>清单动态</p>");
    expect(mixed).toContain("<p>政策解读</p>");
  });

  it("keeps the formatting staff use", () => {
    const html = `<h2>一、适用范围</h2><p>本<strong>通知</strong>适用于<em>全市</em>。</p><ul><li>第一条</li></ul><ol start="2"><li>第二条</li></ol><blockquote>引用</blockquote><table><thead><tr><th>事项</th></tr></thead><tbody><tr><td colspan="2">食品经营</td></tr></tbody></table><img src="https://img.example/a.png" alt="示意图" width="300">`;
    expect(sanitizePostHtml(html)).toBe(html.replace('width="300">', 'width="300" />'));
  });

  it("keeps safe links and marks them as external", () => {
    const out = sanitizePostHtml(`<a href="https://www.ndrc.gov.cn/x.html" title="原文">原文</a> <a href="mailto:fgw@lushan.gov.cn">邮件</a> <a href="tel:12345">12345</a>`);
    expect(out).toContain(`<a href="https://www.ndrc.gov.cn/x.html" title="原文" rel="noopener noreferrer nofollow" target="_blank">原文</a>`);
    expect(out).toContain(`href="mailto:fgw@lushan.gov.cn"`);
    expect(out).toContain(`href="tel:12345"`);
  });

  it("drops the text of scripts and styles, not only the tags", () => {
    expect(sanitizePostHtml(`<p>正文</p><script>var secret = 1;</script><style>p{}</style>`)).toBe("<p>正文</p>");
  });

  it("drops relative links and non-https images", () => {
    expect(sanitizePostHtml(`<a href="/admin">相对</a><img src="x.png"><img src="https://a.example/b.png">`)).toBe(
      `<a rel="noopener noreferrer nofollow" target="_blank">相对</a><img src="https://a.example/b.png" />`,
    );
  });

  it("turns b and i into strong and em", () => {
    expect(sanitizePostHtml("<b>粗</b><i>斜</i>")).toBe("<strong>粗</strong><em>斜</em>");
  });
});

describe("htmlToText and summarize", () => {
  it("extracts readable text with block boundaries", () => {
    expect(htmlToText("<h2>标题</h2><p>第一段&amp;说明</p><p>第二段</p>")).toBe("标题 第一段&说明 第二段");
  });

  it("cuts long text with an ellipsis", () => {
    expect(summarize("一二三四五六", 4)).toBe("一二三…");
    expect(summarize("一二三", 4)).toBe("一二三");
  });
});
