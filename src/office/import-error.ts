/**
 * Why an import stops as a whole (a file's problems of reading are XlsxError): its table cannot be found
 * (`unreadable`), rows were refused and the user did not choose to skip them (`refused`, with the rows in
 * `details`), or what the confirmation names is no longer what the preview showed (`conflict`).
 */
export class ImportError extends Error {
  constructor(
    readonly kind: "unreadable" | "refused" | "conflict",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ImportError";
  }
}
