// Draws Shipboard's icons into public/: an anchor on a rounded square, one
// light and one dark, as SVG (tabs), PNG (home screens) and favicon.ico.
// Run after changing the drawing: node scripts/icons.mjs
import fs from "node:fs";
import sharp from "sharp";

const anchor = (stroke) => `
  <g fill="none" stroke="${stroke}" stroke-width="36" stroke-linecap="round" stroke-linejoin="round">
    <circle cx="256" cy="132" r="40"/>
    <path d="M256 172v236"/>
    <path d="M176 224h160"/>
    <path d="M120 300c0 76 60 118 136 118s136-42 136-118"/>
    <path d="M96 316l24-24 24 24M368 316l24-24 24 24"/>
  </g>`;

const themes = {
  light: { background: "#0369a1", stroke: "#ffffff" },
  dark: { background: "#18181b", stroke: "#38bdf8" },
};

const svg = ({ background, stroke }, { padding = 0, radius = 112 } = {}) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-padding} ${-padding} ${512 + 2 * padding} ${512 + 2 * padding}">
  <rect x="${-padding}" y="${-padding}" width="${512 + 2 * padding}" height="${512 + 2 * padding}" rx="${radius}" fill="${background}"/>${anchor(stroke)}
</svg>
`;

const out = (name, data) => fs.writeFileSync(new URL(`../public/${name}`, import.meta.url), data);

for (const [name, theme] of Object.entries(themes)) out(`icon-${name}.svg`, svg(theme));
const png = (theme, size, options) => sharp(Buffer.from(svg(theme, options))).resize(size, size).png().toBuffer();

out("icon-192.png", await png(themes.light, 192));
out("icon-512.png", await png(themes.light, 512));
// Maskable icons are cropped to a circle by some launchers: keep the anchor in the safe middle.
out("icon-maskable-512.png", await png(themes.light, 512, { padding: 96, radius: 0 }));
out("apple-touch-icon.png", await png(themes.light, 180, { radius: 0 }));

// favicon.ico holding one 32×32 PNG (every current browser reads PNG inside ICO).
const favicon = await png(themes.light, 32);
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6); // width
header.writeUInt8(32, 7); // height
header.writeUInt16LE(1, 10); // colour planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(favicon.length, 14);
header.writeUInt32LE(22, 18); // offset of the image
out("favicon.ico", Buffer.concat([header, favicon]));
