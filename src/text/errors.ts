/** A document that cannot be read: the message is one line naming the file and the problem. */
export class DocumentError extends Error {
  readonly problem: string;

  constructor(
    readonly file: string,
    problem: string,
    /** HTTP-ish class of the problem, for the API: unsupported type, too large, or unreadable content */
    readonly kind: "unsupported" | "too-large" | "unreadable" = "unreadable",
  ) {
    // a problem built from a library's message may carry line breaks; the contract is one line
    super(`${file}: ${oneLine(problem)}`);
    this.problem = oneLine(problem);
    this.name = "DocumentError";
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
