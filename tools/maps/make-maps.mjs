// Converts Natural Earth's country outlines (the world-atlas package's TopoJSON) into the
// compact CSV files of content/assets/maps/: one row per polygon ring, with the country's
// ISO 3166-1 alpha-2 code and the ring's points as "lon,lat" pairs (degrees, 2 decimals).
//
// Run once when the maps should change; the engine never runs it (nothing is fetched at build
// time). From this folder:
//   npm install world-atlas@2.0.2 topojson-client@3.1.0 i18n-iso-countries@7.14.0
//   node make-maps.mjs ../../content/assets/maps
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {feature} from 'topojson-client';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? '.';

// Douglas–Peucker simplification of a ring, keeping its ends.
function simplify(points, tolerance) {
  if (points.length < 4) return points;
  const keep = new Array(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    let best = -1, index = -1;
    for (let i = a + 1; i < b; ++i) {
      const [px, py] = points[i];
      const dx = bx - ax, dy = by - ay;
      const length = Math.hypot(dx, dy);
      // A closed ring starts and ends at one point: measure from it.
      const distance = length === 0 ? Math.hypot(px - ax, py - ay)
                                    : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (distance > best) { best = distance; index = i; }
    }
    if (best > tolerance) { keep[index] = true; stack.push([a, index], [index, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

// Sutherland–Hodgman clipping of a ring to a longitude/latitude box.
function clip(ring, [west, south, east, north]) {
  const edges = [
    [p => p[0] >= west, (p, q) => [west, p[1] + (q[1] - p[1]) * (west - p[0]) / (q[0] - p[0])]],
    [p => p[0] <= east, (p, q) => [east, p[1] + (q[1] - p[1]) * (east - p[0]) / (q[0] - p[0])]],
    [p => p[1] >= south, (p, q) => [p[0] + (q[0] - p[0]) * (south - p[1]) / (q[1] - p[1]), south]],
    [p => p[1] <= north, (p, q) => [p[0] + (q[0] - p[0]) * (north - p[1]) / (q[1] - p[1]), north]],
  ];
  let points = ring;
  for (const [inside, cross] of edges) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; ++i) {
      const p = input[i], q = input[(i + 1) % input.length];
      if (inside(p)) { points.push(p); if (!inside(q)) points.push(cross(p, q)); }
      else if (inside(q)) points.push(cross(p, q));
    }
    if (!points.length) break;
  }
  return points;
}

// A ring that crosses the antimeridian jumps between +180 and −180. Unwrapped so it runs on
// continuously (east of 180° as 180+), it is cut into its part west of 180° and its part east
// of it, shifted back by 360°.
function splitAntimeridian(ring) {
  let jumps = 0;
  for (let i = 1; i < ring.length; ++i) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) ++jumps;
  if (!jumps) return [ring];
  const unwrapped = [ring[0]];
  for (let i = 1; i < ring.length; ++i) {
    let [x, y] = ring[i];
    const previous = unwrapped[i - 1][0];
    while (x - previous > 180) x -= 360;
    while (previous - x > 180) x += 360;
    unwrapped.push([x, y]);
  }
  const parts = [];
  for (const shift of [0, 360, -360]) {
    const moved = unwrapped.map(([x, y]) => [x - shift, y]);
    const part = clip(moved, [-180, -90, 180, 90]);
    if (part.length >= 3) parts.push(part);
  }
  return parts;
}

function convert(file, {box, tolerance, minimumPoints}) {
  const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`)));
  const shapes = feature(topology, topology.objects.countries).features;
  const rows = ['country,polygon,ring,points'];
  for (const shape of shapes) {
    // Natural Earth numbers countries by ISO 3166-1 numeric code; some territories have none.
    const code = countries.numericToAlpha2(String(shape.id ?? '').padStart(3, '0')) ?? '';
    const polygons = shape.geometry?.type === 'Polygon' ? [shape.geometry.coordinates]
                   : shape.geometry?.type === 'MultiPolygon' ? shape.geometry.coordinates : [];
    let index = 0;
    for (const polygon of polygons) {
      // Each part of a polygon cut at the antimeridian becomes a polygon of its own.
      const pieces = [[], [], []];
      for (const ring of polygon)
        splitAntimeridian(ring).forEach((part, k) => pieces[k].push(part));
      for (const rings of pieces.filter(rings => rings.length)) {
        rings.forEach((ring, r) => {
          let points = box ? clip(ring, box) : ring;
          points = simplify(points, tolerance);
          if (points.length < minimumPoints) return;
          const text = points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
          rows.push(`${code},${index},${r},"${text}"`);
        });
        ++index;
      }
    }
  }
  return rows.join('\n') + '\n';
}

writeFileSync(`${out}/world.csv`, convert('countries-110m.json', {tolerance: 0.3, minimumPoints: 4}));
writeFileSync(`${out}/europe.csv`,
              convert('countries-50m.json', {box: [-45, 25, 80, 80], tolerance: 0.07, minimumPoints: 4}));
