import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { ACCENT_COLOR, COLOR_ICON, OUTLINE_ICON } from '../appPackage/manifest';

/**
 * Draws the two Teams icons: two circular arrows chasing each other clockwise ("sync").
 * Regenerate the committed PNGs with `npm run build && node dist/scripts/makeIcons.js`.
 */

/** Teams sizes: the color icon is 192×192, the outline icon 32×32 with white lines on transparency. */
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

interface Glyph {
  /** Radius of the whole symbol in pixels; the geometry below is in units of it. */
  scale: number;
  /** Half the stroke width, in symbol units. */
  halfStroke: number;
}

const RING = 0.72;
const ARROW_HALF_WIDTH = 0.3;
const ARROW_LENGTH = (31 * Math.PI) / 180;
const ARC_START = (25 * Math.PI) / 180; // where the arrowhead sits; the arc runs counter-clockwise from here
const ARC_SPAN = (135 * Math.PI) / 180;
/** Sub-samples per pixel side: 4×4 gives smooth edges without an anti-aliasing library. */
const SUBSAMPLES = 4;

/** The 192×192 color icon: the white symbol on a solid accent background (Teams rounds the corners itself). */
export function drawColorIcon(): PNG {
  // Teams shows the color icon cropped; keeping the symbol inside the central 120 px keeps it whole.
  const glyph: Glyph = { scale: 58, halfStroke: 0.13 };
  const [r, g, b] = hexToRgb(ACCENT_COLOR);
  return paint(COLOR_SIZE, glyph, (cover) => [
    Math.round(r + (255 - r) * cover),
    Math.round(g + (255 - g) * cover),
    Math.round(b + (255 - b) * cover),
    255,
  ]);
}

/** The 32×32 outline icon: white only, coverage in the alpha channel, 2 px of padding. */
export function drawOutlineIcon(): PNG {
  const glyph: Glyph = { scale: 14, halfStroke: 0.11 };
  return paint(OUTLINE_SIZE, glyph, (cover) => [255, 255, 255, Math.round(255 * cover)]);
}

/** Writes both icons where the manifest expects them. */
export function writeIcons(dir: string): void {
  writeFileSync(path.join(dir, COLOR_ICON), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(dir, OUTLINE_ICON), PNG.sync.write(drawOutlineIcon()));
}

function paint(size: number, glyph: Glyph, shade: (cover: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  const centre = size / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES - centre) / glyph.scale;
          const y = (centre - (py + (sy + 0.5) / SUBSAMPLES)) / glyph.scale; // image y grows downwards
          if (isInSymbol(x, y, glyph.halfStroke)) hits++;
        }
      }
      png.data.set(shade(hits / (SUBSAMPLES * SUBSAMPLES)), (py * size + px) * 4);
    }
  }
  return png;
}

/** The symbol is two copies of one arrow, the second turned half a circle. */
function isInSymbol(x: number, y: number, halfStroke: number): boolean {
  return isInArrow(x, y, halfStroke) || isInArrow(-x, -y, halfStroke);
}

/** One arrow: an arc of the ring with a round tail and an arrowhead pointing clockwise along the ring. */
function isInArrow(x: number, y: number, halfStroke: number): boolean {
  const radius = Math.hypot(x, y);
  if (Math.abs(radius - RING) > ARROW_HALF_WIDTH) return false; // nothing of the arrow lies off the ring band
  const angle = normalise(Math.atan2(y, x) - ARC_START);
  if (angle <= ARC_SPAN && Math.abs(radius - RING) <= halfStroke) return true;
  if (Math.hypot(x - TAIL[0], y - TAIL[1]) <= halfStroke) return true;
  return isInTriangle([x, y], HEAD_OUTER, HEAD_INNER, HEAD_TIP);
}

type Point = [number, number];

function polar(radius: number, angle: number): Point {
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

const TAIL = polar(RING, ARC_START + ARC_SPAN);
const HEAD_OUTER = polar(RING + ARROW_HALF_WIDTH, ARC_START);
const HEAD_INNER = polar(RING - ARROW_HALF_WIDTH, ARC_START);
const HEAD_TIP = polar(RING, ARC_START - ARROW_LENGTH);

function normalise(angle: number): number {
  const turn = 2 * Math.PI;
  return ((angle % turn) + turn) % turn;
}

function isInTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const side = (u: Point, v: Point): number => (v[0] - u[0]) * (p[1] - u[1]) - (v[1] - u[1]) * (p[0] - u[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

if (require.main === module) {
  // Compiled to dist/scripts/, so the sources' appPackage/ is two levels up.
  writeIcons(path.resolve(__dirname, '..', '..', 'appPackage'));
}
