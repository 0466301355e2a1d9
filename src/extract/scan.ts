/**
 * Walking to the edge of a clause or sentence, character by character. Stop characters are kept in a set of
 * char codes: a regular expression tested on each character costs far more on the parse's hot path.
 */
export type StopSet = Set<number>;

export function stopSet(chars: string): StopSet {
  return new Set([...chars].map((c) => c.charCodeAt(0)));
}

/** First index at or before `from` whose previous character is a stop (or 0). */
export function backTo(text: string, from: number, stops: StopSet): number {
  let a = from;
  while (a > 0 && !stops.has(text.charCodeAt(a - 1))) a--;
  return a;
}

/** First index at or after `from` that is a stop (or the text's length). */
export function forwardTo(text: string, from: number, stops: StopSet): number {
  let b = from;
  while (b < text.length && !stops.has(text.charCodeAt(b))) b++;
  return b;
}

/** Clause ends: ，；。 and their halfwidth forms, line breaks. */
export const CLAUSE_END = stopSet("，,；;。！？!?\n");
/** Sentence ends: 。！？ and line breaks (a ； does not end a sentence). */
export const SENTENCE_END = stopSet("。！？!?\n");
