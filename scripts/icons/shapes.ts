/**
 * Tiny vector shapes for drawing the app icons in code. A shape is an inside test on a point in
 * unit coordinates (0..1 across the drawing area, y pointing down); {@link coverage} turns it into
 * an anti-aliased pixel value by supersampling, so edges look smooth at 32 px as well as 192 px.
 */
export type Shape = (x: number, y: number) => boolean;

/** A point in unit coordinates. */
export type Point = readonly [x: number, y: number];

export function rect(left: number, top: number, right: number, bottom: number): Shape {
  return (x, y) => x >= left && x <= right && y >= top && y <= bottom;
}

export function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

export function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    // Distance into the corner square, zero when the point is beside an edge rather than a corner.
    const dx = Math.max(left + radius - x, 0, x - (right - radius));
    const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}

/** A simple (non-self-intersecting) polygon, by the even-odd rule. */
export function polygon(points: readonly Point[]): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const a = points[i];
      const b = points[j];
      if (a === undefined || b === undefined) continue;
      const [ax, ay] = a;
      const [bx, by] = b;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside;
  };
}

export function union(...shapes: readonly Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

/** Maps a unit-square shape onto a sub-square of the unit square (for padding a glyph). */
export function inset(shape: Shape, margin: number): Shape {
  const scale = 1 - 2 * margin;
  return (x, y) => shape((x - margin) / scale, (y - margin) / scale);
}

const SAMPLES_PER_AXIS = 8;

/**
 * The fraction (0..1) of pixel (px, py) of a size×size image that lies inside `shape`,
 * from an 8×8 grid of samples.
 */
export function coverage(shape: Shape, px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES_PER_AXIS; sy++) {
    for (let sx = 0; sx < SAMPLES_PER_AXIS; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES_PER_AXIS) / size;
      const y = (py + (sy + 0.5) / SAMPLES_PER_AXIS) / size;
      if (shape(x, y)) hits++;
    }
  }
  return hits / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS);
}
