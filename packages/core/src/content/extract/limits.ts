/**
 * The caps extraction works within, so reading a hostile payload or stream costs what the caps
 * allow: list lengths, indices and kept text are bounded before anything is allocated or looped.
 */
import { getConfig } from '../../config';
import { detachedPrefix } from '../../serialize';
import { TRUNCATION_MARKER } from '../attribute-sink';

/** Most entries read from any list of a payload, and the highest index + 1 a chunk may name. */
export function maxItems(): number {
  return getConfig().maxItems;
}

/** Longest text kept: the attribute it ends up in is capped there anyway. */
export function maxLength(): number {
  return getConfig().maxAttributeLength;
}

/** True when `i` is an index a stream chunk may use: an integer in `[0, maxItems)`. */
export function validIndex(i: number, cap: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < cap;
}

/** `s` cut to `max` characters (as a copy, with the truncation marker) when longer. */
export function capText(s: string | undefined, max: number): string | undefined {
  if (s === undefined || s.length <= max) return s;
  return detachedPrefix(s, Math.max(0, max - TRUNCATION_MARKER.length), TRUNCATION_MARKER);
}

/**
 * The characters a stream aggregator may still keep, shared by every text it accumulates. What it
 * keeps ends up in attributes capped at `maxAttributeLength`, so past that many characters a
 * longer stream would only cost memory: the text stops growing and ends with the marker instead.
 */
export class TextBudget {
  private left: number;

  constructor(max: number) {
    this.left = max;
  }

  /** The part of `piece` that is kept: all of it, the part that fits plus the marker, or nothing. */
  take(piece: string): string {
    if (piece.length <= this.left) {
      this.left -= piece.length;
      return piece;
    }
    if (this.left < 0) return '';
    // A copy: a slice of the chunk would keep the whole chunk alive.
    const kept = detachedPrefix(piece, this.left, TRUNCATION_MARKER);
    this.left = -1;
    return kept;
  }

  /** True once something was dropped. */
  get truncated(): boolean {
    return this.left < 0;
  }
}
