// Renders the tab bar icons (weapp's tabBar needs local PNG files) and the H5 page icon from the
// SVG drawings below.
// Run after changing an icon: `npx tsx miniapp/scripts/tabIcons.ts`; the PNGs are committed.
import path from "node:path";
import sharp from "sharp";

const SIZE = 81;
const NORMAL = "#4e5969";
const ACTIVE = "#1a5fb4";

// 48 × 48 line drawings, stroked; the active variant also fills the accent parts.
const ICONS: Record<string, (color: string, active: boolean) => string> = {
  home: (c, a) => `
    <path d="M6 22 L24 7 L42 22" fill="none" stroke="${c}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M11 19 V40 H37 V19" fill="${a ? c : "none"}" fill-opacity="0.15" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>
    <path d="M20 40 V29 H28 V40" fill="none" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>`,
  list: (c, a) => `
    <rect x="10" y="7" width="28" height="35" rx="3" fill="${a ? c : "none"}" fill-opacity="0.15" stroke="${c}" stroke-width="3.5"/>
    <path d="M17 17 H31 M17 25 H31 M17 33 H25" stroke="${c}" stroke-width="3.5" stroke-linecap="round"/>`,
  policy: (c, a) => `
    <path d="M8 12 H34 V38 a3 3 0 0 0 3 3 H11 a3 3 0 0 1 -3 -3 Z" fill="${a ? c : "none"}" fill-opacity="0.15" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>
    <path d="M34 20 H40 V38 a3 3 0 0 1 -3 3" fill="none" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>
    <path d="M14 20 H28 M14 27 H28 M14 34 H22" stroke="${c}" stroke-width="3.5" stroke-linecap="round"/>`,
  me: (c, a) => `
    <circle cx="24" cy="16" r="8" fill="${a ? c : "none"}" fill-opacity="0.15" stroke="${c}" stroke-width="3.5"/>
    <path d="M8 41 c1 -9 8 -14 16 -14 s15 5 16 14" fill="${a ? c : "none"}" fill-opacity="0.15" stroke="${c}" stroke-width="3.5" stroke-linecap="round"/>`,
};

async function main(): Promise<void> {
  const out = path.resolve(__dirname, "../src/assets/tab");
  for (const [name, draw] of Object.entries(ICONS)) {
    for (const active of [false, true]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48">${draw(active ? ACTIVE : NORMAL, active)}</svg>`;
      const file = path.join(out, `${name}${active ? "-active" : ""}.png`);
      await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toFile(file);
      process.stdout.write(`${file}\n`);
    }
  }
  // H5 page icon: the list drawing in white on the service's blue.
  const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 48 48"><rect width="48" height="48" rx="10" fill="${ACTIVE}"/>${ICONS.list("#ffffff", false)}</svg>`;
  const iconFile = path.resolve(__dirname, "../src/assets/app-icon.png");
  await sharp(Buffer.from(icon)).png({ compressionLevel: 9, palette: true }).toFile(iconFile);
  process.stdout.write(`${iconFile}\n`);
}

void main();
