/** A document that cannot be read: the message is one line naming the file and the problem. */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    /** HTTP-ish class of the problem, for the API: unsupported type, too large, or unreadable content */
    readonly kind: "unsupported" | "too-large" | "unreadable" = "unreadable",
  ) {
    super(`${file}: ${problem}`);
    this.name = "DocumentError";
  }
}
